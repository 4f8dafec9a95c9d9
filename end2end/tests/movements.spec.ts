import { expect, test } from "@playwright/test";
import { DEMO_ADMIN, DEMO_CLIENT, clientLogin, login, waitForHydration } from "./helpers";

const SUIT = "Ação de cobrança — Mercado Boa Vista";
const unique = () => Math.random().toString(36).slice(2, 8);

test("staff record a movement and explain a phrase; the client reads both with the court's movements", async ({ page, browser }) => {
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.getByRole("link", { name: SUIT }).click();
  await expect(page.getByRole("heading", { level: 1, name: SUIT })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("navigation", { name: "Seções do processo" }).getByRole("link", { name: "Andamentos" }).click();
  await expect(page).toHaveURL(/\/movements$/);
  await waitForHydration(page);
  const list = page.getByRole("list", { name: "Andamentos, do mais recente ao mais antigo" });
  // The court's movements (seeded as DataJud brings them), explained by the starter glossary.
  const court = list.getByRole("listitem").filter({ hasText: "Conclusos para despacho" });
  await expect(court).toContainText("Tribunal (DataJud)");
  await expect(court).toContainText("Para o cliente:");
  await expect(court.getByRole("button", { name: "Editar" })).toHaveCount(0);

  // A manual movement, newest first.
  const tag = unique();
  const text = `Audiência de conciliação marcada (${tag}); penhora ${tag} deferida`;
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Adicionar andamento" }) });
  await form.getByLabel("Descrição").fill(text);
  await form.getByLabel("Data").fill("2026-11-30");
  await form.getByRole("button", { name: "Adicionar andamento" }).click();
  await expect(page.getByRole("status")).toContainText("Andamento registrado.");
  const mine = list.getByRole("listitem").filter({ hasText: tag });
  await expect(mine).toContainText("30/11/2026");
  await expect(mine).toContainText("Manual");
  await expect(mine).toContainText("por Ana Souza");
  await expect(form.getByLabel("Descrição")).toHaveValue("");

  // Editing in place.
  await mine.getByRole("button", { name: "Editar" }).click();
  const editor = list.locator("li.movement form");
  await expect(editor.getByLabel("Descrição")).toHaveValue(text);
  await editor.getByLabel("Descrição").fill(`${text}.`);
  await editor.getByRole("button", { name: "Salvar" }).click();
  await expect(list.getByRole("listitem").filter({ hasText: `${tag} deferida.` })).toBeVisible();

  // A glossary phrase for the new movement.
  await page.getByRole("link", { name: "Glossário" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Glossário" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Expressão", { exact: true }).fill(`Penhora ${tag}`);
  await page.getByLabel("Explicação para o cliente", { exact: true }).fill(`Bloqueio de bens ${tag} para garantir o pagamento.`);
  await page.getByRole("button", { name: "Adicionar ao glossário" }).click();
  await expect(page.locator(".glossary-entry", { hasText: `Penhora ${tag}` })).toBeVisible();
  // The same phrase again is refused with a clear message.
  await page.getByLabel("Expressão", { exact: true }).fill(`PENHORA ${tag}`);
  await page.getByLabel("Explicação para o cliente", { exact: true }).fill("Outra");
  await page.getByRole("button", { name: "Adicionar ao glossário" }).click();
  await expect(page.getByText("Esta expressão já está no glossário.")).toBeVisible();

  // The client (granted both movement blocks in the demo) reads them.
  const ctx = await browser.newContext({ locale: "pt-BR", viewport: { width: 390, height: 844 } });
  const client = await ctx.newPage();
  await clientLogin(client, DEMO_CLIENT.email, DEMO_CLIENT.password);
  await client.getByRole("link", { name: SUIT }).click();
  const firm = client.locator("section", { has: client.getByRole("heading", { name: "Atualizações do escritório" }) });
  const item = firm.getByRole("listitem").filter({ hasText: tag });
  await expect(item).toContainText("30/11/2026");
  await expect(item).toContainText(`O que significa: Bloqueio de bens ${tag} para garantir o pagamento.`);
  await expect(item).not.toContainText("Ana Souza");
  const courtBlock = client.locator("section", { has: client.getByRole("heading", { name: "Andamentos do tribunal" }) });
  await expect(courtBlock.getByRole("listitem").filter({ hasText: "Conclusos para despacho" })).toContainText("O que significa:");
  await ctx.close();
});
