// Portico's portal service worker (scope /portal): keeps the pages a signed-in
// client has visited, and the assets they need, so they stay readable offline.
//
// - Navigations: network first (fresh content, and the copy is refreshed); when the
//   network fails, the saved copy, marked with the time it was saved; a page never
//   saved gets the offline page, which lists those that are.
// - Only answers the server marks `X-Portico-Offline: keep` are saved (a client's own
//   portal pages, never staff pages or a staff preview). A fresh answer without it
//   removes that page's copy (access gone); `X-Portico-Offline: clear` (the sign-in
//   pages) removes every saved page. `X-Portico-Offline-Also` names a page to keep
//   with this one (a matter's new-ticket form, for tickets started offline).
// - Assets (/pkg, icons): cache first for hashed names, network first otherwise.
const PAGES = "portico-pages-v1";
const ASSETS = "portico-assets-v1";
const OFFLINE_PAGE = "/portal/offline";
const NETWORK_TIMEOUT_MS = 8000;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

const sameOrigin = (url) => url.origin === self.location.origin;
const isPortalPage = (url) =>
  sameOrigin(url) && (url.pathname === "/portal" || url.pathname.startsWith("/portal/"));
const isAsset = (url) =>
  sameOrigin(url) &&
  (url.pathname.startsWith("/pkg/") || url.pathname.startsWith("/icons/") || url.pathname === "/favicon.svg" ||
    url.pathname === "/portal/offline.js");
const isHashed = (url) => /\.[A-Za-z0-9_-]{16,}\.[a-z0-9]+$/.test(url.pathname);
const pageKey = (url) => {
  const u = new URL(url);
  u.hash = "";
  return u.href;
};

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/// Saves a fresh page answer, or forgets the saved copy if the server no longer offers one.
async function remember(url, response) {
  const mark = response.headers.get("x-portico-offline");
  const pages = await caches.open(PAGES);
  if (mark === "clear") {
    await caches.delete(PAGES);
    return;
  }
  if (mark !== "keep" || response.status !== 200) {
    await pages.delete(pageKey(url));
    return;
  }
  const also = response.headers.get("x-portico-offline-also");
  const html = await response.text();
  const title = (html.match(/<title[^>]*>([^<]*)<\/title>/i) || [])[1] || "";
  await pages.put(
    pageKey(url),
    new Response(html, {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "x-portico-saved-at": String(Date.now()),
        "x-portico-title": encodeURIComponent(title),
      },
    }),
  );
  // A page kept with this one (a matter's new-ticket form), once.
  if (also && !(await pages.match(new URL(also, self.location.origin).href))) {
    const r = await fetch(also, { credentials: "same-origin" }).catch(() => null);
    if (r) await remember(new URL(also, self.location.origin).href, r);
  }
  // The offline page, in the language of the pages kept, for pages never saved.
  const lang = (html.match(/<html[^>]*\slang="([^"]*)"/i) || [])[1] || "";
  const off = await pages.match(OFFLINE_PAGE);
  if (!off || off.headers.get("content-language") !== lang) await keepOfflinePage(pages);
}

async function keepOfflinePage(pages) {
  const r = await fetch(OFFLINE_PAGE, { credentials: "same-origin" }).catch(() => null);
  if (r && r.ok) await pages.put(OFFLINE_PAGE, r);
}

/// The saved copy of `url`, marked with the time it was saved; else the offline page.
async function savedCopy(url) {
  const pages = await caches.open(PAGES);
  const hit = await pages.match(pageKey(url));
  if (hit) {
    const saved = hit.headers.get("x-portico-saved-at") || "";
    const html = (await hit.text()).replace(/<html/i, `<html data-offline-saved="${saved}"`);
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
  }
  const off = await pages.match(OFFLINE_PAGE);
  if (off) return off;
  return new Response("<!DOCTYPE html><title>Portico</title><p>Offline.</p>", {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

async function navigate(request) {
  const url = new URL(request.url);
  let response;
  try {
    response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
  } catch (_) {
    return savedCopy(request.url);
  }
  if (url.pathname !== OFFLINE_PAGE) {
    await remember(request.url, response.clone()).catch(() => {});
  }
  return response;
}

async function asset(request) {
  const url = new URL(request.url);
  const cache = await caches.open(ASSETS);
  if (isHashed(url)) {
    const hit = await cache.match(request);
    if (hit) return hit;
  }
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (e) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw e;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (request.mode === "navigate" && isPortalPage(url)) {
    event.respondWith(navigate(request));
  } else if (isAsset(url)) {
    event.respondWith(asset(request));
  }
});

/// Messages from the portal's pages: `keep` (a page shown without a navigation, and
/// the assets it loaded) and `clear` (signed out). Each is answered when done.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  const done = () => event.ports[0] && event.ports[0].postMessage("done");
  if (data.type === "keep") {
    event.waitUntil(
      (async () => {
        const assets = await caches.open(ASSETS);
        for (const a of data.assets || []) {
          const url = new URL(a, self.location.origin);
          if (!isAsset(url) || (await assets.match(url.href))) continue;
          const r = await fetch(url.href).catch(() => null);
          if (r && r.ok) await assets.put(url.href, r);
        }
        for (const p of data.pages || []) {
          const url = new URL(p, self.location.origin);
          if (!isPortalPage(url)) continue;
          const r = await fetch(url.href, { credentials: "same-origin" }).catch(() => null);
          if (r) await remember(url.href, r);
        }
      })().finally(done),
    );
  } else if (data.type === "clear") {
    event.waitUntil(caches.delete(PAGES).finally(done));
  }
});
