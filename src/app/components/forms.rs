//! Error display next to fields and above forms.
use super::text::error_message;
use crate::i18n::*;
use crate::model::AppError;
use leptos::prelude::*;

/// The error of the last submission, if any, from an action's value.
pub fn action_error<T, S>(value: S) -> Signal<Option<AppError>>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

/// True when `error` belongs to `field` (for `aria-invalid`).
pub fn invalid(error: Signal<Option<AppError>>, field: &'static str) -> impl Fn() -> &'static str + Send + Sync + Copy {
    move || if error.get().as_ref().and_then(|e| e.field()) == Some(field) { "true" } else { "false" }
}

/// The message under a field when the error is about it.
#[component]
pub fn FieldError(#[prop(into)] field: String, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{}-error", field.replace('.', "-"));
    move || {
        error.get().filter(|e| e.field() == Some(field.as_str())).map(|e| {
            view! { <p class="field-error" role="alert" id=id.clone()>{error_message(i18n.get_locale(), &e)}</p> }
        })
    }
}

/// The message above a form for errors that belong to no field on it.
#[component]
pub fn FormError(
    error: Signal<Option<AppError>>,
    /// Fields that the form shows errors for itself.
    #[prop(optional)]
    fields: &'static [&'static str],
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error
            .get()
            .filter(|e| match e.field() {
                Some(f) => !fields.iter().any(|x| *x == f || f.starts_with(&format!("{x}."))),
                None => true,
            })
            .map(|e| view! { <div class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</div> })
    }
}

/// The email + password sign-in form (staff and clients); `on_submit` gets both.
#[component]
pub fn SignInForm(on_submit: Callback<(String, String)>, pending: Signal<bool>, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    view! {
        <form class="form" on:submit=move |ev| { ev.prevent_default(); on_submit.run((email.get(), password.get())); }>
            <FormError error/>
            <label class="field">
                <span>{t!(i18n, login.email)}</span>
                <input type="email" name="email" autocomplete="username" required bind:value=email aria-invalid=invalid(error, "email")/>
            </label>
            <label class="field">
                <span>{t!(i18n, login.password)}</span>
                <input type="password" name="password" autocomplete="current-password" required bind:value=password/>
            </label>
            <div class="form-actions">
                <button class="btn btn-primary" type="submit" disabled=move || pending.get()>{t!(i18n, login.submit)}</button>
            </div>
        </form>
    }
}
