import { expect, test } from "@playwright/test";
import { DEMO_ADMIN, DEMO_CLIENT, clientLogin, login, waitForHydration } from "./helpers";

const SUIT = "Ação de cobrança — Mercado Boa Vista";

test("staff log time on a task; the client sees the cycle's hours and public tasks, not who worked", async ({ page, browser }) => {
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.getByRole("link", { name: SUIT }).click();
  await waitForHydration(page);
  await page.getByRole("navigation", { name: "Seções do processo" }).getByRole("link", { name: "Ciclos" }).click();
  await expect(page).toHaveURL(/\/cycles$/);
  await waitForHydration(page);
  // The demo's monthly retainer: the current cycle first, with its bar.
  const current = page.locator("li.cycle-current");
  await expect(current).toContainText("Ciclo atual");
  const before = await current.getByRole("progressbar", { name: "Horas usadas do orçamento" }).getAttribute("aria-valuenow");

  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Lançar horas" }) });
  await form.getByLabel("Tarefa").selectOption({ label: "Preparar proposta de acordo" });
  await form.getByLabel("Horas").fill("1,5");
  await form.getByLabel("Observação (opcional)").fill("Minuta revisada com o cliente");
  await form.getByRole("button", { name: "Lançar horas" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Horas lançadas." })).toBeVisible();
  await expect(current.getByRole("progressbar", { name: "Horas usadas do orçamento" })).toHaveAttribute("aria-valuenow", String(Number(before) + 90));
  const row = current.getByRole("row").filter({ hasText: "Minuta revisada com o cliente" });
  await expect(row).toContainText("Ana Souza");
  await expect(row).toContainText("1h30");

  // Bad hours are refused with a reason, and nothing is logged.
  await form.getByLabel("Tarefa").selectOption({ label: "Preparar proposta de acordo" });
  await form.getByLabel("Horas").fill("-2");
  await form.getByRole("button", { name: "Lançar horas" }).click();
  await expect(form.getByText("Informe as horas como 1,5 ou 1:30, dentro do limite.")).toBeVisible();

  // The client sees the cycles with hours per public task, never who worked.
  const ctx = await browser.newContext({ locale: "pt-BR", viewport: { width: 390, height: 844 } });
  const client = await ctx.newPage();
  await clientLogin(client, DEMO_CLIENT.email, DEMO_CLIENT.password);
  await client.getByRole("link", { name: SUIT }).click();
  const block = client.locator("section", { has: client.getByRole("heading", { name: "Ciclos e horas" }) });
  const now = block.locator("li.cycle-current");
  await expect(now).toContainText("Ciclo atual");
  await expect(now.getByRole("progressbar")).toHaveAttribute("aria-valuenow", String(Number(before) + 90));
  await expect(now).toContainText("Preparar proposta de acordo");
  await expect(block).not.toContainText("Ana Souza");
  await expect(block).not.toContainText("Bruno Lima");
  await expect(block).not.toContainText("Minuta revisada");
  await expect(block).not.toContainText("Calcular atualização monetária");
  await ctx.close();
});
