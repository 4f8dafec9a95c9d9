import { expect, test, type BrowserContext, type Page, type Route } from "@playwright/test";
import { DEMO_CLIENT, clientLogin, waitForHydration } from "./helpers";

// Offline reading of the portal, in Chromium with the real service worker: visited
// pages stay readable offline (by reload and by the app's links) with a banner and
// the time they were saved; an unvisited page gives the offline page; a ticket typed
// offline is kept as a draft and sent when the connection is back; signing out
// leaves nothing of the client's readable.
const MATTER = "Ação de cobrança — Mercado Boa Vista";
const unique = () => Math.random().toString(36).slice(2, 8);

test("portal pages work without app code: language switch and sign-out are plain HTML", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "pt-BR" });
  const page = await ctx.newPage();
  const wasm: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push(r.url());
  });
  await clientLogin(page, DEMO_CLIENT.email, DEMO_CLIENT.password);
  wasm.length = 0;
  await page.goto("/portal");
  await page.getByRole("link", { name: MATTER }).click();
  await expect(page.getByRole("heading", { level: 1, name: MATTER })).toBeVisible();
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("link", { name: "My tickets" })).toBeVisible();
  await page.getByRole("link", { name: "Português" }).click();
  await expect(page.getByRole("link", { name: "Meus tickets" })).toBeVisible();
  expect(wasm, "no page here loaded the app").toEqual([]);
  await page.getByRole("button", { name: "Sair" }).click();
  await expect(page).toHaveURL(/\/portal\/login$/);
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/portal\/login$/);
  await ctx.close();
});

// Playwright's offline mode does not reach a service worker's own requests: those
// are aborted by hand (PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS, set in the config).
const swOffline = (route: Route) =>
  route.request().serviceWorker() ? route.abort("internetdisconnected") : route.continue();
async function goOffline(ctx: BrowserContext) {
  await ctx.route("**", swOffline);
  await ctx.setOffline(true);
}
async function goOnline(ctx: BrowserContext) {
  await ctx.setOffline(false);
  await ctx.unroute("**", swOffline);
}

/** Waits until the service worker controls the page and has kept it. */
async function kept(page: Page, path: string) {
  await expect
    .poll(
      () =>
        page.evaluate(async (p) => {
          const c = await caches.open("portico-pages-v1");
          return !!(await c.match(new URL(p, location.origin).href));
        }, path),
      { timeout: 20_000 },
    )
    .toBe(true);
}

/** Signs the demo client in, waits for the service worker, opens the shared matter
 * and returns its path. */
async function openMatter(page: Page): Promise<string> {
  await clientLogin(page, DEMO_CLIENT.email, DEMO_CLIENT.password);
  await page.waitForSelector("html[data-offline-ready]");
  await page.getByRole("link", { name: MATTER }).click();
  await expect(page.getByRole("heading", { level: 1, name: MATTER })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("visited portal pages stay readable offline; others get the offline page", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "pt-BR" });
  const page = await ctx.newPage();
  const matterUrl = await openMatter(page);
  await kept(page, matterUrl);
  await page.getByRole("link", { name: "Meus tickets" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Meus tickets" })).toBeVisible();
  await kept(page, "/portal/tickets");
  await kept(page, "/portal");

  await goOffline(ctx);
  // Reload: the saved copy, with the banner and when it was saved.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Meus tickets" })).toBeVisible();
  const banner = page.getByRole("status").filter({ hasText: "Você está sem conexão" });
  await expect(banner).toContainText(/cópia salva em \d{2}\/\d{2}\/\d{4}/);
  // The app's own links between visited pages work offline too.
  await page.getByRole("link", { name: "Meus processos" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("link", { name: MATTER })).toBeVisible();
  await page.getByRole("link", { name: MATTER }).click();
  await expect(page.getByRole("heading", { level: 1, name: MATTER })).toBeVisible();
  await expect(page.locator(".offline-banner")).toContainText("cópia salva em");
  // A page never visited: the offline page lists those that are available.
  await page.getByRole("link", { name: "Meus dados" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sem conexão" })).toBeVisible();
  const list = page.locator("#offline-pages");
  await expect(list.getByRole("link", { name: MATTER, exact: true })).toBeVisible();
  await expect(list.getByRole("link", { name: `Novo ticket — ${MATTER}` })).toBeVisible();
  await expect(list.getByRole("link", { name: /Meus tickets/ })).toBeVisible();
  await expect(list).not.toContainText("Meus dados");
  await list.getByRole("link", { name: /Meus tickets/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Meus tickets" })).toBeVisible();
  // Signing out needs the server: it says so, and what this device kept is deleted anyway.
  await page.getByRole("button", { name: "Sair" }).click();
  await expect(page.getByRole("alert")).toContainText("Isto precisa de conexão");
  await expect.poll(() => page.evaluate(async () => (await (await caches.open("portico-pages-v1")).keys()).length)).toBe(0);
  await goOnline(ctx);
  await ctx.close();
});

test("a ticket typed offline is kept as a draft and sent when back online", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "pt-BR" });
  const page = await ctx.newPage();
  const title = `Rascunho offline ${unique()}`;
  const matterUrl = await openMatter(page);
  // The matter's new-ticket form is kept with it, though never opened.
  await kept(page, matterUrl);
  await kept(page, `${matterUrl}/new-ticket`);

  await goOffline(ctx);
  await page.getByRole("link", { name: "Novo ticket" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Novo ticket" })).toBeVisible();
  await page.getByLabel("Assunto").fill(title);
  await page.getByLabel("Descrição").fill("Escrito no fórum, sem sinal.");
  await page.getByRole("button", { name: "Enviar ticket" }).click();
  await expect(page.locator(".offline-banner")).toContainText("guardado como rascunho");
  // Reloading offline: the saved form comes back with the draft in it.
  await page.reload();
  await expect(page.locator(".offline-banner")).toContainText("Rascunho guardado neste aparelho");
  await expect(page.getByLabel("Assunto")).toHaveValue(title);
  await expect(page.getByLabel("Descrição")).toHaveValue("Escrito no fórum, sem sinal.");

  // Back online, the form (now with the app) offers the draft; sending it files the ticket.
  await goOnline(ctx);
  await page.goto(`${matterUrl}/new-ticket`);
  await waitForHydration(page);
  await expect(page.getByRole("status").filter({ hasText: "Rascunho guardado neste aparelho" }).first()).toBeVisible();
  await expect(page.getByLabel("Assunto")).toHaveValue(title);
  await page.getByRole("button", { name: "Enviar ticket" }).click();
  await expect(page).toHaveURL(new RegExp(`${matterUrl}$`));
  await expect(page.locator(".ticket-list").getByRole("link", { name: new RegExp(title) })).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("portico-draft:")))).toEqual([]);
  await ctx.close();
});

test("after signing out nothing of the client's is readable offline", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "pt-BR" });
  const page = await ctx.newPage();
  const matterUrl = await openMatter(page);
  await kept(page, matterUrl);

  await page.getByRole("button", { name: "Sair" }).click();
  await expect(page).toHaveURL(/\/portal\/login$/);
  await expect
    .poll(() => page.evaluate(async () => (await caches.keys()).includes("portico-pages-v1") ? (await (await caches.open("portico-pages-v1")).keys()).length : 0))
    .toBe(0);

  await goOffline(ctx);
  const r = await page.goto(matterUrl).catch(() => null);
  const html = await page.content();
  expect(html).not.toContain(MATTER);
  expect(html).not.toContain("Mercado Boa Vista");
  void r;
  await goOnline(ctx);
  await ctx.close();
});
