//! Create or edit a matter: fields, parties and schedule stages.
use crate::api::clients::list_clients;
use crate::api::matters::{create_matter, get_matter, update_matter};
use crate::api::staff::list_teams;
use crate::app::components::forms::{FieldError, FormError, action_error, invalid};
use crate::app::components::text::{PageTitle, kind_label, status_label, visibility_label};
use crate::i18n::*;
use crate::model::matter::{MatterDetail, MatterInput, MatterKind, MatterStatus, StageInput, Visibility};
use crate::model::people::{Client, Team};
use crate::model::AppError;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_router::hooks::use_params_map;

/// /matters/new and /matters/:id/edit.
#[component]
pub fn MatterFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")));
    let existing = Resource::new(move || id.get(), |id| async move {
        match id {
            Some(id) => get_matter(id).await.map(Some),
            None => Ok::<_, AppError>(None),
        }
    });
    let clients = Resource::new(|| (), |_| list_clients(String::new()));
    let teams = Resource::new(|| (), |_| list_teams());
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match existing.await {
                    Ok(m) => view! { <MatterForm existing=m clients teams/> }.into_sync_any(),
                    Err(_) => view! { <p class="empty">{t!(i18n, errors.not_found)}</p> }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

/// One editable stage row.
#[derive(Clone, Copy)]
struct StageRow {
    key: usize,
    name: RwSignal<String>,
    starts_on: RwSignal<String>,
    ends_on: RwSignal<String>,
    done: RwSignal<bool>,
}

impl StageRow {
    fn new(key: usize, s: StageInput) -> Self {
        StageRow {
            key,
            name: RwSignal::new(s.name),
            starts_on: RwSignal::new(s.starts_on),
            ends_on: RwSignal::new(s.ends_on),
            done: RwSignal::new(s.done),
        }
    }
    fn input(&self) -> StageInput {
        StageInput { name: self.name.get(), starts_on: self.starts_on.get(), ends_on: self.ends_on.get(), done: self.done.get() }
    }
}

#[component]
fn MatterForm(
    existing: Option<MatterDetail>,
    clients: Resource<Result<Vec<Client>, AppError>>,
    teams: Resource<Result<Vec<Team>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let edit_id = existing.as_ref().map(|m| m.id.clone());
    let e = existing.clone();
    let kind = RwSignal::new(e.as_ref().map(|m| m.kind).unwrap_or(MatterKind::Legal).as_str().to_string());
    let title = RwSignal::new(e.as_ref().map(|m| m.title.clone()).unwrap_or_default());
    let reference = RwSignal::new(e.as_ref().map(|m| m.reference.clone()).unwrap_or_default());
    let description = RwSignal::new(e.as_ref().map(|m| m.description.clone()).unwrap_or_default());
    let deadline = RwSignal::new(e.as_ref().and_then(|m| m.deadline.clone()).unwrap_or_default());
    let status = RwSignal::new(e.as_ref().map(|m| m.status).unwrap_or(MatterStatus::Active).as_str().to_string());
    let visibility = RwSignal::new(e.as_ref().map(|m| m.visibility).unwrap_or(Visibility::Workspace).as_str().to_string());
    let team_id = RwSignal::new(e.as_ref().and_then(|m| m.team_id.clone()).unwrap_or_default());
    let parties = RwSignal::new(e.as_ref().map(|m| m.parties.iter().map(|p| p.client_id.clone()).collect::<Vec<_>>()).unwrap_or_default());
    let initial_stages: Vec<StageRow> = e
        .as_ref()
        .map(|m| m.stages.iter().enumerate().map(|(i, s)| StageRow::new(i, StageInput { name: s.name.clone(), starts_on: s.starts_on.clone(), ends_on: s.ends_on.clone(), done: s.done })).collect())
        .unwrap_or_default();
    let next_key = StoredValue::new(initial_stages.len());
    let stages = RwSignal::new(initial_stages);
    let eid = edit_id.clone();
    let save = Action::new(move |input: &MatterInput| {
        let input = input.clone();
        let eid = eid.clone();
        async move {
            match eid {
                Some(id) => update_matter(id.clone(), input).await.map(|_| id),
                None => create_matter(input).await,
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(id)) = save.value().get() {
            leptos_router::hooks::use_navigate()(&format!("/matters/{id}"), Default::default());
        }
    });
    let err = action_error(save.value());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(MatterInput {
            kind: kind.get(),
            title: title.get(),
            reference: reference.get(),
            description: description.get(),
            deadline: deadline.get(),
            status: status.get(),
            visibility: visibility.get(),
            team_id: if visibility.get() == "team" { team_id.get() } else { String::new() },
            party_ids: parties.get(),
            stages: stages.get().iter().map(|s| s.input()).collect(),
        });
    };
    let add_stage = move |_| {
        let k = next_key.get_value();
        next_key.set_value(k + 1);
        stages.update(|s| s.push(StageRow::new(k, StageInput::default())));
    };
    let heading = if edit_id.is_some() { "edit" } else { "new" };
    let cancel_href = edit_id.clone().map(|id| format!("/matters/{id}")).unwrap_or_else(|| "/matters".into());
    view! {
        <PageTitle text=if heading == "edit" { |l| td_string!(l, matter_form.edit_title).to_string() } else { |l| td_string!(l, matter_form.new_title).to_string() }/>
        <div class="page-header">
            <h1 class="page-title">{move || if heading == "edit" { t_string!(i18n, matter_form.edit_title).to_string() } else { t_string!(i18n, matter_form.new_title).to_string() }}</h1>
        </div>
        <form class="form card" on:submit=submit novalidate>
            <FormError error=err fields=&["kind", "title", "reference", "description", "deadline", "status", "visibility", "team_id", "parties", "stages"]/>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, matter_form.kind)}</span>
                    <select bind:value=kind>
                        {move || MatterKind::ALL.iter().map(|k| view! { <option value=k.as_str() selected={kind.get_untracked() == k.as_str()}>{kind_label(i18n.get_locale(), *k)}</option> }).collect_view()}
                    </select>
                    <FieldError field="kind" error=err/>
                </label>
                <label class="field">
                    <span>{t!(i18n, matter_form.status)}</span>
                    <select bind:value=status>
                        {move || MatterStatus::ALL.iter().map(|s| view! { <option value=s.as_str() selected={status.get_untracked() == s.as_str()}>{status_label(i18n.get_locale(), *s)}</option> }).collect_view()}
                    </select>
                    <FieldError field="status" error=err/>
                </label>
            </div>
            <label class="field">
                <span>{t!(i18n, matter_form.title)}</span>
                <input type="text" bind:value=title aria-invalid=invalid(err, "title") maxlength="200"/>
                <FieldError field="title" error=err/>
            </label>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, matter_form.reference)}</span>
                    <input type="text" bind:value=reference aria-invalid=invalid(err, "reference")/>
                    <span class="hint">{t!(i18n, matter_form.reference_hint)}</span>
                    <FieldError field="reference" error=err/>
                </label>
                <label class="field">
                    <span>{t!(i18n, matter_form.deadline)}</span>
                    <input type="date" bind:value=deadline aria-invalid=invalid(err, "deadline")/>
                    <FieldError field="deadline" error=err/>
                </label>
            </div>
            <label class="field">
                <span>{t!(i18n, matter_form.description)}</span>
                <textarea rows="4" bind:value=description aria-invalid=invalid(err, "description")></textarea>
                <FieldError field="description" error=err/>
            </label>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, matter_form.visibility)}</span>
                    <select bind:value=visibility>
                        {move || Visibility::ALL.iter().map(|v| view! { <option value=v.as_str() selected={visibility.get_untracked() == v.as_str()}>{visibility_label(i18n.get_locale(), *v)}</option> }).collect_view()}
                    </select>
                    <FieldError field="visibility" error=err/>
                </label>
                <Show when=move || visibility.get() == "team">
                    <label class="field">
                        <span>{t!(i18n, matter_form.team)}</span>
                        <select bind:value=team_id aria-invalid=invalid(err, "team_id")>
                            <option value="">"—"</option>
                            <Transition fallback=|| ()>
                                {move || Suspend::new(async move {
                                    teams.await.unwrap_or_default().into_iter().map(|t| {
                                        view! { <option value=t.id.clone() selected={team_id.get_untracked() == t.id}>{t.name.clone()}</option> }
                                    }).collect_view()
                                })}
                            </Transition>
                        </select>
                        <FieldError field="team_id" error=err/>
                    </label>
                </Show>
            </div>
            <fieldset class="field">
                <legend>{t!(i18n, matter_form.parties)}</legend>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let list = clients.await.unwrap_or_default();
                        if list.is_empty() {
                            return view! { <p class="muted"><span>{t!(i18n, matter_form.no_clients)}</span>" "<a href="/clients/new">{t!(i18n, clients.new)}</a></p> }.into_sync_any();
                        }
                        view! {
                            <div class="stack">
                                {list.into_iter().map(|c| {
                                    let cid = c.id.clone();
                                    let cid2 = c.id.clone();
                                    view! {
                                        <label class="checkbox">
                                            <input type="checkbox" prop:checked=move || parties.with(|p| p.contains(&cid))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    parties.update(|p| { p.retain(|x| *x != cid2); if on { p.push(cid2.clone()); } });
                                                }/>
                                            <span>{format!("{} ", c.name)}<span class="muted">{c.email.clone()}</span></span>
                                        </label>
                                    }
                                }).collect_view()}
                            </div>
                        }.into_sync_any()
                    })}
                </Transition>
                <FieldError field="parties" error=err/>
            </fieldset>
            <fieldset class="field">
                <legend>{t!(i18n, matter_form.stages)}</legend>
                <p class="hint">{t!(i18n, matter_form.stages_hint)}</p>
                <For each=move || stages.get().into_iter().enumerate() key=|(_, s)| s.key let:item>
                    <StageEditor index=item.0 row=item.1 stages err/>
                </For>
                <div><button class="btn btn-secondary btn-sm" type="button" on:click=add_stage>{t!(i18n, matter_form.add_stage)}</button></div>
            </fieldset>
            <div class="form-actions">
                <button class="btn btn-primary" type="submit" disabled=move || save.pending().get()>{t!(i18n, common.save)}</button>
                <a class="btn btn-secondary" href=cancel_href>{t!(i18n, common.cancel)}</a>
            </div>
        </form>
    }
}

#[component]
fn StageEditor(index: usize, row: StageRow, stages: RwSignal<Vec<StageRow>>, err: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let f = |name: &str| format!("stages.{index}.{name}");
    let (fname, fstart, fend) = (f("name"), f("starts_on"), f("ends_on"));
    let inv = move |field: String| move || if err.get().as_ref().and_then(|e| e.field()) == Some(field.as_str()) { "true" } else { "false" };
    let n = index + 1;
    view! {
        <div class="field-row stage-editor" role="group" aria-label=move || format!("{} {n}", t_string!(i18n, matter_form.stage))>
            <label class="field">
                <span>{t!(i18n, matter_form.stage_name)}</span>
                <input type="text" bind:value=row.name aria-invalid=inv(fname.clone())/>
                <FieldError field=fname error=err/>
            </label>
            <label class="field">
                <span>{t!(i18n, matter_form.stage_start)}</span>
                <input type="date" bind:value=row.starts_on aria-invalid=inv(fstart.clone())/>
                <FieldError field=fstart error=err/>
            </label>
            <label class="field">
                <span>{t!(i18n, matter_form.stage_end)}</span>
                <input type="date" bind:value=row.ends_on aria-invalid=inv(fend.clone())/>
                <FieldError field=fend error=err/>
            </label>
            <label class="checkbox">
                <input type="checkbox" bind:checked=row.done/>
                <span>{t!(i18n, matter_form.stage_done)}</span>
            </label>
            <button class="btn btn-ghost btn-sm" type="button" on:click=move |_| stages.update(|s| s.retain(|r| r.key != row.key))>
                {t!(i18n, matter_form.remove_stage)}
            </button>
        </div>
    }
}
