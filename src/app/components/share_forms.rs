//! The sharing forms: the block and access-type pickers, the share form of a matter
//! and the edit form of one access. The two forms open on a click and are loaded
//! then (`share::access_form` is `#[lazy]`), so viewing a matter does not download them.
use super::forms::{FieldError, FormError, action_error};
use super::text::block_label;
use crate::api::sharing::{share_matter, update_grant};
use crate::i18n::*;
use crate::model::sharing::*;
use crate::model::AppError;
use leptos::prelude::*;

/// Checkboxes for every block.
#[component]
pub fn BlockPicker(selected: RwSignal<Vec<Block>>, #[prop(into)] id: String, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field block-picker" aria-describedby="blocks-error">
            <legend>{t!(i18n, share.blocks)}</legend>
            <div class="checks">
                {Block::ALL.iter().copied().map(|b| {
                    let input_id = format!("{id}-{}", b.as_str());
                    view! {
                        <label class="checkbox" for=input_id.clone()>
                            <input type="checkbox" id=input_id.clone() name="blocks" value=b.as_str()
                                prop:checked=move || selected.with(|s| s.contains(&b))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    selected.update(|s| { s.retain(|x| *x != b); if on { s.push(b); s.sort(); } });
                                }/>
                            <span>{move || block_label(i18n.get_locale(), b)}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <FieldError field="blocks" error/>
        </fieldset>
    }
}

/// Account or link.
#[component]
pub fn AccessTypePicker(value: RwSignal<String>, #[prop(into)] name: String) -> impl IntoView {
    let i18n = use_i18n();
    let opt = move |v: &'static str| {
        let name = name.clone();
        view! {
            <label class="checkbox">
                <input type="radio" name=name value=v prop:checked=move || value.get() == v on:change=move |_| value.set(v.to_string())/>
                <span>{move || if v == "link" { t_string!(i18n, share.type_link).to_string() } else { t_string!(i18n, share.type_account).to_string() }}</span>
            </label>
        }
    };
    view! {
        <fieldset class="field">
            <legend>{t!(i18n, share.access_type)}</legend>
            <div class="checks">{opt("account")}{opt("link")}</div>
        </fieldset>
    }
}

/// A matter's share form: emails, blocks, access type. On success `done` gets the
/// list of emails and `access` is refetched.
#[component]
pub fn ShareForm(matter_id: String, access: Resource<Result<Vec<Access>, AppError>>, done: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let emails = RwSignal::new(String::new());
    let blocks = RwSignal::new(vec![Block::Deadline, Block::Schedule, Block::Tasks]);
    let access_type = RwSignal::new("account".to_string());
    let share = Action::new(move |input: &ShareInput| share_matter(matter_id.clone(), input.clone()));
    Effect::new(move |_| {
        if let Some(Ok(out)) = share.value().get() {
            done.set(Some(out.iter().map(|o| o.email.clone()).collect::<Vec<_>>().join(", ")));
            emails.set(String::new());
            access.refetch();
        }
    });
    let err = action_error(share.value());
    view! {
        <form id="share-form" class="form share-form" on:submit=move |ev| {
            ev.prevent_default();
            done.set(None);
            share.dispatch(ShareInput {
                emails: emails.get(),
                blocks: blocks.get().iter().map(|b| b.as_str().to_string()).collect(),
                access_type: access_type.get(),
            });
        }>
            <FormError error=err fields=&["emails", "blocks"]/>
            <label class="field">
                <span>{t!(i18n, share.emails)}</span>
                <textarea name="emails" rows="2" bind:value=emails aria-describedby="emails-hint emails-error"
                    aria-invalid=move || if err.get().and_then(|e| e.field().map(|f| f == "emails")).unwrap_or(false) { "true" } else { "false" }></textarea>
                <span class="hint" id="emails-hint">{t!(i18n, share.emails_hint)}</span>
                <FieldError field="emails" error=err/>
            </label>
            <BlockPicker selected=blocks id="share" error=err/>
            <AccessTypePicker value=access_type name="share-type"/>
            <div class="form-actions">
                <button class="btn btn-primary" type="submit" disabled=move || share.pending().get()>{t!(i18n, share.submit)}</button>
            </div>
        </form>
    }
}

/// The edit form of one access: its blocks, type and (for parties) private matters.
/// Saving closes it (`editing`) and calls `on_change`.
#[component]
pub fn GrantForm(a: Access, editing: RwSignal<bool>, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let blocks = RwSignal::new(a.blocks.clone());
    let access_type = RwSignal::new(a.access_type.map(|t| t.as_str()).unwrap_or("account").to_string());
    let include_private = RwSignal::new(a.include_private);
    let grant = a.grant_id.clone();
    let save = Action::new(move |input: &GrantInput| update_grant(grant.clone(), input.clone()));
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            editing.set(false);
            on_change.run(());
        }
    });
    let err = action_error(save.value());
    let parties = a.scope == Scope::Parties;
    view! {
        <form class="form access-edit" on:submit=move |ev| {
            ev.prevent_default();
            save.dispatch(GrantInput {
                blocks: blocks.get().iter().map(|b| b.as_str().to_string()).collect(),
                include_private: include_private.get(),
                access_type: access_type.get(),
            });
        }>
            <FormError error=err fields=&["blocks"]/>
            <BlockPicker selected=blocks id=format!("edit-{}", a.grant_id) error=err/>
            <AccessTypePicker value=access_type name=format!("type-{}", a.grant_id)/>
            {parties.then(|| view! {
                <label class="checkbox">
                    <input type="checkbox" bind:checked=include_private/>
                    <span>{t!(i18n, share.include_private)}</span>
                </label>
            })}
            <div class="form-actions">
                <button class="btn btn-primary btn-sm" type="submit" disabled=move || save.pending().get()>{t!(i18n, share.save)}</button>
                <button class="btn btn-ghost btn-sm" type="button" on:click=move |_| editing.set(false)>{t!(i18n, share.cancel)}</button>
            </div>
        </form>
    }
}
