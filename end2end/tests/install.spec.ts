import { expect, test } from "@playwright/test";
import { DEMO_CLIENT, clientLogin } from "./helpers";

// The portal is installable: Chromium finds and parses the manifest the client's
// pages link to, and every icon it lists is served as the image it claims to be.
test("the portal links a manifest Chromium accepts, with served icons", async ({ page }) => {
  await clientLogin(page, DEMO_CLIENT.email, DEMO_CLIENT.password);
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest?lang=pt-BR");

  const cdp = await page.context().newCDPSession(page);
  const parsed = await cdp.send("Page.getAppManifest");
  expect(parsed.url).toContain("/manifest.webmanifest?lang=pt-BR");
  expect(parsed.errors).toEqual([]);

  const manifest = await (await page.request.get(href!)).json();
  expect(manifest).toMatchObject({ lang: "pt-BR", start_url: "/portal", scope: "/portal", display: "standalone" });
  for (const icon of manifest.icons) {
    const r = await page.request.get(icon.src);
    expect(r.status(), icon.src).toBe(200);
    expect(r.headers()["content-type"], icon.src).toContain(icon.type);
  }
});
