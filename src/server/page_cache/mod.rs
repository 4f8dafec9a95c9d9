//! Signed-in pages served again from memory while nothing has changed.
//!
//! A page (client portal or staff) is rendered for one caller from the database. The
//! page cache keeps the answer exactly as it was sent (compressed, with its headers)
//! under a key made of everything the page can depend on in the request (the cookies,
//! so the session and the language; the path and query; the accepted encodings and
//! languages; the host), together with the database's change marker read *before*
//! the page was rendered ([`version::DataVersion`]).
//!
//! The same request is answered from memory only while the marker is unchanged, so
//! any commit by anyone (a grant revoked, a staff member deactivated, a session ended,
//! a task edited, another instance or the command line writing) makes the very next
//! request render again. What only the clock changes (a session or secret link
//! expiring, "today" in dates) can lag by at most `page_cache_ms` (10 s by default;
//! `0` turns the cache off). Only `200` answers without `Set-Cookie` are kept; the
//! visits a page noted are noted again on each answer from memory. Memory is bounded
//! by `page_cache_bytes` (least recently used pages go first). When many identical
//! requests miss at once (after a commit), one renders and the others wait for its
//! page: one render per page and marker, not one per connection.
pub mod version;

use super::AppState;
use super::auth::page_guard::is_guarded_page;
use super::visits::{Visit, VisitTrail};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::watch;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use version::DataVersion;

/// Largest page body kept (bigger ones are sent and forgotten).
const MAX_PAGE_BYTES: usize = 4 << 20;

/// A page as it was sent.
struct Entry {
    version: String,
    born: Instant,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    visits: Vec<Visit>,
}

#[derive(Clone)]
struct Weigh;

impl quick_cache::Weighter<[u8; 32], Arc<Entry>> for Weigh {
    fn weight(&self, _: &[u8; 32], e: &Arc<Entry>) -> u64 {
        (e.body.len() + e.headers.len() * 64 + e.version.len() + 256) as u64
    }
}

/// What waiters of a render receive: `Some(page)`, or `None` when it was not kept.
type Rendered = Option<Option<Arc<Entry>>>;

/// Renders under way: key → (the marker they were started with, their outcome).
type InFlight = std::sync::Mutex<HashMap<[u8; 32], (String, watch::Receiver<Rendered>)>>;

/// The cache of rendered pages and the database marker it trusts.
pub struct PageCache {
    pages: Option<quick_cache::sync::Cache<[u8; 32], Arc<Entry>, Weigh>>,
    inflight: InFlight,
    max_age: Duration,
    version: DataVersion,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache").field("on", &self.pages.is_some()).field("max_age", &self.max_age).finish()
    }
}

impl PageCache {
    /// A cache for the database at `url`, keeping pages up to `max_age_ms` and
    /// `bytes` in all; off when either is zero.
    pub fn new(url: &str, backend: super::db::Backend, max_age_ms: u64, bytes: u64) -> PageCache {
        let pages = (max_age_ms > 0 && bytes > 0)
            .then(|| quick_cache::sync::Cache::with_weighter((bytes / 16_384).max(16) as usize, bytes, Weigh));
        PageCache { pages, inflight: Default::default(), max_age: Duration::from_millis(max_age_ms), version: DataVersion::new(url, backend) }
    }
}

/// The key: a SHA-256 of everything in the request the page may depend on.
fn key(req: &Request) -> [u8; 32] {
    let mut h = Sha256::new();
    let mut part = |b: &[u8]| {
        h.update((b.len() as u64).to_le_bytes());
        h.update(b);
    };
    part(req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("").as_bytes());
    for name in [header::HOST, header::COOKIE, header::ACCEPT_ENCODING, header::ACCEPT_LANGUAGE] {
        for v in req.headers().get_all(&name) {
            part(name.as_str().as_bytes());
            part(v.as_bytes());
        }
    }
    h.finalize().into()
}

fn keepable(res: &Response) -> bool {
    res.status() == StatusCode::OK
        && !res.headers().contains_key(header::SET_COOKIE)
        && res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"))
}

fn answer(e: &Entry) -> Response {
    let mut res = Response::new(Body::from(e.body.clone()));
    *res.status_mut() = e.status;
    *res.headers_mut() = e.headers.clone();
    res
}

/// Middleware: answers a signed-in page from memory when nothing changed since it
/// was rendered for the very same request; otherwise renders and keeps it.
pub async fn serve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let cache = &state.page_cache;
    let Some(pages) = &cache.pages else { return next.run(req).await };
    if req.method() != Method::GET || !is_guarded_page(req.uri().path()) {
        return next.run(req).await;
    }
    let Some(version) = cache.version.current().await else {
        tracing::debug!(path = req.uri().path(), "page rendered: no change marker (a write is under way)");
        return next.run(req).await;
    };
    let key = key(&req);
    match pages.get(&key) {
        Some(e) if e.version == version && e.born.elapsed() < cache.max_age => return from_memory(&state, &e),
        Some(e) if e.version != version => tracing::debug!(path = req.uri().path(), "page rendered: the database changed"),
        Some(_) => tracing::debug!(path = req.uri().path(), "page rendered: older than page_cache_ms"),
        None => tracing::debug!(path = req.uri().path(), "page rendered: not kept"),
    }
    // The same page for the same marker is being rendered: wait for it.
    let render = {
        let mut inflight = cache.inflight.lock().unwrap_or_else(|e| e.into_inner());
        match inflight.get(&key) {
            Some((v, rx)) if *v == version => Err(rx.clone()),
            _ => {
                let (tx, rx) = watch::channel(None);
                inflight.insert(key, (version.clone(), rx));
                Ok(Render { cache, key, tx })
            }
        }
    };
    let render = match render {
        Ok(render) => render,
        Err(mut rx) => {
            if let Ok(done) = rx.wait_for(|r| r.is_some()).await {
                if let Some(Some(e)) = done.clone() {
                    return from_memory(&state, &e);
                }
            }
            // Not kept (or the render was abandoned): render this one on its own.
            state.metrics.page_cache_misses.fetch_add(1, Ordering::Relaxed);
            return next.run(req).await;
        }
    };
    state.metrics.page_cache_misses.fetch_add(1, Ordering::Relaxed);
    let trail = VisitTrail::default();
    req.extensions_mut().insert(trail.clone());
    let born = Instant::now();
    let res = next.run(req).await;
    if !keepable(&res) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let mut stream = body.into_data_stream();
    let mut buf = bytes::BytesMut::new();
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(c) => buf.extend_from_slice(&c),
            Err(e) => {
                tracing::warn!(error = %e, "page body failed while rendering");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        }
        if buf.len() > MAX_PAGE_BYTES {
            // Too big to keep: send what came so far and the rest as it comes.
            let head = futures_util::stream::once(std::future::ready(Ok::<Bytes, axum::Error>(buf.freeze())));
            return Response::from_parts(parts, Body::from_stream(head.chain(stream)));
        }
    }
    let body = buf.freeze();
    let e = Entry { version, born, status: parts.status, headers: parts.headers, body, visits: trail.take() };
    let e = Arc::new(e);
    pages.insert(key, e.clone());
    render.tx.send_replace(Some(Some(e.clone())));
    answer(&e)
}

/// A kept page answered again: counted, and its visits noted as happening now.
fn from_memory(state: &AppState, e: &Entry) -> Response {
    state.metrics.page_cache_hits.fetch_add(1, Ordering::Relaxed);
    state.visits.replay(&e.visits);
    answer(e)
}

/// One render under way: tells its waiters how it ended, and leaves the in-flight
/// list when dropped (also when the request is abandoned half way).
struct Render<'a> {
    cache: &'a PageCache,
    key: [u8; 32],
    tx: watch::Sender<Rendered>,
}

impl Drop for Render<'_> {
    fn drop(&mut self) {
        // Waiters still waiting (not kept, or abandoned) render on their own.
        self.tx.send_if_modified(|r| {
            let unset = r.is_none();
            if unset {
                *r = Some(None);
            }
            unset
        });
        let mut inflight = self.cache.inflight.lock().unwrap_or_else(|e| e.into_inner());
        if inflight.get(&self.key).is_some_and(|(_, rx)| rx.same_channel(&self.tx.subscribe())) {
            inflight.remove(&self.key);
        }
    }
}
