//! The portal's blocks in the UI, one component each, registered in one `match`
//! ([`PortalBlockView`]); their data comes from `server::portal::blocks`.
use crate::app::components::text::{fmt_date, fmt_moment, fmt_time};
use crate::app::components::budget::BudgetBar;
use crate::app::components::upload::human_size;
use crate::model::cycle::fmt_minutes;
use crate::app::components::timeline::{DeadlineSummary, Timeline};
use crate::i18n::*;
use crate::model::matter::Stage;
use crate::model::portal::*;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;

/// One granted block of a matter. `deadline` is the matter's deadline when that
/// block is granted too (the timeline marks it).
#[component]
pub fn PortalBlockView(section: PortalSection, deadline: Option<String>, today: String) -> impl IntoView {
    match section {
        PortalSection::Deadline { deadline, progress } => view! { <DeadlineBlock deadline today pct=progress/> }.into_sync_any(),
        PortalSection::Schedule { stages } => view! { <ScheduleBlock stages deadline today/> }.into_sync_any(),
        PortalSection::Tasks { columns } => view! { <ReadOnlyBoard cols=columns/> }.into_sync_any(),
        PortalSection::Movements { automatic, items } => view! { <MovementsBlock automatic items/> }.into_sync_any(),
        PortalSection::Publications { items } => view! { <PublicationsBlock items/> }.into_sync_any(),
        PortalSection::Documents { items } => view! { <DocumentsBlock items/> }.into_sync_any(),
        PortalSection::Cycles { budget_minutes, cycles } => view! { <CyclesBlock budget=budget_minutes cycles/> }.into_sync_any(),
    }
}

/// A list block's card: its heading, then `children`, or the `empty` text when the
/// block has nothing yet.
#[component]
fn BlockCard(id: &'static str, title: Signal<String>, empty: Option<Signal<String>>, children: Children) -> impl IntoView {
    view! {
        <section class="card section" aria-labelledby=id>
            <h2 class="card-title" id=id>{title}</h2>
            {match empty {
                Some(text) => view! { <p class="muted">{text}</p> }.into_sync_any(),
                None => children().into_sync_any(),
            }}
        </section>
    }
}

/// A recurring project's cycles: the current one first, hours used of the budget,
/// and the hours of each public task.
#[component]
fn CyclesBlock(budget: i64, cycles: Vec<PortalCycle>) -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || t_string!(i18n, portal.cycles).to_string());
    let empty = cycles.is_empty().then(|| Signal::derive(move || t_string!(i18n, portal.no_cycles).to_string()));
    view! {
        <BlockCard id="cycles-h" title empty>
            <ol class="cycles">
                {cycles.into_iter().map(|c| {
                    let (from, to) = (c.starts_on.clone(), c.ends_on.clone());
                    view! {
                        <li class="cycle" class:cycle-current=c.current aria-current=c.current.then_some("true")>
                            <div class="cycle-head">
                                <h3>{move || td_string!(i18n.get_locale(), cycles.period, from = fmt_date(i18n.get_locale(), &from), to = fmt_date(i18n.get_locale(), &to)).to_string()}</h3>
                                {c.current.then(|| view! { <span class="badge badge-public">{t!(i18n, cycles.current)}</span> })}
                            </div>
                            <BudgetBar used=c.used_minutes budget/>
                            {(!c.tasks.is_empty()).then(|| view! {
                                <ul class="cycle-tasks">
                                    {c.tasks.into_iter().map(|t| view! {
                                        <li><span>{t.title}</span><span class="muted">{fmt_minutes(t.minutes)}</span></li>
                                    }).collect_view()}
                                </ul>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </BlockCard>
    }
}

/// Shared documents, newest first, each a download link with its size and date.
#[component]
fn DocumentsBlock(items: Vec<PortalDocument>) -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || t_string!(i18n, portal.documents).to_string());
    let empty = items.is_empty().then(|| Signal::derive(move || t_string!(i18n, portal.no_documents).to_string()));
    view! {
        <BlockCard id="documents-h" title empty>
            <ul class="doc-list">
                {items.into_iter().map(|d| {
                    let at = d.created_at;
                    let size = human_size(d.size);
                    view! {
                        <li class="doc-item">
                            <div class="doc-main">
                                <a class="doc-name" href=format!("/files/{}", d.id) download=d.file_name.clone()>{d.file_name.clone()}</a>
                                <span class="muted small">{move || format!("{size} · {}", fmt_time(i18n.get_locale(), at))}</span>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </BlockCard>
    }
}

/// Reviewed publications, newest first: date, journal, the text as published.
#[component]
fn PublicationsBlock(items: Vec<PortalPublication>) -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || t_string!(i18n, portal.publications).to_string());
    let empty = items.is_empty().then(|| Signal::derive(move || t_string!(i18n, portal.no_publications).to_string()));
    view! {
        <BlockCard id="publications-h" title empty>
            <ol class="movements">
                {items.into_iter().map(|p| {
                    let on = p.published_on.clone();
                    view! {
                        <li class="movement publication">
                            <div class="movement-head">
                                <time class="movement-date" datetime=p.published_on.clone()>{move || fmt_date(i18n.get_locale(), &on)}</time>
                                {(!p.journal.is_empty()).then(|| view! { <span class="badge">{p.journal.clone()}</span> })}
                            </div>
                            <p class="movement-text publication-text">{p.text}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </BlockCard>
    }
}

/// Movements, newest first, each with what it means when the firm's glossary knows.
#[component]
fn MovementsBlock(automatic: bool, items: Vec<PortalMovement>) -> impl IntoView {
    let i18n = use_i18n();
    let heading = if automatic { "auto-movements-h" } else { "manual-movements-h" };
    let title = Signal::derive(move || {
        let t = if automatic { t_string!(i18n, portal.auto_movements) } else { t_string!(i18n, portal.manual_movements) };
        t.to_string()
    });
    let empty = items.is_empty().then(|| Signal::derive(move || t_string!(i18n, portal.no_movements).to_string()));
    view! {
        <BlockCard id=heading title empty>
            <ol class="movements">
                {items.into_iter().map(|m| {
                    let at = m.occurred_at.clone();
                    view! {
                        <li class="movement">
                            <time class="movement-date" datetime=m.occurred_at.clone()>{move || fmt_moment(i18n.get_locale(), &at)}</time>
                            <p class="movement-text">{m.text}</p>
                            {m.explanation.map(|e| view! {
                                <p class="movement-meaning"><strong>{t!(i18n, portal.meaning)}</strong>" "{e}</p>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </BlockCard>
    }
}

/// The deadline, days left and schedule progress.
#[component]
fn DeadlineBlock(deadline: Option<String>, today: String, pct: u32) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card section" aria-labelledby="deadline-h">
            <h2 class="card-title" id="deadline-h">{t!(i18n, portal.deadline)}</h2>
            <DeadlineSummary deadline today pct/>
        </section>
    }
}

/// The schedule's stages on a timeline.
#[component]
fn ScheduleBlock(stages: Vec<PortalStage>, deadline: Option<String>, today: String) -> impl IntoView {
    let i18n = use_i18n();
    let stages: Vec<Stage> = stages
        .into_iter()
        .map(|s| Stage { id: String::new(), name: s.name, starts_on: s.starts_on, ends_on: s.ends_on, done: s.done })
        .collect();
    view! {
        <section class="card section" aria-labelledby="schedule-h">
            <h2 class="card-title" id="schedule-h">{t!(i18n, portal.schedule)}</h2>
            <Timeline stages deadline today/>
        </section>
    }
}

/// The Kanban of public tasks, read-only; scrolls sideways on a phone.
#[component]
fn ReadOnlyBoard(cols: Vec<PortalColumn>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="section" aria-labelledby="tasks-h">
            <h2 class="card-title" id="tasks-h">{t!(i18n, portal.tasks)}</h2>
            <p class="muted small">{t!(i18n, portal.board_hint)}</p>
            <div class="board board-readonly" role="region" tabindex="0" aria-labelledby="tasks-h">
                {cols.into_iter().map(|col| {
                    let n = col.tasks.len();
                    let empty = n == 0;
                    view! {
                        <section class=if col.is_done { "column column-done" } else { "column" } aria-label=col.name.clone()>
                            <div class="column-header">
                                <h3>{col.name.clone()}</h3>
                                <span class="count">{n}</span>
                            </div>
                            <ul class="column-tasks">
                                {col.tasks.into_iter().map(|t| {
                                    let due = t.due_on.clone();
                                    view! {
                                        <li class="task-card">
                                            <span class="task-title">{t.title.clone()}</span>
                                            {(!t.description.is_empty()).then(|| view! { <p class="task-meta">{t.description.clone()}</p> })}
                                            {due.map(|d| view! { <span class="task-meta">{move || fmt_date(i18n.get_locale(), &d)}</span> })}
                                        </li>
                                    }
                                }).collect_view()}
                                {empty.then(|| view! { <li class="muted small">{t!(i18n, portal.no_tasks)}</li> })}
                            </ul>
                        </section>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

