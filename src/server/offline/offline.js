// The portal's offline layer, page side (no framework; runs before and without the
// wasm). The element #portico-offline carries the mode and the page's words:
//   data-mode="keep"    a client's portal page: register the service worker, have it
//                       keep this page and its assets, show the offline banner
//   data-mode="clear"   a sign-in page: delete every saved page and draft
//   data-mode="offline" the offline page: list the saved pages
(() => {
  const el = document.getElementById("portico-offline");
  if (!el) return;
  const words = el.dataset;
  const lang = document.documentElement.lang || "pt-BR";
  const PAGES = "portico-pages-v1";
  const DRAFTS = "portico-draft:";
  const when = (ms) =>
    new Date(Number(ms)).toLocaleString(lang, { dateStyle: "short", timeStyle: "short" });

  function clearAll() {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const k = localStorage.key(i);
      if (k && k.startsWith(DRAFTS)) localStorage.removeItem(k);
    }
    return "caches" in self ? caches.delete(PAGES) : Promise.resolve();
  }

  // The banner lives outside the app's own markup (appended to <body>): a line for
  // the connection, and one for what just happened (a draft kept, an action refused).
  let banner;
  let state = "";
  let news = "";
  function render(role) {
    if (!banner) {
      banner = document.createElement("div");
      banner.className = "offline-banner";
      document.body.appendChild(banner);
    }
    banner.setAttribute("role", role || "status");
    banner.replaceChildren(
      ...[state, news].filter(Boolean).map((t) => Object.assign(document.createElement("p"), { textContent: t })),
    );
    banner.hidden = !state && !news;
    document.documentElement.classList.toggle("has-offline-banner", !banner.hidden);
  }
  const say = (text, role) => {
    news = text;
    render(role);
  };
  const saved = document.documentElement.dataset.offlineSaved;
  const fromCopy = () => !!saved || !navigator.onLine;
  function showState() {
    state = saved ? words.saved.replace("{time}", when(saved)) : navigator.onLine ? "" : words.offline;
    render();
  }
  // The app (when it runs) keeps ticket drafts itself; without it, this does, in the
  // same place and shape.
  const appRuns = () => document.body.dataset.hydrated === "true";
  const draftKey = (form) => DRAFTS + form.dataset.offlineDraft;
  function keepDraft(form) {
    const fields = {};
    for (const el of form.elements) if (el.name && el.type !== "file") fields[el.name] = el.value;
    try {
      localStorage.setItem(draftKey(form), JSON.stringify(fields));
      say(words.draftKept);
    } catch (_) {
      say(words.needsConnection, "alert");
    }
  }
  function restoreDrafts() {
    for (const form of document.querySelectorAll("form[data-offline-draft]")) {
      let fields = null;
      try {
        fields = JSON.parse(localStorage.getItem(draftKey(form)) || "null");
      } catch (_) {}
      if (!fields || appRuns()) continue;
      for (const el of form.elements) if (el.name && el.name in fields) el.value = fields[el.name];
      say(words.draftRestored);
    }
  }

  if (words.mode === "clear") {
    clearAll();
    return;
  }

  if (words.mode === "offline") {
    showState();
    const list = document.getElementById("offline-pages");
    const none = document.getElementById("offline-none");
    if (!list || !("caches" in self)) return;
    caches.open(PAGES).then(async (pages) => {
      const items = [];
      for (const req of await pages.keys()) {
        const url = new URL(req.url);
        if (url.pathname === "/portal/offline") continue;
        const r = await pages.match(req);
        const raw = decodeURIComponent(r.headers.get("x-portico-title") || "");
        const text = new DOMParser().parseFromString(raw, "text/html").documentElement.textContent || "";
        const title = text.replace(/ · Portico$/, "") || url.pathname;
        items.push({ href: url.pathname + url.search, title, at: Number(r.headers.get("x-portico-saved-at") || 0) });
      }
      items.sort((a, b) => b.at - a.at);
      for (const it of items) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = it.href;
        a.textContent = it.title;
        const small = document.createElement("span");
        small.className = "muted";
        small.textContent = " · " + words.savedAt.replace("{time}", when(it.at));
        li.append(a, small);
        list.appendChild(li);
      }
      if (none) none.hidden = items.length > 0;
      list.hidden = items.length === 0;
    });
    return;
  }

  // mode "keep": a client's portal page.
  showState();
  restoreDrafts();
  addEventListener("offline", showState);
  addEventListener("online", showState);

  // Offline (or on a saved copy) every link is a real navigation, which the service
  // worker answers from its copies; the app's in-page navigation would need the server.
  addEventListener(
    "click",
    (ev) => {
      const a = ev.target instanceof Element && ev.target.closest("a[href]");
      if (!a || !fromCopy()) return;
      const url = new URL(a.href, location.href);
      if (url.origin === location.origin) ev.stopImmediatePropagation();
    },
    true,
  );
  // Actions that need the server say so instead of failing; the ticket form keeps a
  // draft (data-offline-draft="<matter>"), by the app when it runs, else here.
  addEventListener(
    "submit",
    (ev) => {
      const form = ev.target instanceof HTMLFormElement ? ev.target : null;
      if (!form || !fromCopy()) return;
      if (form.dataset.offlineDraft !== undefined && appRuns()) return;
      ev.preventDefault();
      ev.stopImmediatePropagation();
      if (form.dataset.offlineDraft) keepDraft(form);
      else say(words.needsConnection, "alert");
    },
    true,
  );
  // Signing out deletes what this device kept, before the request leaves.
  addEventListener(
    "click",
    (ev) => {
      if (ev.target instanceof Element && ev.target.closest("[data-portal-logout]")) clearAll();
    },
    true,
  );

  if (!("serviceWorker" in navigator) || saved) return;
  const keep = (pages) =>
    navigator.serviceWorker.ready.then(
      (reg) =>
        new Promise((resolve) => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve();
          const assets = performance
            .getEntriesByType("resource")
            .map((e) => e.name)
            .filter((n) => n.startsWith(location.origin));
          (navigator.serviceWorker.controller || reg.active).postMessage({ type: "keep", pages, assets }, [ch.port2]);
        }),
    );
  // A page the worker did not answer (the first visit, or a worker just updated) is
  // handed to it; later navigations pass through it and are kept on the way.
  const controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker
    .register("/portal/sw.js", { scope: "/portal" })
    .then(() => (controlled ? null : keep([location.href])))
    .then(() => document.documentElement.setAttribute("data-offline-ready", ""))
    .catch(() => {});
  // Pages reached by the app's own navigation are kept too.
  const push = history.pushState;
  history.pushState = function (...args) {
    const r = push.apply(this, args);
    if (navigator.onLine) keep([location.href]);
    return r;
  };
})();
