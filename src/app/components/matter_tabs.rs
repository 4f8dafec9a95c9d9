//! The sections of a staff matter page, as tabs that are plain links: the overview
//! the movements, the publications, the documents and the cycles (each its own page, loaded with its own code).
use crate::i18n::*;
use leptos::prelude::*;

/// Which section a matter page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatterTab {
    Overview,
    Movements,
    Publications,
    Documents,
    Cycles,
}

/// The tab strip of matter `id`, `current` marked as the page shown.
#[component]
pub fn MatterTabs(#[prop(into)] id: String, current: MatterTab) -> impl IntoView {
    let i18n = use_i18n();
    let tab = move |t: MatterTab| if t == current { Some("page") } else { None };
    view! {
        <nav class="tabs" aria-label=move || t_string!(i18n, movements.tabs).to_string()>
            <a class="tab" href=format!("/matters/{id}") aria-current=tab(MatterTab::Overview)>{t!(i18n, movements.tab_overview)}</a>
            <a class="tab" href=format!("/matters/{id}/movements") aria-current=tab(MatterTab::Movements)>{t!(i18n, movements.title)}</a>
            <a class="tab" href=format!("/matters/{id}/publications") aria-current=tab(MatterTab::Publications)>{t!(i18n, publications.title)}</a>
            <a class="tab" href=format!("/matters/{id}/documents") aria-current=tab(MatterTab::Documents)>{t!(i18n, documents.title)}</a>
            <a class="tab" href=format!("/matters/{id}/cycles") aria-current=tab(MatterTab::Cycles)>{t!(i18n, cycles.title)}</a>
        </nav>
    }
}
