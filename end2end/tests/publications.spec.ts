import { expect, test } from "@playwright/test";
import { DEMO_ADMIN, DEMO_CLIENT, clientLogin, login, waitForHydration } from "./helpers";

const SUIT = "Ação de cobrança — Mercado Boa Vista";
const unique = () => Math.random().toString(36).slice(2, 8);

test("staff add a publication; the client sees it only once it is reviewed", async ({ page, browser }) => {
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.getByRole("link", { name: SUIT }).click();
  await waitForHydration(page);
  await page.getByRole("navigation", { name: "Seções do processo" }).getByRole("link", { name: "Publicações" }).click();
  await expect(page).toHaveURL(/\/publications$/);
  await waitForHydration(page);
  const list = page.getByRole("list", { name: "Publicações, da mais recente à mais antiga" });
  // The demo's latest publication waits for review.
  await expect(list.getByRole("listitem").filter({ hasText: "réplica à contestação" })).toContainText("Não revisada");

  const tag = unique();
  const text = `Intimação para audiência de conciliação ${tag}`;
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Adicionar publicação" }) });
  await form.getByLabel("Data da publicação").fill("2026-12-01");
  await form.getByLabel("Diário").fill("DJE-SP");
  await form.getByLabel("Texto publicado").fill(text);
  await form.getByRole("button", { name: "Adicionar publicação" }).click();
  await expect(page.getByRole("status")).toContainText("Publicação registrada.");
  const mine = list.getByRole("listitem").filter({ hasText: tag });
  await expect(mine).toContainText("01/12/2026");
  await expect(mine).toContainText("Não revisada");

  // Not reviewed: the client does not see it.
  const ctx = await browser.newContext({ locale: "pt-BR", viewport: { width: 390, height: 844 } });
  const client = await ctx.newPage();
  await clientLogin(client, DEMO_CLIENT.email, DEMO_CLIENT.password);
  await client.getByRole("link", { name: SUIT }).click();
  const block = client.locator("section", { has: client.getByRole("heading", { name: "Publicações" }) });
  await expect(block).toContainText("Certidão de cumprimento do mandado");
  await expect(block).not.toContainText(tag);
  await expect(block).not.toContainText("réplica à contestação");

  // Reviewed: it is there on the next visit, with its date and journal.
  await mine.getByRole("button", { name: /^Marcar como revisada/ }).click();
  await expect(list.getByRole("listitem").filter({ hasText: tag })).toContainText("Revisada por Ana Souza");
  await client.reload();
  const item = block.getByRole("listitem").filter({ hasText: tag });
  await expect(item).toContainText("01/12/2026");
  await expect(item).toContainText("DJE-SP");
  await expect(item).not.toContainText("Ana Souza");
  await ctx.close();
});
