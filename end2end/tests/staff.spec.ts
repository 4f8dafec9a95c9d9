import { expect, test, type Page, type Locator } from "@playwright/test";
import { DEMO_ADMIN, login, waitForHydration } from "./helpers";

const unique = () => Math.random().toString(36).slice(2, 8);

async function newMatter(page: Page, title: string) {
  await page.getByRole("link", { name: "Novo processo ou projeto" }).click();
  await expect(page).toHaveURL(/\/matters\/new$/);
  await waitForHydration(page);
  await page.getByLabel("Título", { exact: true }).fill(title);
  await page.getByLabel("Prazo final").fill("2027-06-30");
  await page.getByRole("button", { name: "Adicionar etapa" }).click();
  await page.getByRole("button", { name: "Adicionar etapa" }).click();
  const stage = (n: number) => page.getByRole("group", { name: `Etapa ${n}` });
  await stage(1).getByLabel("Nome da etapa").fill("Petição inicial");
  await stage(1).getByLabel("Início").fill("2026-11-01");
  await stage(1).getByLabel("Término").fill("2026-12-15");
  await stage(2).getByLabel("Nome da etapa").fill("Audiência");
  await stage(2).getByLabel("Início").fill("2026-12-16");
  await stage(2).getByLabel("Término").fill("2027-03-01");
}

function column(page: Page, name: string): Locator {
  return page.locator("section.column", { has: page.getByRole("heading", { name, exact: true }) });
}

async function addTask(page: Page, columnName: string, title: string) {
  const col = column(page, columnName);
  await col.getByLabel("Nova tarefa").fill(title);
  await col.getByRole("button", { name: "Adicionar", exact: true }).click();
  await expect(col.locator("[data-task-id]", { hasText: title })).toBeVisible();
}

test("wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-mail").fill(DEMO_ADMIN.email);
  await page.getByLabel("Senha").fill("not the password");
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByRole("alert")).toHaveText("E-mail ou senha incorretos.");
  await expect(page).toHaveURL(/\/login$/);
});

test("create a matter with stages, add tasks, drag a card, reload", async ({ page }) => {
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const title = `Ação revisional ${unique()}`;
  await newMatter(page, title);
  // A stage that ends before it starts is refused next to the field, and nothing is saved.
  await page.getByRole("group", { name: "Etapa 2" }).getByLabel("Término").fill("2026-12-01");
  await page.getByRole("button", { name: "Salvar" }).click();
  await expect(page.getByRole("group", { name: "Etapa 2" }).getByRole("alert")).toHaveText(
    "O término não pode ser antes do início.",
  );
  await expect(page).toHaveURL(/\/matters\/new$/);
  await page.getByRole("group", { name: "Etapa 2" }).getByLabel("Término").fill("2027-03-01");
  await page.getByRole("button", { name: "Salvar" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await waitForHydration(page);
  const timeline = page.getByRole("list", { name: "Cronograma" });
  await expect(timeline.getByRole("listitem")).toHaveCount(2);
  await expect(timeline).toContainText("Petição inicial");
  await expect(timeline).toContainText("01/11/2026 – 15/12/2026");

  await addTask(page, "A fazer", "Juntar procuração");
  await addTask(page, "A fazer", "Calcular custas");

  // Drag "Calcular custas" to "Fazendo" with the mouse.
  const card = column(page, "A fazer").locator("[data-task-id]", { hasText: "Calcular custas" });
  const target = column(page, "Fazendo").locator("ul.column-tasks");
  const from = (await card.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(
      from.x + from.width / 2 + ((to.x + to.width / 2 - from.x - from.width / 2) * i) / 10,
      from.y + from.height / 2 + ((to.y + 20 - from.y - from.height / 2) * i) / 10,
    );
  }
  await page.mouse.up();
  await expect(column(page, "Fazendo").locator("[data-task-id]", { hasText: "Calcular custas" })).toBeVisible();

  // It is still there after a reload.
  await page.reload();
  await waitForHydration(page);
  await expect(column(page, "Fazendo").locator("[data-task-id]", { hasText: "Calcular custas" })).toBeVisible();
  await expect(column(page, "A fazer").locator("[data-task-id]")).toHaveCount(1);

  // Keyboard alternative: the card's actions menu moves it to "Feito".
  await column(page, "A fazer").locator("summary", { hasText: "⋯" }).last().focus();
  await page.keyboard.press("Enter");
  await column(page, "A fazer").getByLabel("Mover para a coluna").selectOption({ label: "Feito" });
  await expect(column(page, "Feito").locator("[data-task-id]", { hasText: "Juntar procuração" })).toBeVisible();
  await page.reload();
  await expect(column(page, "Feito").locator("[data-task-id]", { hasText: "Juntar procuração" })).toBeVisible();
});

test("switch language to English and back", async ({ page }) => {
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await expect(page.getByRole("heading", { level: 1, name: "Processos e projetos" })).toBeVisible();
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Matters & projects" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Matters & projects" })).toBeVisible();
  await waitForHydration(page);
  // Dates follow the language too.
  await page.getByRole("link", { name: /Ação de cobrança/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Deadline" })).toBeVisible();
  await expect(page.locator(".deadline strong")).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
  await waitForHydration(page);
  await page.getByRole("link", { name: "Português" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Prazo" })).toBeVisible();
});

test("phone width: list, matter page and a board that scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.getByRole("link", { name: /Ação de cobrança/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Ação de cobrança/ })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  const board = page.locator(".board");
  const scrolls = await board.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(scrolls).toBe(true);
});
