import { expect, type Page } from "@playwright/test";

export const DEMO_ADMIN = { email: "ana@souzalima.example", password: "portico-demo" };
export const DEMO_MEMBER = { email: "bruno@souzalima.example", password: "portico-demo" };

/** Waits until the browser app has hydrated the page (buttons work from then on),
 * or until a page served without app code (body[data-static]) has loaded. */
export async function waitForHydration(page: Page) {
  await page.waitForSelector('body[data-hydrated="true"], body[data-static]', { timeout: 30_000 });
  await page.waitForLoadState("load");
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

export const DEMO_CLIENT = { email: "contato@boavista.example", password: "portico-demo" };

/** Signs a client in at /portal/login and lands on the portal's home. */
export async function clientLogin(page: Page, email: string, password: string) {
  await page.goto("/portal/login");
  await waitForHydration(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).toHaveURL(/\/portal$/);
}

/** Where the e2e server (scripts/e2e-server.sh) writes mail as .eml files. */
export const MAIL_DIR = `${process.env.TMPDIR ?? "/tmp"}/portico-e2e-data/mail`;

/** Decodes the quoted-printable body of an .eml. */
function decodeQp(s: string): string {
  const joined = s.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Waits for the `n`-th mail to `to` (among those whose body contains `about`, if
 * given) and returns the first link in it containing `part`. */
export async function mailLink(to: string, part: string, n = 1, about?: string): Promise<string> {
  const fs = await import("node:fs");
  for (let attempt = 0; attempt < 100; attempt++) {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith(".eml")).sort() : [];
    const mails = files
      .map((f) => fs.readFileSync(`${MAIL_DIR}/${f}`, "utf8"))
      .filter((raw) => raw.split("\r\n\r\n")[0].split("\r\n").some((l) => l === `To: ${to}`))
      .filter((raw) => !about || decodeQp(raw.split("\r\n\r\n").slice(1).join("\r\n\r\n")).includes(about));
    if (mails.length >= n) {
      const body = decodeQp(mails[n - 1].split("\r\n\r\n").slice(1).join("\r\n\r\n"));
      const link = body.split(/\s+/).find((w) => w.startsWith("http") && w.includes(part));
      if (!link) throw new Error(`no link with ${part} in mail to ${to}: ${body}`);
      return link;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail #${n} to ${to} in ${MAIL_DIR}`);
}
