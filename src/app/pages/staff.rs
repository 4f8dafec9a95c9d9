//! Admin: staff accounts (add, role, reset password, deactivate) and teams.
use crate::api::staff::*;
use crate::app::components::forms::{FieldError, FormError, action_error, invalid};
use crate::app::components::text::PageTitle;
use crate::i18n::*;
use crate::model::people::{Role, StaffMember, Team};
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;

/// The staff and teams page (admins only; members get "not found").
#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let staff = Resource::new(|| (), |_| list_staff());
    let teams = Resource::new(|| (), |_| list_teams());
    let refresh = Callback::new(move |_| {
        staff.refetch();
        teams.refetch();
    });
    view! {
        <PageTitle text=|l| td_string!(l, staff.title).to_string()/>
        <div class="page-header">
            <div>
                <h1 class="page-title">{t!(i18n, staff.title)}</h1>
                <p class="subtitle">{t!(i18n, staff.subtitle)}</p>
            </div>
        </div>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match (staff.await, teams.await) {
                    (Ok(people), Ok(teams)) => view! {
                        <section class="card section" aria-labelledby="people-h">
                            <h2 class="card-title" id="people-h">{t!(i18n, staff.people)}</h2>
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{t!(i18n, staff.name)}</th>
                                    <th scope="col">{t!(i18n, staff.email)}</th>
                                    <th scope="col">{t!(i18n, staff.role)}</th>
                                    <th scope="col">{t!(i18n, staff.status)}</th>
                                    <th scope="col">{t!(i18n, staff.password)}</th>
                                </tr></thead>
                                <tbody>
                                    {people.iter().cloned().map(|p| view! { <StaffRow p refresh/> }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                        <AddStaff refresh/>
                        <TeamsCard teams people refresh/>
                    }.into_sync_any(),
                    _ => view! { <p class="empty">{t!(i18n, errors.not_found)}</p> }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn StaffRow(p: StaffMember, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let (id1, id2, id3) = (p.id.clone(), p.id.clone(), p.id.clone());
    let set_role = Action::new(move |r: &String| set_staff_role(id1.clone(), r.clone()));
    let set_active = Action::new(move |a: &bool| set_staff_active(id2.clone(), *a));
    let reset = Action::new(move |pw: &String| reset_staff_password(id3.clone(), pw.clone()));
    let new_pw = RwSignal::new(String::new());
    Effect::new(move |_| {
        if matches!(set_role.value().get(), Some(Ok(_))) || matches!(set_active.value().get(), Some(Ok(_))) {
            refresh.run(());
        }
    });
    let reset_done = move || matches!(reset.value().get(), Some(Ok(_)));
    let err = Signal::derive(move || {
        set_role.value().get().and_then(|r| r.err())
            .or_else(|| set_active.value().get().and_then(|r| r.err()))
    });
    let reset_err = action_error(reset.value());
    let active = p.active;
    let role = p.role;
    let name = p.name.clone();
    view! {
        <tr>
            <td data-label=move || t_string!(i18n, staff.name).to_string()>
                {p.name.clone()}
                {(!p.teams.is_empty()).then(|| view! { <div class="muted">{p.teams.join(", ")}</div> })}
                <FormError error=err/>
            </td>
            <td data-label=move || t_string!(i18n, staff.email).to_string()>{p.email.clone()}</td>
            <td data-label=move || t_string!(i18n, staff.role).to_string()>
                <select aria-label=move || format!("{} {}", t_string!(i18n, staff.role), name)
                    on:change=move |ev| { set_role.dispatch(event_target_value(&ev)); }>
                    <option value="member" selected={role == Role::Member}>{t!(i18n, staff.member)}</option>
                    <option value="admin" selected={role == Role::Admin}>{t!(i18n, staff.admin)}</option>
                </select>
            </td>
            <td data-label=move || t_string!(i18n, staff.status).to_string()>
                <span class=if active { "badge badge-status-active" } else { "badge badge-status-closed" }>
                    {move || if active { t_string!(i18n, staff.active).to_string() } else { t_string!(i18n, staff.inactive).to_string() }}
                </span>" "
                <button class="btn btn-ghost btn-sm" type="button" on:click=move |_| { set_active.dispatch(!active); }>
                    {move || if active { t_string!(i18n, staff.deactivate).to_string() } else { t_string!(i18n, staff.reactivate).to_string() }}
                </button>
            </td>
            <td data-label=move || t_string!(i18n, staff.password).to_string()>
                <form class="row" on:submit=move |ev| { ev.prevent_default(); reset.dispatch(new_pw.get()); }>
                    <input type="password" autocomplete="new-password" bind:value=new_pw aria-invalid=invalid(reset_err, "password")
                        aria-label=move || t_string!(i18n, staff.new_password).to_string()/>
                    <button class="btn btn-secondary btn-sm" type="submit">{t!(i18n, staff.reset)}</button>
                </form>
                <FieldError field="password" error=reset_err/>
                <Show when=reset_done><p class="notice" role="status">{t!(i18n, staff.password_reset_done)}</p></Show>
            </td>
        </tr>
    }
}

#[component]
fn AddStaff(refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new("member".to_string());
    let password = RwSignal::new(String::new());
    let add = Action::new(|(n, e, r, p): &(String, String, String, String)| add_staff(n.clone(), e.clone(), r.clone(), p.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get() {
            name.set(String::new());
            email.set(String::new());
            password.set(String::new());
            refresh.run(());
        }
    });
    let err = action_error(add.value());
    view! {
        <section class="card section" aria-labelledby="add-staff-h">
            <h2 class="card-title" id="add-staff-h">{t!(i18n, staff.add_title)}</h2>
            <form class="form" on:submit=move |ev| { ev.prevent_default(); add.dispatch((name.get(), email.get(), role.get(), password.get())); }>
                <FormError error=err fields=&["name", "email", "role", "password"]/>
                <div class="field-row">
                    <label class="field">
                        <span>{t!(i18n, staff.name)}</span>
                        <input type="text" bind:value=name aria-invalid=invalid(err, "name")/>
                        <FieldError field="name" error=err/>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, staff.email)}</span>
                        <input type="email" autocomplete="off" bind:value=email aria-invalid=invalid(err, "email")/>
                        <FieldError field="email" error=err/>
                    </label>
                </div>
                <div class="field-row">
                    <label class="field">
                        <span>{t!(i18n, staff.role)}</span>
                        <select bind:value=role>
                            <option value="member">{t!(i18n, staff.member)}</option>
                            <option value="admin">{t!(i18n, staff.admin)}</option>
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, staff.initial_password)}</span>
                        <input type="password" autocomplete="new-password" bind:value=password aria-invalid=invalid(err, "password")/>
                        <FieldError field="password" error=err/>
                    </label>
                </div>
                <div class="form-actions"><button class="btn btn-primary" type="submit">{t!(i18n, staff.add)}</button></div>
            </form>
        </section>
    }
}

#[component]
fn TeamsCard(teams: Vec<Team>, people: Vec<StaffMember>, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let new_team = Team { id: String::new(), name: String::new(), member_ids: vec![] };
    view! {
        <section class="card section" aria-labelledby="teams-h">
            <h2 class="card-title" id="teams-h">{t!(i18n, staff.teams)}</h2>
            <div class="stack">
                {teams.into_iter().map(|t| view! { <TeamEditor team=t people=people.clone() refresh/> }).collect_view()}
                <TeamEditor team=new_team people=people.clone() refresh/>
            </div>
        </section>
    }
}

#[component]
fn TeamEditor(team: Team, people: Vec<StaffMember>, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let is_new = team.id.is_empty();
    let name = RwSignal::new(team.name.clone());
    let members = RwSignal::new(team.member_ids.clone());
    let tid = team.id.clone();
    let save = Action::new(move |(n, m): &(String, Vec<String>)| save_team(tid.clone(), n.clone(), m.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            if is_new {
                name.set(String::new());
                members.set(vec![]);
            }
            refresh.run(());
        }
    });
    let err = action_error(save.value());
    view! {
        <form class="stack team-editor" on:submit=move |ev| { ev.prevent_default(); save.dispatch((name.get(), members.get())); }>
            <label class="field">
                <span>{move || if is_new { t_string!(i18n, staff.new_team).to_string() } else { t_string!(i18n, staff.team_name).to_string() }}</span>
                <input type="text" bind:value=name aria-invalid=invalid(err, "name")/>
                <FieldError field="name" error=err/>
            </label>
            <div class="row">
                {people.into_iter().filter(|p| p.active).map(|p| {
                    let (a, b) = (p.id.clone(), p.id.clone());
                    view! {
                        <label class="checkbox">
                            <input type="checkbox" prop:checked=move || members.with(|m| m.contains(&a))
                                on:change=move |ev| { let on = event_target_checked(&ev); members.update(|m| { m.retain(|x| *x != b); if on { m.push(b.clone()); } }); }/>
                            <span>{p.name.clone()}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <FormError error=err fields=&["name"]/>
            <div><button class="btn btn-secondary btn-sm" type="submit">{move || if is_new { t_string!(i18n, staff.create_team).to_string() } else { t_string!(i18n, common.save).to_string() }}</button></div>
        </form>
    }
}
