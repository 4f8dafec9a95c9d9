import { expect, type Page } from "@playwright/test";

export const DEMO_ADMIN = { email: "ana@souzalima.example", password: "portico-demo" };
export const DEMO_MEMBER = { email: "bruno@souzalima.example", password: "portico-demo" };

/** Waits until the browser app has hydrated the page (buttons work from then on). */
export async function waitForHydration(page: Page) {
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000 });
}

/** Signs in through the login form and lands on the matters list. */
export async function login(page: Page, email: string, password: string) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).toHaveURL(/\/matters$/);
  await waitForHydration(page);
}
