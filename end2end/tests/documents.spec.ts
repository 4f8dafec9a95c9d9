import { expect, test } from "@playwright/test";
import { DEMO_ADMIN, DEMO_CLIENT, clientLogin, login, waitForHydration } from "./helpers";

const SUIT = "Ação de cobrança — Mercado Boa Vista";
const unique = () => Math.random().toString(36).slice(2, 8);
const PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

test("staff upload two documents, one not shared; the client downloads the shared one and cannot reach the other", async ({ page, browser }) => {
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.getByRole("link", { name: SUIT }).click();
  await waitForHydration(page);
  await page.getByRole("navigation", { name: "Seções do processo" }).getByRole("link", { name: "Documentos" }).click();
  await expect(page).toHaveURL(/\/documents$/);
  await waitForHydration(page);
  const list = page.getByRole("list", { name: "Documentos, do mais recente ao mais antigo" });
  // The demo's documents: the internal notes are not shared.
  await expect(list.getByRole("checkbox", { name: "Compartilhado com o cliente: Estratégia de acordo (interno).txt" })).not.toBeChecked();

  const tag = unique();
  // An internal note, picked with the file chooser, not shared.
  await page.getByLabel("Compartilhar os novos arquivos com o cliente").uncheck();
  await page.getByLabel("Escolher arquivos").setInputFiles({ name: `notas-${tag}.txt`, mimeType: "text/plain", buffer: Buffer.from("Só para a equipe.") });
  const notes = list.getByRole("listitem").filter({ hasText: `notas-${tag}.txt` });
  await expect(notes).toContainText("enviado por Ana Souza");
  await expect(notes.getByRole("checkbox")).not.toBeChecked();

  // A report, dropped on the drop zone, shared.
  await page.getByLabel("Compartilhar os novos arquivos com o cliente").check();
  const dt = await page.evaluateHandle(([name, body]) => {
    const d = new DataTransfer();
    d.items.add(new File([body], name, { type: "application/pdf" }));
    return d;
  }, [`laudo-${tag}.pdf`, PDF]);
  await page.dispatchEvent(".dropzone", "drop", { dataTransfer: dt });
  const report = list.getByRole("listitem").filter({ hasText: `laudo-${tag}.pdf` });
  await expect(report.getByRole("checkbox")).toBeChecked();
  const notesHref = await notes.getByRole("link").getAttribute("href");

  // A file of a refused type says why and is not listed.
  await page.getByLabel("Escolher arquivos").setInputFiles({ name: `programa-${tag}.exe`, mimeType: "application/octet-stream", buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]) });
  await expect(page.getByRole("alert")).toContainText(`programa-${tag}.exe`);
  await expect(list.getByRole("listitem").filter({ hasText: `programa-${tag}.exe` })).toHaveCount(0);

  // The client sees and downloads the report only.
  const ctx = await browser.newContext({ locale: "pt-BR", viewport: { width: 390, height: 844 }, acceptDownloads: true });
  const client = await ctx.newPage();
  await clientLogin(client, DEMO_CLIENT.email, DEMO_CLIENT.password);
  await client.getByRole("link", { name: SUIT }).click();
  const block = client.locator("section", { has: client.getByRole("heading", { name: "Documentos" }) });
  await expect(block).toContainText("Petição inicial.pdf");
  await expect(block).not.toContainText("Estratégia de acordo");
  await expect(block).not.toContainText(`notas-${tag}`);
  const [download] = await Promise.all([client.waitForEvent("download"), block.getByRole("link", { name: `laudo-${tag}.pdf` }).click()]);
  expect(download.suggestedFilename()).toBe(`laudo-${tag}.pdf`);
  const res = await client.request.get(notesHref!);
  expect(res.status()).toBe(404);
  await ctx.close();
});
