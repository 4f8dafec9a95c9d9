//! The client's portal pages: home, a shared matter (granted blocks only), and the
//! client's contact card. Staff preview renders these same pages.
use crate::api::portal::{portal_contact, portal_home, portal_matter};
use crate::api::tickets::list_my_tickets;
use crate::app::pages::portal_tickets::MatterTickets;
use crate::model::ticket::ClientTicketRow;
use crate::model::AppError;
use crate::app::components::portal_layout::PortalCtx;
use crate::app::components::text::{PageTitle, fmt_date};
use crate::app::components::portal_blocks::PortalBlockView;
use crate::i18n::*;
use crate::model::portal::*;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn ctx() -> PortalCtx {
    use_context::<PortalCtx>().unwrap_or(PortalCtx { preview: String::new(), base: "/portal".into() })
}

/// The daily digest choice for one firm: a plain form (the page loads no app code).
#[component]
fn DigestForm(client_id: String, on: bool, read_only: bool) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("digest-{client_id}");
    let for_id = id.clone();
    view! {
        <form class="form digest-form" method="post" action="/portal/digest">
            <input type="hidden" name="client_id" value=client_id.clone()/>
            <label class="checkbox" for=for_id>
                <input type="checkbox" id=id name="digest" value="on" checked=on disabled=read_only/>
                <span>{t!(i18n, digest.label)}</span>
            </label>
            <p class="hint">{t!(i18n, digest.hint)}</p>
            <div class="form-actions">
                <button class="btn btn-secondary btn-sm" type="submit" disabled=read_only>{t!(i18n, digest.save)}</button>
            </div>
        </form>
    }
}

/// The client's home: their matters, by firm, with what changed since the last visit.
#[component]
pub fn PortalHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let c = ctx();
    let preview = c.preview.clone();
    let home = Resource::new(move || preview.clone(), portal_home);
    view! {
        <PageTitle text=|l| td_string!(l, portal.title).to_string()/>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || {
                let c = c.clone();
                Suspend::new(async move {
                    match home.await {
                        Ok(h) => view! { <HomeView h c/> }.into_sync_any(),
                        Err(_) => view! { <p class="form-error" role="alert">{t!(i18n, errors.internal)}</p> }.into_sync_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn HomeView(h: ClientHome, c: PortalCtx) -> impl IntoView {
    let i18n = use_i18n();
    let name = h.viewer.name.clone();
    let empty = h.firms.is_empty();
    view! {
        <div class="page-header">
            <div>
                <h1 class="page-title">{move || t_string!(i18n, portal.hello, name = name.clone()).to_string()}</h1>
                <p class="subtitle">{t!(i18n, portal.intro)}</p>
            </div>
        </div>
        {empty.then(|| view! { <p class="empty">{t!(i18n, portal.empty)}</p> })}
        {h.firms.into_iter().map(|f| {
            let c = c.clone();
            view! {
                <section class="section" aria-label=f.name.clone()>
                    <h2 class="card-title">{f.name.clone()}</h2>
                    <ul class="matter-list">
                        {f.matters.into_iter().map(|m| view! { <HomeMatter m c=c.clone()/> }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
    }
}

#[component]
fn HomeMatter(m: PortalMatterSummary, c: PortalCtx) -> impl IntoView {
    let i18n = use_i18n();
    let (last, changes) = (m.last_visit, m.changes);
    let deadline = m.deadline.clone();
    view! {
        <li>
            <a class="matter-item card" href=c.path(&format!("/m/{}", m.id))>
                <span class="matter-title">{m.title.clone()}</span>
                <p class="matter-meta">
                    {(!m.reference.is_empty()).then(|| view! { <span>{m.reference.clone()}</span> })}
                    {deadline.map(|d| view! {
                        <span>{move || format!("{}: {}", t_string!(i18n, portal.deadline), fmt_date(i18n.get_locale(), &d))}</span>
                    })}
                    {match last {
                        None => view! { <span class="badge badge-new">{t!(i18n, portal.new)}</span> }.into_sync_any(),
                        Some(_) if changes > 0 => view! {
                            <span class="badge badge-changes">{move || t_string!(i18n, portal.changes, count = changes).to_string()}</span>
                        }.into_sync_any(),
                        Some(_) => view! { <span>{t!(i18n, portal.no_changes)}</span> }.into_sync_any(),
                    }}
                </p>
            </a>
        </li>
    }
}

/// A shared matter with only its granted blocks.
#[component]
pub fn PortalMatterPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let c = ctx();
    let preview = c.preview.clone();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let matter = Resource::new(move || (id.get(), preview.clone()), |(id, p)| portal_matter(id, p));
    let preview = c.preview.clone();
    let tickets = Resource::new(move || (id.get(), preview.clone()), |(id, p)| list_my_tickets(id, p));
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || {
                let c = c.clone();
                Suspend::new(async move {
                    match matter.await {
                        Ok(m) => view! { <MatterView m c tickets/> }.into_sync_any(),
                        Err(_) => view! {
                            <div class="empty">
                                <crate::app::NotFoundStatus/>
                                <h1>{t!(i18n, errors.not_found)}</h1>
                                <a href=c.path("")>{t!(i18n, nav.back_home)}</a>
                            </div>
                        }.into_sync_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn MatterView(m: ClientMatter, c: PortalCtx, tickets: Resource<Result<Vec<ClientTicketRow>, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let title = m.title.clone();
    let deadline = m.deadline().map(str::to_string);
    let today = m.today.clone();
    view! {
        <Title text=title.clone()/>
        <div class="page-header">
            <div>
                <p class="muted"><a href=c.path("")>{t!(i18n, nav.my_matters)}</a>" · "{m.firm.clone()}</p>
                <h1 class="page-title">{title.clone()}</h1>
                {(!m.reference.is_empty()).then(|| view! { <p class="matter-meta muted">{m.reference.clone()}</p> })}
            </div>
        </div>
        {m.sections.into_iter().map(|s| view! { <PortalBlockView section=s deadline=deadline.clone() today=today.clone()/> }).collect_view()}
        <MatterTickets matter_id=m.id.clone() tickets/>
    }
}

/// The client's own contact card(s).
#[component]
pub fn PortalContactPage() -> impl IntoView {
    let i18n = use_i18n();
    let c = ctx();
    let preview_mode = !c.preview.is_empty();
    let cards = Resource::new(move || c.preview.clone(), portal_contact);
    let query = leptos_router::hooks::use_query_map();
    let saved = move || query.with(|q| q.get("digest"));
    view! {
        <PageTitle text=|l| td_string!(l, portal.contact).to_string()/>
        {move || saved().map(|v| view! {
            <p class="notice" role="status">{move || if v == "on" { t_string!(i18n, digest.saved_on) } else { t_string!(i18n, digest.saved_off) }}</p>
        })}
        <div class="page-header">
            <div>
                <h1 class="page-title">{t!(i18n, portal.contact)}</h1>
                <p class="subtitle">{t!(i18n, portal.contact_intro)}</p>
            </div>
        </div>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let cards = cards.await.unwrap_or_default();
                view! {
                    <div class="grid-2">
                        {cards.into_iter().map(|c| {
                            let dash = |v: String| if v.is_empty() { "—".to_string() } else { v };
                            view! {
                                <section class="card" aria-label=c.firm.clone()>
                                    <h2 class="card-title">{c.firm.clone()}</h2>
                                    <dl class="kv">
                                        <dt>{t!(i18n, clients.name)}</dt><dd>{c.name.clone()}</dd>
                                        <dt>{t!(i18n, portal.email)}</dt><dd>{c.email.clone()}</dd>
                                        <dt>{t!(i18n, portal.phone)}</dt><dd>{dash(c.phone.clone())}</dd>
                                        <dt>{t!(i18n, portal.address)}</dt><dd>{dash(c.address.clone())}</dd>
                                    </dl>
                                    <DigestForm client_id=c.client_id.clone() on=c.digest read_only=preview_mode/>
                                </section>
                            }
                        }).collect_view()}
                    </div>
                }
            })}
        </Transition>
    }
}
