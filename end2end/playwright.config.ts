import { defineConfig } from "@playwright/test";

// Lets tests see (and abort, to go offline) the service worker's own requests.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";

const port = 3100;

export default defineConfig({
  testDir: "./tests",
  fullyParallel: false,
  workers: 1,
  // A spec that fails once and then passes is reported as flaky (the run passes).
  retries: 1,
  timeout: 60_000,
  // Never longer than this, whatever hangs.
  globalTimeout: 25 * 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  // Fails the run when the server logged an error or a panic meanwhile.
  globalTeardown: "./log-check.ts",
  use: {
    baseURL: process.env.PORTICO_E2E_URL ?? `http://127.0.0.1:${port}`,
    locale: "pt-BR",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: process.env.PORTICO_E2E_URL
    ? undefined
    : {
        command: "bash ../scripts/e2e-server.sh",
        url: `http://127.0.0.1:${port}/login`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: "pipe",
      },
});
