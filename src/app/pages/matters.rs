//! The matters list with search and filters.
use crate::api::matters::list_matters;
use crate::app::components::text::{PageTitle, error_text, fmt_date, kind_label, status_label};
use crate::i18n::*;
use crate::model::matter::{MatterFilter, MatterKind, MatterStatus};
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;

/// Matters the staff member may see: search, type and status filters, archived toggle.
#[component]
pub fn MattersPage() -> impl IntoView {
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let archived = RwSignal::new(false);
    let filter = Memo::new(move |_| MatterFilter { q: q.get(), kind: kind.get(), status: status.get(), archived: archived.get() });
    let matters = Resource::new(move || filter.get(), list_matters);
    let kind_opts = move || {
        MatterKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{kind_label(i18n.get_locale(), *k)}</option> }).collect_view()
    };
    let status_opts = move || {
        MatterStatus::ALL.iter().map(|s| view! { <option value=s.as_str()>{status_label(i18n.get_locale(), *s)}</option> }).collect_view()
    };
    view! {
        <PageTitle text=|l| td_string!(l, matters.title).to_string()/>
        <div class="page-header">
            <div>
                <h1 class="page-title">{t!(i18n, matters.title)}</h1>
                <p class="subtitle">{t!(i18n, matters.subtitle)}</p>
            </div>
            <div class="actions">
                <a class="btn btn-primary" href="/matters/new">{t!(i18n, matters.new)}</a>
            </div>
        </div>
        <div class="toolbar" role="search">
            <label class="sr-only" for="matter-search">{t!(i18n, matters.search)}</label>
            <input id="matter-search" type="search" placeholder=move || t_string!(i18n, matters.search).to_string()
                on:input=move |ev| q.set(event_target_value(&ev)) prop:value=q/>
            <label class="sr-only" for="kind-filter">{t!(i18n, matters.kind)}</label>
            <select id="kind-filter" on:change=move |ev| kind.set(event_target_value(&ev))>
                <option value="">{t!(i18n, matters.all_kinds)}</option>
                {kind_opts}
            </select>
            <label class="sr-only" for="status-filter">{t!(i18n, matters.status)}</label>
            <select id="status-filter" on:change=move |ev| status.set(event_target_value(&ev))>
                <option value="">{t!(i18n, matters.all_statuses)}</option>
                {status_opts}
            </select>
            <label class="checkbox">
                <input type="checkbox" bind:checked=archived/>
                <span>{t!(i18n, matters.show_archived)}</span>
            </label>
        </div>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match matters.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t!(i18n, matters.empty)}</p> }.into_sync_any(),
                    Ok(list) => view! {
                        <ul class="matter-list">
                            {list.into_iter().map(|m| {
                                let deadline = m.deadline.clone();
                                let status_class = format!("badge badge-status-{}", m.status.as_str());
                                view! {
                                    <li>
                                        <a class="matter-item card" href=format!("/matters/{}", m.id)>
                                            <span class="matter-title">{m.title.clone()}</span>
                                            <span class="matter-meta">
                                                <span class="badge badge-kind">{move || kind_label(i18n.get_locale(), m.kind)}</span>
                                                <span class=status_class>{move || status_label(i18n.get_locale(), m.status)}</span>
                                                {m.archived.then(|| view! { <span class="badge badge-archived">{t!(i18n, matters.archived)}</span> })}
                                                {(!m.reference.is_empty()).then(|| view! { <span>{m.reference.clone()}</span> })}
                                                {deadline.map(|d| view! { <span>{move || format!("{}: {}", t_string!(i18n, matters.deadline), fmt_date(i18n.get_locale(), &d))}</span> })}
                                                <span>{move || t_string!(i18n, matters.open_tasks, count = m.open_tasks).to_string()}</span>
                                            </span>
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_sync_any(),
                    Err(e) => view! { <p class="form-error" role="alert">{error_text(i18n.get_locale(), e.code())}</p> }.into_sync_any(),
                }
            })}
        </Transition>
    }
}
