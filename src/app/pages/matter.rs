//! One matter: header with deadline and progress, schedule timeline, board,
//! parties and linked matters.
use crate::api::matters::{add_matter_link, get_matter, matter_choices, remove_matter_link, set_matter_archived};
use crate::app::components::board::BoardView;
use crate::app::components::forms::{FieldError, FormError, action_error};
use crate::app::components::matter_tabs::{MatterTab, MatterTabs};
use crate::app::components::text::{kind_label, link_label, status_label, visibility_label};
use crate::app::components::timeline::{DeadlineSummary, Timeline, progress};
use crate::i18n::*;
use crate::api::board::get_board;
use crate::api::sharing::{list_matter_access, matter_access_log};
use crate::app::components::share::SharePanel;
use crate::model::sharing::{Access, AccessLogEntry};
use crate::model::board::Board;
use crate::model::matter::{LinkKind, MatterDetail};
use crate::model::{AppError, Choice};
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The matter page.
#[component]
pub fn MatterPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let matter = Resource::new(move || id.get(), get_matter);
    let board = Resource::new(move || id.get(), get_board);
    // The matters to link to load when the picker is first used, not with the page.
    let want_others = RwSignal::new(false);
    let others = Resource::new(move || want_others.get(), |want| async move {
        if want { matter_choices().await } else { Ok(vec![]) }
    });
    let access = Resource::new(move || id.get(), list_matter_access);
    let log = Resource::new(move || id.get(), matter_access_log);
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match matter.await {
                    Ok(m) => view! { <MatterView m=m board others want_others access log on_change=Callback::new(move |_| matter.refetch())/> }.into_sync_any(),
                    Err(_) => view! {
                        <div class="empty">
                            <h1>{t!(i18n, errors.not_found)}</h1>
                            <a href="/matters">{t!(i18n, nav.back_home)}</a>
                        </div>
                    }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn MatterView(
    m: MatterDetail,
    board: Resource<Result<Board, AppError>>,
    others: Resource<Result<Vec<Choice>, AppError>>,
    want_others: RwSignal<bool>,
    access: Resource<Result<Vec<Access>, AppError>>,
    log: Resource<Result<Vec<AccessLogEntry>, AppError>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = m.id.clone();
    let archived = m.archived;
    let id_archive = id.clone();
    let archive = Action::new(move |a: &bool| set_matter_archived(id_archive.clone(), *a));
    Effect::new(move |_| {
        if let Some(Ok(_)) = archive.value().get() {
            on_change.run(());
        }
    });
    let pct = progress(&m.stages);
    let deadline = m.deadline.clone();
    let title = m.title.clone();
    let status_class = format!("badge badge-status-{}", m.status.as_str());
    let (kind, status, vis) = (m.kind, m.status, m.visibility);
    view! {
        <Title text=title.clone()/>
        <div class="page-header">
            <div>
                <p class="muted"><a href="/matters">{t!(i18n, matters.title)}</a></p>
                <h1 class="page-title">{title.clone()}</h1>
                <p class="matter-meta">
                    <span class="badge badge-kind">{move || kind_label(i18n.get_locale(), kind)}</span>
                    <span class=status_class>{move || status_label(i18n.get_locale(), status)}</span>
                    <span class="badge badge-private">{move || visibility_label(i18n.get_locale(), vis)}</span>
                    {archived.then(|| view! { <span class="badge badge-archived">{t!(i18n, matters.archived)}</span> })}
                    {(!m.reference.is_empty()).then(|| view! { <span class="muted">{m.reference.clone()}</span> })}
                </p>
            </div>
            <div class="actions">
                <a class="btn btn-secondary" href=format!("/matters/{id}/edit")>{t!(i18n, common.edit)}</a>
                <button class="btn btn-ghost" type="button" on:click=move |_| { archive.dispatch(!archived); }>
                    {move || if archived { t_string!(i18n, matter.restore).to_string() } else { t_string!(i18n, matter.archive).to_string() }}
                </button>
            </div>
        </div>
        <MatterTabs id=id.clone() current=MatterTab::Overview/>
        <div class="grid-2 section">
            <section class="card" aria-labelledby="deadline-h">
                <h2 class="card-title" id="deadline-h">{t!(i18n, matter.deadline)}</h2>
                <DeadlineSummary deadline=deadline today=m.today.clone() pct=pct/>
            </section>
            <section class="card" aria-labelledby="about-h">
                <h2 class="card-title" id="about-h">{t!(i18n, matter.about)}</h2>
                {if m.description.is_empty() {
                    view! { <p class="muted">{t!(i18n, matter.no_description)}</p> }.into_sync_any()
                } else {
                    view! { <p class="description">{m.description.clone()}</p> }.into_sync_any()
                }}
                <h3>{t!(i18n, matter.parties)}</h3>
                {if m.parties.is_empty() {
                    view! { <p class="muted">{t!(i18n, matter.no_parties)}</p> }.into_sync_any()
                } else {
                    view! {
                        <ul class="link-list">
                            {m.parties.iter().map(|p| view! {
                                <li><a href=format!("/clients/{}", p.client_id)>{p.name.clone()}</a>" "<span class="muted">{p.email.clone()}</span></li>
                            }).collect_view()}
                        </ul>
                    }.into_sync_any()
                }}
            </section>
        </div>
        <SharePanel matter_id=id.clone() access log/>
        <section class="card section" aria-labelledby="schedule-h">
            <h2 class="card-title" id="schedule-h">{t!(i18n, schedule.title)}</h2>
            <Timeline stages=m.stages.clone() deadline=m.deadline.clone() today=m.today.clone()/>
        </section>
        <section class="section" aria-labelledby="board-h">
            <h2 class="card-title" id="board-h">{t!(i18n, board.title)}</h2>
            <BoardView matter_id=id.clone() board/>
        </section>
        <LinksCard m=m others want_others on_change/>
    }
}

#[component]
fn LinksCard(m: MatterDetail, others: Resource<Result<Vec<Choice>, AppError>>, want_others: RwSignal<bool>, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let id = m.id.clone();
    let other = RwSignal::new(String::new());
    let kind = RwSignal::new(LinkKind::Appeal.as_str().to_string());
    let id_add = id.clone();
    let add = Action::new(move |(o, k): &(String, String)| add_matter_link(id_add.clone(), o.clone(), k.clone()));
    let id_rm = id.clone();
    let remove = Action::new(move |link: &String| remove_matter_link(id_rm.clone(), link.clone()));
    Effect::new(move |_| {
        if matches!(add.value().get(), Some(Ok(_))) || matches!(remove.value().get(), Some(Ok(_))) {
            on_change.run(());
        }
    });
    let err = action_error(add.value());
    let self_id = id.clone();
    view! {
        <section class="card section" aria-labelledby="links-h">
            <h2 class="card-title" id="links-h">{t!(i18n, links.title)}</h2>
            {if m.links.is_empty() {
                view! { <p class="muted">{t!(i18n, links.empty)}</p> }.into_sync_any()
            } else {
                view! {
                    <ul class="link-list">
                        {m.links.iter().map(|l| {
                            let (kind, incoming, link_id) = (l.kind, l.incoming, l.id.clone());
                            view! {
                                <li class="row">
                                    <span class="badge">{move || link_label(i18n.get_locale(), kind, incoming)}</span>
                                    <a href=format!("/matters/{}", l.other_id)>{l.other_title.clone()}</a>
                                    <button class="btn btn-ghost btn-sm" type="button" on:click=move |_| { remove.dispatch(link_id.clone()); }>
                                        {t!(i18n, links.remove)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_sync_any()
            }}
            <form class="row" on:submit=move |ev| { ev.prevent_default(); add.dispatch((other.get(), kind.get())); }>
                <label class="field">
                    <span>{t!(i18n, links.this_matter_is)}</span>
                    <select bind:value=kind>
                        <option value="appeal">{t!(i18n, links.kind_appeal)}</option>
                        <option value="related">{t!(i18n, links.kind_related)}</option>
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, links.other)}</span>
                    <select bind:value=other on:focus=move |_| want_others.set(true) on:pointerdown=move |_| want_others.set(true)>
                        <option value="">"—"</option>
                        <Transition fallback=|| ()>
                            {move || {
                                let self_id = self_id.clone();
                                Suspend::new(async move {
                                    others.await.unwrap_or_default().into_iter().filter(|o| o.id != self_id).map(|o| {
                                        view! { <option value=o.id.clone()>{o.label.clone()}</option> }
                                    }).collect_view()
                                })
                            }}
                        </Transition>
                    </select>
                    <FieldError field="other_id" error=err/>
                </label>
                <button class="btn btn-secondary" type="submit">{t!(i18n, links.add)}</button>
            </form>
            <FormError error=err fields=&["other_id"]/>
        </section>
    }
}
