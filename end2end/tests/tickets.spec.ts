import { expect, test } from "@playwright/test";
import { DEMO_ADMIN, DEMO_CLIENT, clientLogin, login, mailLink, waitForHydration } from "./helpers";

const unique = () => Math.random().toString(36).slice(2, 8);
const MATTER = "Ação de cobrança — Mercado Boa Vista";

test("client files a ticket; staff triage it, make a task, finish it; the client sees it done", async ({ page, browser }) => {
  const title = `Segunda via da duplicata ${unique()}`;
  // The client files the ticket from the shared matter.
  const client = await (await browser.newContext({ locale: "pt-BR" })).newPage();
  await clientLogin(client, DEMO_CLIENT.email, DEMO_CLIENT.password);
  await client.getByRole("link", { name: MATTER }).click();
  const matterUrl = client.url();
  // The matter page loads no app code; the new ticket is a page of its own that does.
  expect(await client.locator("body[data-static]").count()).toBe(1);
  await client.getByRole("link", { name: "Novo ticket" }).click();
  await expect(client).toHaveURL(/\/new-ticket$/);
  await waitForHydration(client);
  await client.getByLabel("Assunto").fill(title);
  await client.getByLabel("Prioridade").selectOption({ label: "Urgente" });
  await client.getByLabel("Descrição").fill("Preciso da segunda via para o contador.");
  await client.getByLabel("Anexar arquivos").setInputFiles([
    { name: "duplicata.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n") },
    { name: "observações.txt", mimeType: "text/plain", buffer: Buffer.from("Vencimento em 10/12.") },
  ]);
  await client.getByRole("button", { name: "Enviar ticket" }).click();
  // Sent (and its files uploaded), back to the matter's tickets.
  await expect(client).toHaveURL(matterUrl);
  const listed = client.locator(".ticket-list").getByRole("link", { name: new RegExp(title) });
  await expect(listed).toBeVisible();
  await expect(listed).toContainText("Recebido");
  await client.getByRole("link", { name: "Meus tickets" }).click();
  await expect(client.locator(".ticket-list").getByRole("link", { name: new RegExp(title) })).toBeVisible();

  // The admin's copy arrives as an .eml with a link to the ticket.
  const link = await mailLink(DEMO_ADMIN.email, "/tickets/", 1, title);

  // Staff filter the inbox and open it.
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.getByRole("link", { name: "Tickets", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tickets" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Prioridade", { exact: true }).selectOption({ label: "Urgente" });
  const row = page.locator("table.inbox tr", { hasText: title });
  await expect(row).toBeVisible();
  await expect(row.getByRole("img", { name: "Não lido" })).toBeVisible();
  await page.getByLabel("Prioridade", { exact: true }).selectOption({ label: "Baixa" });
  await expect(page.locator("table.inbox tr", { hasText: title })).toHaveCount(0);
  // The client and matter filters load their options when first used.
  await page.getByLabel("Prioridade", { exact: true }).selectOption({ label: "Urgente" });
  const clientFilter = page.getByLabel("Cliente", { exact: true });
  await clientFilter.focus();
  await expect(clientFilter.locator("option", { hasText: "Mercado Boa Vista Ltda" })).toHaveCount(1);
  await clientFilter.selectOption({ label: "Mercado Boa Vista Ltda" });
  await expect(page.locator("table.inbox tr", { hasText: title })).toBeVisible();
  const matterFilter = page.getByLabel("Processo", { exact: true });
  await expect(matterFilter.locator("option", { hasText: MATTER })).toHaveCount(1);
  await page.goto(link);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(title) })).toBeVisible();
  await expect(page.getByRole("link", { name: "duplicata.pdf" })).toBeVisible();
  await expect(page.getByRole("link", { name: "observações.txt" })).toBeVisible();

  // Reply, internal note, then a task from the ticket.
  await page.getByLabel("Sua mensagem").fill("Vamos providenciar hoje.");
  await page.getByRole("button", { name: "Enviar" }).click();
  await expect(page.locator(".conversation")).toContainText("Vamos providenciar hoje.");
  await page.getByRole("radio", { name: "Nota interna (só a equipe)" }).check();
  await page.getByLabel("Sua mensagem").fill("Pedir ao financeiro.");
  await page.getByRole("button", { name: "Enviar" }).click();
  await expect(page.locator(".event-note")).toContainText("Pedir ao financeiro.");
  await page.getByLabel("Coluna").selectOption({ label: "A fazer" });
  await page.getByRole("button", { name: "Criar tarefa" }).click();
  await expect(page.getByRole("link", { name: /Tarefa: .* \(A fazer\)/ })).toBeVisible();
  await expect(page.locator(".page-header")).toContainText("Em andamento");

  // Move the task to the done column from the matter's board.
  await page.goto("/matters");
  await waitForHydration(page);
  await page.getByRole("link", { name: MATTER }).click();
  await waitForHydration(page);
  const todo = page.locator("section.column", { has: page.getByRole("heading", { name: "A fazer", exact: true }) });
  const card = todo.locator("[data-task-id]", { hasText: title });
  await expect(card.getByRole("link", { name: /^Ticket #\d+$/ })).toBeVisible();
  await card.locator("summary", { hasText: "⋯" }).focus();
  await page.keyboard.press("Enter");
  await card.getByLabel("Mover para a coluna").selectOption({ label: "Feito" });
  const done = page.locator("section.column", { has: page.getByRole("heading", { name: "Feito", exact: true }) });
  await expect(done.locator("[data-task-id]", { hasText: title })).toBeVisible();

  // The client sees the ticket done, the staff reply, and not the note.
  await client.reload();
  const mine = client.locator(".ticket-list").getByRole("link", { name: new RegExp(title) });
  await expect(mine).toContainText("Concluído");
  await mine.click();
  await expect(client.locator(".conversation")).toContainText("Vamos providenciar hoje.");
  const download = client.waitForEvent("download");
  await client.getByRole("link", { name: "duplicata.pdf" }).click();
  expect((await download).suggestedFilename()).toBe("duplicata.pdf");
  await expect(client.locator(".conversation")).not.toContainText("Pedir ao financeiro.");
});

test("a file over the size limit is named when chosen, and the ticket waits for a smaller one", async ({ browser }) => {
  const title = `Contrato digitalizado ${unique()}`;
  const client = await (await browser.newContext({ locale: "pt-BR" })).newPage();
  await clientLogin(client, DEMO_CLIENT.email, DEMO_CLIENT.password);
  await client.getByRole("link", { name: MATTER }).click();
  const matterUrl = client.url();
  await client.getByRole("link", { name: "Novo ticket" }).click();
  await waitForHydration(client);
  // The hint gives the workspace's limits (25 MB a file by default).
  await expect(client.locator("#attach-hint")).toContainText("até 25 MB cada, 100 MB por ticket");
  await client.getByLabel("Assunto").fill(title);
  const files = client.getByLabel("Anexar arquivos");
  await files.setInputFiles({ name: "contrato-escaneado.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(26_000_000, 0x25) });
  const alert = client.getByRole("alert");
  await expect(alert).toHaveText("“contrato-escaneado.pdf” passa do limite de 25 MB por arquivo. Escolha um arquivo menor.");
  await expect(files).toHaveAttribute("aria-invalid", "true");
  // Sending is refused here: no ticket is made, nothing is uploaded.
  let uploads = 0;
  client.on("request", (r) => { if (r.url().includes("/files/tickets/") || r.url().includes("/api/create_ticket")) uploads++; });
  await client.getByRole("button", { name: "Enviar ticket" }).click();
  await expect(files).toBeFocused();
  await expect(client).toHaveURL(/\/new-ticket$/);
  expect(uploads).toBe(0);
  // A smaller file clears the message and the ticket goes.
  await files.setInputFiles({ name: "contrato.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
  await expect(alert).toHaveCount(0);
  await client.getByRole("button", { name: "Enviar ticket" }).click();
  await expect(client).toHaveURL(matterUrl);
  await expect(client.locator(".ticket-list").getByRole("link", { name: new RegExp(title) })).toBeVisible();
});
