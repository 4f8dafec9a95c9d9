//! The schedule as a timeline: one bar per stage on a shared time axis.
use super::text::{days_between, fmt_date};
use crate::i18n::*;
use crate::model::matter::Stage;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;

/// Stages on a common axis from the first start to the last end (or the deadline),
/// with a marker for today.
#[component]
pub fn Timeline(stages: Vec<Stage>, deadline: Option<String>, today: String) -> impl IntoView {
    let i18n = use_i18n();
    if stages.is_empty() {
        return view! { <p class="empty">{t!(i18n, schedule.empty)}</p> }.into_sync_any();
    }
    let first = stages.iter().map(|s| s.starts_on.clone()).min().unwrap_or_default();
    let mut last = stages.iter().map(|s| s.ends_on.clone()).max().unwrap_or_default();
    if let Some(d) = &deadline {
        if *d > last {
            last = d.clone();
        }
    }
    let span = days_between(&first, &last).unwrap_or(0).max(1) as f64 + 1.0;
    let pct = |iso: &str| (days_between(&first, iso).unwrap_or(0) as f64 / span * 100.0).clamp(0.0, 100.0);
    let today_pct = days_between(&first, &today).map(|d| d as f64 / span * 100.0).filter(|p| (0.0..=100.0).contains(p));
    let rows = stages
        .into_iter()
        .map(|s| {
            let left = pct(&s.starts_on);
            let width = ((days_between(&s.starts_on, &s.ends_on).unwrap_or(0) as f64 + 1.0) / span * 100.0).max(1.5);
            let (a, b) = (s.starts_on.clone(), s.ends_on.clone());
            let status = if s.done { "stage stage-done" } else { "stage" };
            view! {
                <li class=status>
                    <div>
                        <div class="stage-name">
                            {s.name.clone()}
                            {s.done.then(|| view! { <span class="badge badge-status-active">{t!(i18n, schedule.done)}</span> })}
                        </div>
                        <div class="stage-dates">{move || format!("{} – {}", fmt_date(i18n.get_locale(), &a), fmt_date(i18n.get_locale(), &b))}</div>
                    </div>
                    <div class="stage-track" aria-hidden="true">
                        <div class="stage-bar" style=format!("left:{left:.2}%;width:{:.2}%", width.min(100.0 - left))></div>
                        {today_pct.map(|p| view! { <div class="today-marker" style=format!("left:{p:.2}%")></div> })}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="timeline" aria-label=move || t_string!(i18n, schedule.title).to_string()>{rows}</ol> }.into_sync_any()
}

/// Share of stages marked done, 0–100.
pub fn progress(stages: &[Stage]) -> u32 {
    if stages.is_empty() {
        return 0;
    }
    (stages.iter().filter(|s| s.done).count() * 100 / stages.len()) as u32
}

/// The deadline with days left (or overdue) and how far along the schedule is.
#[component]
pub fn DeadlineSummary(deadline: Option<String>, today: String, pct: u32) -> impl IntoView {
    let i18n = use_i18n();
    let days_left = deadline.as_ref().and_then(|d| days_between(&today, d));
    view! {
        {match (deadline, days_left) {
            (Some(d), Some(n)) => view! {
                <div class="deadline">
                    <strong>{move || fmt_date(i18n.get_locale(), &d)}</strong>
                    <span class=if n < 0 { "days-left overdue" } else { "days-left" }>
                        {move || if n < 0 { t_string!(i18n, matter.overdue, count = -n).to_string() } else { t_string!(i18n, matter.days_left, count = n).to_string() }}
                    </span>
                </div>
            }.into_sync_any(),
            _ => view! { <p class="muted">{t!(i18n, matter.no_deadline)}</p> }.into_sync_any(),
        }}
        <p class="muted">{t!(i18n, matter.progress, pct = pct)}</p>
        <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=pct
            aria-label=move || t_string!(i18n, matter.progress_label).to_string()>
            <div class="progress-fill" style=format!("width:{pct}%")></div>
        </div>
    }
}
