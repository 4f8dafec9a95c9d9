import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ADMIN, DEMO_CLIENT, clientLogin, login, mailLink, waitForHydration } from "./helpers";

const unique = () => Math.random().toString(36).slice(2, 8);
const MATTER = "Inventário da família Mendes";

async function openMatter(page: Page, title: string) {
  await page.goto("/matters");
  await waitForHydration(page);
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await waitForHydration(page);
}

/** Opens the share form of the current matter and shares with `email`. */
async function shareWith(page: Page, email: string, blocks: string[], type: "Conta" | "Link") {
  const panel = page.locator("section.share-panel");
  await panel.getByRole("button", { name: "Compartilhar" }).click();
  const form = panel.locator("form.share-form");
  await form.getByLabel("Emails dos clientes").fill(email);
  for (const name of ["Prazo", "Cronograma", "Tarefas (Kanban)"]) {
    const box = form.getByRole("checkbox", { name, exact: true });
    if (blocks.includes(name)) await box.check();
    else await box.uncheck();
  }
  await form.getByRole("radio", { name: type === "Conta" ? "Conta (email e senha)" : "Link secreto (sem senha)" }).check();
  await form.getByRole("button", { name: "Compartilhar" }).click();
  await expect(panel.getByRole("status")).toContainText(`Compartilhado com ${email}`);
  await expect(accessRow(page, email)).toBeVisible();
}

function accessRow(page: Page, email: string) {
  return page.locator("li.access-row", { hasText: email });
}

async function clientPage(browser: Browser, width = 1280, height = 800) {
  const ctx = await browser.newContext({ locale: "pt-BR", viewport: { width, height } });
  return ctx.newPage();
}

test("share two blocks with a new email; the client sets a password and sees just those blocks", async ({ page, browser }) => {
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await openMatter(page, MATTER);
  const email = `cliente-${unique()}@exemplo.com`;
  await shareWith(page, email, ["Prazo", "Tarefas (Kanban)"], "Conta");
  await expect(accessRow(page, email)).toContainText("Convite enviado, senha ainda não criada");

  const client = await clientPage(browser);
  await client.goto(await mailLink(email, "/portal/password/"));
  await waitForHydration(client);
  await expect(client.getByRole("heading", { name: "Crie sua senha" })).toBeVisible();
  await client.getByLabel(/^Senha/).fill("senha-do-cliente-1");
  await client.getByLabel("Repita a senha").fill("senha-do-cliente-1");
  await client.getByRole("button", { name: "Salvar senha e entrar" }).click();
  await expect(client).toHaveURL(/\/portal$/);
  await expect(client.getByRole("heading", { level: 1 })).toContainText("Olá");
  await client.getByRole("link", { name: MATTER }).click();
  await expect(client.getByRole("heading", { level: 1, name: MATTER })).toBeVisible();
  await expect(client.getByRole("heading", { name: "Prazo" })).toBeVisible();
  await expect(client.getByRole("heading", { name: "Tarefas" })).toBeVisible();
  await expect(client.getByRole("heading", { name: "Cronograma" })).toHaveCount(0);
  await expect(client.getByText("Certidões dos herdeiros")).toBeVisible();
  await expect(client.getByText("Minuta da escritura")).toHaveCount(0);

  // Sign out and in again with email and password.
  await waitForHydration(client);
  await client.getByRole("button", { name: "Sair" }).click();
  await expect(client).toHaveURL(/\/portal\/login$/);
  await waitForHydration(client);
  await client.getByLabel("E-mail").fill(email);
  await client.getByLabel("Senha").fill("senha-do-cliente-1");
  await client.getByRole("button", { name: "Entrar" }).click();
  await expect(client).toHaveURL(/\/portal$/);

  // Staff untick the tasks block: the client's reload loses it.
  await page.reload();
  await waitForHydration(page);
  const row = accessRow(page, email);
  await row.getByRole("button", { name: "Editar" }).click();
  await row.getByRole("checkbox", { name: "Tarefas (Kanban)" }).uncheck();
  await row.getByRole("button", { name: "Salvar" }).click();
  await expect(accessRow(page, email).locator(".block-badges")).not.toContainText("Tarefas");
  await client.getByRole("link", { name: MATTER }).click();
  await expect(client.getByRole("heading", { name: "Prazo" })).toBeVisible();
  await client.reload();
  await expect(client.getByRole("heading", { name: "Prazo" })).toBeVisible();
  await expect(client.getByRole("heading", { name: "Tarefas" })).toHaveCount(0);
  await expect(client.getByText("Certidões dos herdeiros")).toHaveCount(0);

  // Preview shows what the client sees.
  const clientText = await client.locator("main").innerText();
  await accessRow(page, email).getByRole("link", { name: "Ver como este cliente" }).click();
  await expect(page.getByRole("status")).toContainText("Pré-visualização");
  await expect(page.getByRole("heading", { level: 1, name: MATTER })).toBeVisible();
  const previewText = await page.locator("main").innerText();
  expect(previewText.replace(/^.*Somente leitura; nada é registrado\.\s*/s, "")).toBe(clientText);
});

test("link access: the token leaves the URL, rotation kills the old link", async ({ page, browser }) => {
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await openMatter(page, MATTER);
  const email = `link-${unique()}@exemplo.com`;
  await shareWith(page, email, ["Prazo", "Cronograma", "Tarefas (Kanban)"], "Link");
  const link = await mailLink(email, "/l/");

  const client = await clientPage(browser);
  await client.goto(link);
  await expect(client).toHaveURL(/\/portal$/);
  expect(client.url()).not.toContain(link.split("/l/")[1]);
  await client.getByRole("link", { name: MATTER }).click();
  await expect(client.getByRole("heading", { name: "Cronograma" })).toBeVisible();

  // Rotate: a new link is shown once; the old link and its session die.
  const row = accessRow(page, email);
  await row.getByRole("button", { name: "Gerar novo link" }).click();
  const fresh = await row.locator("input.link-url").inputValue();
  expect(fresh).toContain("/l/");
  expect(fresh).not.toBe(link);
  await client.reload();
  await expect(client).toHaveURL(/\/portal\/login$/);
  await client.goto(link);
  await expect(client).toHaveURL(/\/portal\/link-invalid$/);
  await expect(client.getByRole("heading", { name: "Este link não vale mais" })).toBeVisible();
  await expect(client.getByText("Peça um novo link ao escritório")).toBeVisible();
  await client.goto(fresh);
  await expect(client).toHaveURL(/\/portal$/);
  await expect(client.getByRole("link", { name: MATTER })).toBeVisible();

  // Staff opening the link in their own browser are asked before it signs them out.
  await page.goto(fresh);
  await expect(page.getByRole("heading", { name: "Abrir o link do cliente?" })).toBeVisible();
  await page.getByRole("link", { name: "Continuar como equipe" }).click();
  await expect(page).toHaveURL(/\/matters$/);
  await expect(page.getByRole("heading", { level: 1, name: "Processos e projetos" })).toBeVisible();
});

test("the portal at phone width: readable, the board scrolls sideways", async ({ browser }) => {
  const client = await clientPage(browser, 390, 844);
  await clientLogin(client, DEMO_CLIENT.email, DEMO_CLIENT.password);
  await expect(client.getByText("Souza & Lima Advogados")).toBeVisible();
  await client.getByRole("link", { name: "Ação de cobrança — Mercado Boa Vista" }).click();
  await expect(client.getByRole("heading", { name: "Tarefas" })).toBeVisible();
  const board = client.locator(".board-readonly");
  await expect(board.getByText("Protocolar petição inicial")).toBeVisible();
  await expect(client.getByText("Calcular atualização monetária")).toHaveCount(0);
  const { scroll, client: visible, page: pageWidth } = await board.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    page: document.documentElement.scrollWidth,
  }));
  expect(scroll).toBeGreaterThan(visible);
  expect(pageWidth).toBeLessThanOrEqual(390);
});
