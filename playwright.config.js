// End-to-end tests drive the release build in the system Chromium.
import { defineConfig } from "@playwright/test";
import { chromiumLaunch } from "./tests/chromium.js";

const port = Number(process.env.KASSA_E2E_PORT ?? 8181);
export const sandboxPort = Number(process.env.KASSA_SANDBOX_PORT ?? 8788);

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/global-setup.js",
  outputDir: "tests/e2e/artifacts/results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    // The app's first language follows the browser's; specs expect English
    // unless they say otherwise.
    locale: "en-US",
    launchOptions: chromiumLaunch,
    trace: "retain-on-failure",
    // page.route() never sees what a service worker answers from its cache,
    // so the offline worker is off except in the spec about it (pwa.spec.js).
    serviceWorkers: "block",
  },
  // tests/e2e/deploy.spec.js serves the build with the reference Caddy
  // configuration instead, started by the spec (tests/caddy.js) on
  // KASSA_DEPLOY_PORT (8443) and the next port.
  webServer: [
    {
      command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory dist`,
      url: `http://127.0.0.1:${port}/index.html`,
      reuseExistingServer: false,
      stderr: "ignore",
      timeout: 30_000,
    },
    {
      // The AOS sandbox on another port, so every call from the app is a
      // real cross-origin request with CORS preflight.
      command: `target/debug/kassa-sandbox --port ${sandboxPort}`,
      url: `http://127.0.0.1:${sandboxPort}/__control/ledger`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
