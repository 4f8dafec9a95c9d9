//! A cycle's hours used of its budget, as a bar with its numbers (staff and portal).
use crate::i18n::*;
use crate::model::cycle::fmt_minutes;
use leptos::prelude::*;

/// The hours used of the budget, as a bar with its numbers.
#[component]
pub fn BudgetBar(used: i64, budget: i64) -> impl IntoView {
    let i18n = use_i18n();
    let pct = if budget > 0 { (used * 100 / budget).clamp(0, 100) } else { 0 };
    let over = budget > 0 && used > budget;
    let label = move || t_string!(i18n, cycles.used_of, used = fmt_minutes(used), budget = fmt_minutes(budget)).to_string();
    view! {
        <div class="budget">
            <div class="progress" class:progress-over=over role="progressbar" aria-valuemin="0" aria-valuemax=budget aria-valuenow=used
                aria-valuetext=label aria-label=move || t_string!(i18n, cycles.budget_label).to_string()>
                <div class="progress-fill" style=format!("width:{pct}%")></div>
            </div>
            <span class="small" class:over-budget=over>{label}</span>
        </div>
    }
}

