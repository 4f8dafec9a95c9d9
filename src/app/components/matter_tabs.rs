//! The sections of a staff matter page, as tabs that are plain links: the overview
//! the movements, the publications, the documents and the cycles (each its own page, loaded with its own code).
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

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

/// The head of a matter's section page: the browser title, the matter's name and
/// number, the tabs (`current` marked) and the section's one-line intro.
#[component]
pub fn MatterSectionHead(#[prop(into)] id: String, title: String, reference: String, current: MatterTab) -> impl IntoView {
    let i18n = use_i18n();
    let section = move || match current {
        MatterTab::Overview => t_string!(i18n, movements.tab_overview),
        MatterTab::Movements => t_string!(i18n, movements.title),
        MatterTab::Publications => t_string!(i18n, publications.title),
        MatterTab::Documents => t_string!(i18n, documents.title),
        MatterTab::Cycles => t_string!(i18n, cycles.title),
    };
    let intro = move || match current {
        MatterTab::Overview => "",
        MatterTab::Movements => t_string!(i18n, movements.subtitle),
        MatterTab::Publications => t_string!(i18n, publications.subtitle),
        MatterTab::Documents => t_string!(i18n, documents.subtitle),
        MatterTab::Cycles => t_string!(i18n, cycles.subtitle),
    };
    view! {
        <Title text=format!("{} · {}", section(), title)/>
        <div class="page-header">
            <div>
                <p class="muted"><a href="/matters">{t!(i18n, matters.title)}</a></p>
                <h1 class="page-title">{title.clone()}</h1>
                {(!reference.is_empty()).then(|| view! { <p class="muted">{reference.clone()}</p> })}
            </div>
        </div>
        <MatterTabs id=id current/>
        <p class="subtitle">{intro}</p>
    }
}

/// What a matter's section page shows when the matter is not the caller's to see.
#[component]
pub fn MatterNotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="empty">
            <h1>{t!(i18n, errors.not_found)}</h1>
            <a href="/matters">{t!(i18n, nav.back_home)}</a>
        </div>
    }
}
