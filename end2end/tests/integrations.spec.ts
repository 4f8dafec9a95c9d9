import { expect, test } from "@playwright/test";
import { DEMO_ADMIN, login, waitForHydration } from "./helpers";

const SUIT = "Ação de cobrança — Mercado Boa Vista";
const SUIT_NUMBER = "0001234-03.2026.8.26.0100";
const unique = () => Math.random().toString(36).slice(2, 8);

test("an admin makes an API key, sees it once, a feed imports with it, and a revoked key is refused", async ({ page }) => {
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.getByRole("navigation", { name: "Navegação principal" }).getByRole("link", { name: "Integrações" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Integrações" })).toBeVisible();
  await waitForHydration(page);

  const tag = unique();
  const name = `Robô ${tag}`;
  await page.getByLabel("Nome da chave").fill(name);
  await page.getByRole("button", { name: "Criar chave" }).click();
  const shown = page.getByRole("status").filter({ hasText: "Copie a chave agora" });
  await expect(shown).toBeVisible();
  const secret = await shown.getByRole("textbox", { name: "Copie a chave agora" }).inputValue();
  expect(secret).toMatch(/^portico_[A-Za-z0-9_-]{43}$/);
  const item = page.locator(".token-item", { hasText: name });
  await expect(item).toContainText(`termina em …${secret.slice(-4)}`);
  await expect(item).toContainText("Nunca usada");

  // A feed sends two lines with the key: one movement added, one refused with its reason.
  const lines = [
    JSON.stringify({ reference: SUIT_NUMBER, date: "2026-12-01", text: `Juntada de laudo pericial ${tag}`, source: "robo", external_id: tag }),
    JSON.stringify({ reference: "9999999-99.2026.8.26.0000", date: "2026-12-01", text: "Sem caso", source: "robo", external_id: `${tag}-x` }),
  ].join("\n");
  const res = await page.request.post("/integrations/import", { headers: { Authorization: `Bearer ${secret}` }, data: lines });
  expect(res.status()).toBe(200);
  const report = await res.json();
  expect([report.added, report.skipped, report.refused]).toEqual([1, 0, 1]);
  expect(report.lines[1].message).toContain("Nenhum caso deste escritório tem este número.");

  // Once dismissed, the secret is gone for good; the list says the key was used.
  await shown.getByRole("button", { name: "Já copiei" }).click();
  await expect(shown).toHaveCount(0);
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator(".token-item", { hasText: name })).toContainText("Último uso:");
  expect(await page.content()).not.toContain(secret);

  // The imported movement is on the suit's Andamentos tab, marked as imported.
  await page.getByRole("link", { name: "Processos e projetos" }).first().click();
  await page.getByRole("link", { name: SUIT }).click();
  await waitForHydration(page);
  await page.getByRole("navigation", { name: "Seções do processo" }).getByRole("link", { name: "Andamentos" }).click();
  const imported = page.getByRole("listitem").filter({ hasText: `Juntada de laudo pericial ${tag}` });
  await expect(imported).toContainText("Importado");
  await expect(imported).toContainText("01/12/2026");

  // Revoked (after confirming), the key is refused at once.
  await page.goto("/settings/integrations");
  await waitForHydration(page);
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: `Revogar ${name}` }).click();
  await expect(page.locator(".token-item", { hasText: name })).toContainText("Revogada em");
  const after = await page.request.post("/integrations/import", { headers: { Authorization: `Bearer ${secret}` }, data: lines });
  expect(after.status()).toBe(401);
});
