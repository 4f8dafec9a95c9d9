//! A recurring project's cycles (staff): the cycle and its hours budget, time
//! logged on tasks, and each cycle's hours against the budget (the current one
//! first), with who logged what.
use crate::api::cycles::{delete_time_entry, list_cycles, log_time, set_cycle_plan};
use crate::app::components::budget::BudgetBar;
use crate::app::components::forms::{FieldError, FormError, action_error, invalid};
use crate::app::components::matter_tabs::{MatterNotFound, MatterSectionHead, MatterTab};
use crate::app::components::text::fmt_date;
use crate::i18n::*;
use crate::model::cycle::{Cycle, CycleInput, CyclePlan, CycleUnit, MatterCycles, TimeInput, fmt_minutes};
use crate::model::Choice;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_router::hooks::use_params_map;

/// The cycles page of a matter.
#[component]
pub fn CyclesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let list = Resource::new(move || id.get(), list_cycles);
    let refresh = Callback::new(move |_| list.refetch());
    let logged = RwSignal::new(false);
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(m) => view! { <CyclesView m refresh logged/> }.into_sync_any(),
                    Err(_) => view! { <MatterNotFound/> }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CyclesView(m: MatterCycles, refresh: Callback<()>, logged: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let budget = m.plan.as_ref().map(|p| p.budget_minutes).unwrap_or(0);
    view! {
        <MatterSectionHead id=m.matter_id.clone() title=m.title.clone() reference=m.reference.clone() current=MatterTab::Cycles/>
        <div class="grid-2">
            <PlanForm matter_id=m.matter_id.clone() plan=m.plan.clone() today=m.today.clone() refresh/>
            <LogTime matter_id=m.matter_id.clone() tasks=m.tasks.clone() today=m.today.clone() refresh logged/>
        </div>
        <section class="card section" aria-labelledby="cycles-h">
            <h2 class="card-title" id="cycles-h">{t!(i18n, cycles.list_title)}</h2>
            {if m.plan.is_none() {
                view! { <p class="muted">{t!(i18n, cycles.no_plan)}</p> }.into_sync_any()
            } else if m.cycles.is_empty() {
                view! { <p class="muted">{t!(i18n, cycles.not_started)}</p> }.into_sync_any()
            } else {
                view! {
                    <ol class="cycles">
                        {m.cycles.into_iter().map(|c| view! { <CycleCard c budget refresh/> }).collect_view()}
                    </ol>
                }.into_sync_any()
            }}
        </section>
    }
}

#[component]
fn CycleCard(c: Cycle, budget: i64, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let (from, to) = (c.starts_on.clone(), c.ends_on.clone());
    view! {
        <li class="cycle" class:cycle-current=c.current aria-current=c.current.then_some("true")>
            <div class="cycle-head">
                <h3>{move || t_string!(i18n, cycles.period, from = fmt_date(i18n.get_locale(), &from), to = fmt_date(i18n.get_locale(), &to)).to_string()}</h3>
                {c.current.then(|| view! { <span class="badge badge-public">{t!(i18n, cycles.current)}</span> })}
            </div>
            <BudgetBar used=c.used_minutes budget/>
            {if c.entries.is_empty() {
                view! { <p class="muted small">{t!(i18n, cycles.no_time)}</p> }.into_sync_any()
            } else {
                view! {
                    <table class="entries">
                        <caption class="sr-only">{t!(i18n, cycles.entries)}</caption>
                        <thead><tr>
                            <th scope="col">{t!(i18n, cycles.date)}</th>
                            <th scope="col">{t!(i18n, cycles.task)}</th>
                            <th scope="col">{t!(i18n, cycles.who)}</th>
                            <th scope="col">{t!(i18n, cycles.hours)}</th>
                            <th scope="col"><span class="sr-only">{t!(i18n, common.delete)}</span></th>
                        </tr></thead>
                        <tbody>
                            {c.entries.into_iter().map(|e| {
                                let id = e.id.clone();
                                let del = Action::new(move |_: &()| delete_time_entry(id.clone()));
                                Effect::new(move |_| if let Some(Ok(_)) = del.value().get() { refresh.run(()); });
                                let on = e.on.clone();
                                let task = e.task.clone();
                                view! {
                                    <tr>
                                        <td>{move || fmt_date(i18n.get_locale(), &on)}</td>
                                        <td>
                                            {move || task.clone().unwrap_or_else(|| t_string!(i18n, cycles.task_deleted).to_string())}
                                            {(!e.note.is_empty()).then(|| view! { <span class="muted small entry-note">{e.note.clone()}</span> })}
                                        </td>
                                        <td>{e.who.clone().unwrap_or_default()}</td>
                                        <td>{fmt_minutes(e.minutes)}</td>
                                        <td>
                                            <button class="btn btn-ghost btn-sm btn-danger" type="button"
                                                aria-label=move || t_string!(i18n, cycles.delete_entry).to_string()
                                                on:click=move |_| {
                                                    if window().confirm_with_message(&t_string!(i18n, cycles.confirm_delete)).unwrap_or(false) {
                                                        del.dispatch(());
                                                    }
                                                }>"×"</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_sync_any()
            }}
        </li>
    }
}

fn hours_text(minutes: i64) -> String {
    let h = minutes as f64 / 60.0;
    if h.fract() == 0.0 { format!("{h:.0}") } else { format!("{h}").replace('.', ",") }
}

#[component]
fn PlanForm(matter_id: String, plan: Option<CyclePlan>, today: String, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let unit = RwSignal::new(plan.as_ref().map(|p| p.unit.as_str().to_string()).unwrap_or_default());
    let days = RwSignal::new(plan.as_ref().and_then(|p| p.days).map(|d| d.to_string()).unwrap_or_else(|| "15".into()));
    let start = RwSignal::new(plan.as_ref().map(|p| p.start.clone()).unwrap_or(today));
    let budget = RwSignal::new(plan.as_ref().map(|p| hours_text(p.budget_minutes)).unwrap_or_default());
    let save = Action::new(move |i: &CycleInput| set_cycle_plan(matter_id.clone(), i.clone()));
    let saved = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            saved.set(true);
            refresh.run(());
        }
    });
    let err = action_error(save.value());
    let unit_name = move |u: CycleUnit| match u {
        CycleUnit::Week => t_string!(i18n, cycles.unit_week),
        CycleUnit::Month => t_string!(i18n, cycles.unit_month),
        CycleUnit::Days => t_string!(i18n, cycles.unit_days),
    };
    view! {
        <section class="card section" aria-labelledby="plan-h">
            <h2 class="card-title" id="plan-h">{t!(i18n, cycles.plan_title)}</h2>
            <form class="form" on:submit=move |ev| {
                ev.prevent_default();
                saved.set(false);
                save.dispatch(CycleInput { unit: unit.get(), days: days.get(), start: start.get(), budget_hours: budget.get() });
            }>
                <FormError error=err fields=&["unit", "days", "start", "budget_hours"]/>
                <label class="field">
                    <span>{t!(i18n, cycles.unit)}</span>
                    <select prop:value=move || unit.get() on:change=move |ev| unit.set(event_target_value(&ev)) aria-invalid=invalid(err, "unit")>
                        <option value="" selected=move || unit.get().is_empty()>{t!(i18n, cycles.unit_none)}</option>
                        {CycleUnit::ALL.iter().map(|u| {
                            let v = u.as_str();
                            view! { <option value=v selected=move || unit.get() == v>{move || unit_name(*u)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || unit.get() == "days">
                    <label class="field">
                        <span>{t!(i18n, cycles.days)}</span>
                        <input type="number" min="1" max="366" required bind:value=days aria-invalid=invalid(err, "days")/>
                        <FieldError field="days" error=err/>
                    </label>
                </Show>
                <Show when=move || !unit.get().is_empty()>
                    <div class="form-row">
                        <label class="field">
                            <span>{t!(i18n, cycles.start)}</span>
                            <input type="date" required bind:value=start aria-invalid=invalid(err, "start")/>
                            <FieldError field="start" error=err/>
                        </label>
                        <label class="field">
                            <span>{t!(i18n, cycles.budget)}</span>
                            <input type="text" inputmode="decimal" required placeholder="40" bind:value=budget aria-invalid=invalid(err, "budget_hours")/>
                            <FieldError field="budget_hours" error=err/>
                        </label>
                    </div>
                </Show>
                <div class="form-actions">
                    <button class="btn btn-primary" type="submit" disabled=move || save.pending().get()>{t!(i18n, cycles.save_plan)}</button>
                </div>
                <Show when=move || saved.get()><p class="notice" role="status">{t!(i18n, cycles.plan_saved)}</p></Show>
            </form>
        </section>
    }
}

#[component]
fn LogTime(matter_id: String, tasks: Vec<Choice>, today: String, refresh: Callback<()>, logged: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let task = RwSignal::new(String::new());
    let on = RwSignal::new(today);
    let hours = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let add = Action::new(move |i: &TimeInput| log_time(matter_id.clone(), i.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get() {
            hours.set(String::new());
            note.set(String::new());
            logged.set(true);
            refresh.run(());
        }
    });
    let err = action_error(add.value());
    let empty = tasks.is_empty();
    view! {
        <section class="card section" aria-labelledby="log-h">
            <h2 class="card-title" id="log-h">{t!(i18n, cycles.log_title)}</h2>
            {if empty {
                view! { <p class="muted">{t!(i18n, cycles.no_tasks)}</p> }.into_sync_any()
            } else {
                view! {
                    <form class="form" on:submit=move |ev| {
                        ev.prevent_default();
                        logged.set(false);
                        add.dispatch(TimeInput { task_id: task.get(), on: on.get(), hours: hours.get(), note: note.get() });
                    }>
                        <FormError error=err fields=&["task_id", "on", "hours", "note"]/>
                        <label class="field">
                            <span>{t!(i18n, cycles.task)}</span>
                            <select required prop:value=move || task.get() on:change=move |ev| task.set(event_target_value(&ev)) aria-invalid=invalid(err, "task_id")>
                                <option value="">{t!(i18n, cycles.choose_task)}</option>
                                {tasks.into_iter().map(|c| view! { <option value=c.id.clone()>{c.label.clone()}</option> }).collect_view()}
                            </select>
                            <FieldError field="task_id" error=err/>
                        </label>
                        <div class="form-row">
                            <label class="field">
                                <span>{t!(i18n, cycles.date)}</span>
                                <input type="date" required bind:value=on aria-invalid=invalid(err, "on")/>
                                <FieldError field="on" error=err/>
                            </label>
                            <label class="field">
                                <span>{t!(i18n, cycles.hours)}</span>
                                <input type="text" inputmode="decimal" required placeholder="1,5" bind:value=hours aria-invalid=invalid(err, "hours")
                                    aria-describedby="hours-hint"/>
                                <small class="hint" id="hours-hint">{t!(i18n, cycles.hours_hint)}</small>
                                <FieldError field="hours" error=err/>
                            </label>
                        </div>
                        <label class="field">
                            <span>{t!(i18n, cycles.note)}</span>
                            <input type="text" maxlength="500" bind:value=note aria-invalid=invalid(err, "note")/>
                        </label>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || add.pending().get()>{t!(i18n, cycles.log)}</button>
                        </div>
                        <Show when=move || logged.get()><p class="notice" role="status">{t!(i18n, cycles.logged)}</p></Show>
                    </form>
                }.into_sync_any()
            }}
        </section>
    }
}
