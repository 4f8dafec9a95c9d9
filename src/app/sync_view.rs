//! `AnyView`s that carry only the synchronous hydration path.
//!
//! Turning a view into an `AnyView` stores, for its type, a function for each way it
//! can render: build, rebuild, hydrate and *async* hydrate. The async one (a state
//! machine over every element and child of the view) is as large as the sync one or
//! larger, and in this app it is never called below the router: the nested router
//! waits for a lazy route's code, then hydrates the matched routes synchronously.
//! So page code erases its views with [`IntoSyncAny::into_sync_any`], whose async
//! hydration is the sync one behind a ready future; the layouts above the
//! `<Outlet/>` keep tachys' own.
//!
//! Rendering on the server (sync and streamed) and in the browser is passed through
//! unchanged.
use leptos::prelude::*;
use leptos::tachys::html::attribute::{Attribute, any_attribute::AnyAttribute};
use leptos::tachys::hydration::Cursor;
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Position, PositionState, Render, RenderHtml};

/// A view whose async hydration is its sync hydration.
pub struct SyncHydrate<T>(T);

/// `.into_sync_any()`: like `.into_any()`, without the async hydration code.
pub trait IntoSyncAny: RenderHtml + Sized {
    fn into_sync_any(self) -> AnyView {
        SyncHydrate(self).into_any()
    }
}

impl<T: RenderHtml> IntoSyncAny for T {}

impl<T: Render> Render for SyncHydrate<T> {
    type State = T::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.0.rebuild(state)
    }
}

impl<T: AddAnyAttr> AddAnyAttr for SyncHydrate<T> {
    // Spread attributes give the plain view (a new type, whose own erasure decides).
    type Output<A: Attribute> = T::Output<A>;

    fn add_any_attr<A: Attribute>(self, attr: A) -> Self::Output<A>
    where
        Self::Output<A>: RenderHtml,
    {
        self.0.add_any_attr(attr)
    }
}

impl<T: RenderHtml> RenderHtml for SyncHydrate<T> {
    // Resolving is the server's (it renders the result to HTML): the plain view.
    type AsyncOutput = T::AsyncOutput;
    type Owned = SyncHydrate<T::Owned>;

    const MIN_LENGTH: usize = T::MIN_LENGTH;
    const EXISTS: bool = T::EXISTS;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve()
    }

    fn resolve(self) -> impl std::future::Future<Output = Self::AsyncOutput> + Send {
        self.0.resolve()
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(self, buf: &mut String, position: &mut Position, escape: bool, mark_branches: bool, extra_attrs: Vec<AnyAttribute>) {
        self.0.to_html_with_buf(buf, position, escape, mark_branches, extra_attrs)
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(buf, position, escape, mark_branches, extra_attrs)
    }

    fn hydrate<const FROM_SERVER: bool>(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    fn into_owned(self) -> Self::Owned {
        SyncHydrate(self.0.into_owned())
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// The server renders a view the same through either erasure, an empty branch
    /// too (the placeholder the browser hydrates).
    #[test]
    fn renders_on_the_server_as_into_any_does() {
        let shown = |n: u32| view! { <p class="n">{n}<strong>"dias"</strong></p> };
        let html = shown(3).into_sync_any().to_html();
        assert_eq!(html, shown(3).into_any().to_html());
        assert!(html.starts_with("<p class=\"n\">3") && html.ends_with("<strong>dias</strong></p>"), "{html}");
        let branch = |late: bool| if late { view! { <em>"atrasado"</em> }.into_sync_any() } else { ().into_sync_any() };
        assert_eq!(branch(true).to_html(), "<em>atrasado</em>");
        assert_eq!(branch(false).to_html(), ().into_any().to_html());
    }
}
