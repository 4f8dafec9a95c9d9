// A first visit as a phone on mobile data meets it: Chromium with an empty cache,
// Chrome DevTools' "Slow 4G" network (562.5 ms round trip, 1.44 Mbit/s down,
// 675 kbit/s up) and 4x CPU slowdown. Prints one JSON object per page:
//   transfer_bytes  every response's bytes on the wire (compressed as served, headers included)
//   requests        how many responses
//   dcl_ms, load_ms DOMContentLoaded and load, from the start of the navigation
//   interactive_ms  when the page answers input: the app hydrated (body[data-hydrated])
//                   on pages that load the wasm; DOMContentLoaded (links and forms are
//                   native, deferred scripts have run) on pages that do not
//   wasm            whether the page loaded the wasm
//   worker_extra_bytes, worker_extra_requests
//                   what the portal's service worker then downloads in the background
//                   (pages it saves for offline reading), from a second visit with it;
//                   the figures above are with it blocked, so that every request of
//                   the page goes through the page's own throttled, counted network
//
//   node end2end/bench/first-visit.mjs --base http://127.0.0.1:3210 [--detail] \
//        --visit name=client_matter,path=/portal/m/ID,cookie='portico_session=…' [--visit …]
// --detail adds `responses`: each response's URL path and bytes, largest first.
import { chromium } from "@playwright/test";

const args = process.argv.slice(2);
let base = "";
let detail = false;
const visits = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--base") base = args[++i];
  else if (args[i] === "--detail") detail = true;
  else if (args[i] === "--visit") {
    const v = {};
    for (const part of args[++i].split(/,(?=\w+=)/)) {
      const at = part.indexOf("=");
      v[part.slice(0, at)] = part.slice(at + 1);
    }
    visits.push(v);
  } else {
    console.error(`unknown argument ${args[i]}`);
    process.exit(2);
  }
}
if (!base || visits.length === 0) {
  console.error("usage: first-visit.mjs --base URL --visit name=…,path=…,cookie=… [--visit …]");
  process.exit(2);
}

const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.44e6 / 8) * 0.9, uploadThroughput: (675e3 / 8) * 0.9 };
const browser = await chromium.launch({
  executablePath: process.env.PORTICO_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--no-first-run"],
});
/// One visit in a new context (empty cache): the page's own requests on its CDP
/// session, throttled; with `worker`, also what the service worker fetched itself.
async function visit(v, worker) {
  const ctx = await browser.newContext({
    locale: "pt-BR",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    serviceWorkers: worker ? "allow" : "block",
  });
  const [name, value] = [v.cookie.slice(0, v.cookie.indexOf("=")), v.cookie.slice(v.cookie.indexOf("=") + 1)];
  await ctx.addCookies([{ name, value, url: base }]);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  let bytes = 0;
  let requests = 0;
  let wasm = false;
  const urls = new Map();
  const sizes = [];
  const pagePaths = new Set();
  const pathOf = (url) => {
    const u = new URL(url);
    return u.pathname + u.search;
  };
  const fromWorker = [];
  cdp.on("Network.loadingFinished", (e) => {
    bytes += e.encodedDataLength;
    requests += 1;
    sizes.push([urls.get(e.requestId) ?? "?", e.encodedDataLength]);
  });
  cdp.on("Network.responseReceived", (e) => {
    if (e.response.url.endsWith(".wasm")) wasm = true;
    urls.set(e.requestId, new URL(e.response.url).pathname);
    pagePaths.add(pathOf(e.response.url));
  });
  ctx.on("requestfinished", (r) => {
    if (r.serviceWorker()) fromWorker.push(r.sizes().then((s) => [r.url(), s.responseBodySize + s.responseHeadersSize]));
  });
  const started = Date.now();
  await page.goto(base + v.path, { waitUntil: "load", timeout: 120_000 });
  let hydrated = null;
  if (wasm) {
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 120_000 });
    hydrated = Date.now() - started;
  }
  const t = await page.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0];
    return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };
  });
  // Let late requests (the worker's saving, icons) finish before counting.
  await page.waitForTimeout(worker ? 4000 : 1500);
  const title = (await page.evaluate(() => document.title)) || "";
  // What the worker fetched beyond the page's own requests (those it answered for
  // the page are counted on the page): the pages and assets it saves for offline.
  const extra = (await Promise.all(fromWorker))
    .map(([u, b]) => [pathOf(u), b])
    .filter(([p]) => !pagePaths.has(p));
  await ctx.close();
  return { title, bytes, requests, wasm, hydrated, t, sizes, extra };
}

try {
  for (const v of visits) {
    // Bytes and timing with the service worker blocked: every request of the page
    // goes through its own (throttled, counted) network. Then again with the worker,
    // for what it downloads in the background on a first visit.
    const r = await visit(v, false);
    const w = await visit(v, true);
    console.log(
      JSON.stringify({
        name: v.name,
        path: v.path,
        title: r.title,
        transfer_bytes: r.bytes,
        requests: r.requests,
        dcl_ms: Math.round(r.t.dcl),
        load_ms: Math.round(r.t.load),
        interactive_ms: Math.round(r.wasm ? r.hydrated : r.t.dcl),
        wasm: r.wasm,
        worker_extra_bytes: w.extra.reduce((n, [, b]) => n + b, 0),
        worker_extra_requests: w.extra.length,
        ...(detail
          ? {
              responses: r.sizes.sort((a, b) => b[1] - a[1]),
              worker_extra: w.extra,
            }
          : {}),
      }),
    );
  }
} finally {
  await browser.close();
}
