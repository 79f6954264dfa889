// The release build as a store would serve it: the reference Caddy
// configuration (deploy/Caddyfile) over HTTPS on 127.0.0.1, with the CSP
// deploy/csp.mjs makes from the build's config.json. The rest of the suite
// keeps its plain python server; this spec starts Caddy itself
// (tests/caddy.js) on KASSA_DEPLOY_PORT (8443) and the next port for HTTP.
import { request as http } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { policyFor } from "../../deploy/csp.mjs";
import { startCaddy } from "../caddy.js";
import { cameraVideos, fakeCamera } from "./camera/fake.js";
import { test as base, expect, scan } from "./fixtures.js";
import { WATER, openDemo } from "./screens.js";

const DIST = "dist";
const httpsPort = Number(process.env.KASSA_DEPLOY_PORT ?? 8443);
const HASHED = /^[^/]+-[0-9a-f]{8,16}(_bg\.wasm|\.js|\.css)$/;
const NO_CACHE = ["/", "/index.html", "/sw.js", "/public/config.json"];

const test = base.extend({
  caddy: [
    async ({}, use) => {
      const caddy = await startCaddy({ dist: DIST, httpsPort, httpPort: httpsPort + 1 });
      await use(caddy);
      await caddy.stop();
    },
    { scope: "worker" },
  ],
  // Chromium trusts Caddy's local CA as it would a public one, so the page
  // is a secure origin without certificate errors and its service worker
  // installs; the camera films a customer's code.
  launchOptions: [
    async ({ caddy }, use) =>
      use(fakeCamera(cameraVideos.customer, { args: [`--ignore-certificate-errors-spki-list=${caddy.spki}`] })),
    { scope: "worker" },
  ],
  baseURL: async ({ caddy }, use) => use(caddy.origin),
  // Outside the browser: Node's own TLS, which does not know Caddy's CA.
  api: async ({ caddy }, use) => {
    const context = await http.newContext({ baseURL: caddy.origin, ignoreHTTPSErrors: true });
    await use(context);
    await context.dispose();
  },
});

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [relative(DIST, path).split(sep).join("/")];
  });
}
const built = files(DIST);

test("each precompressed file is sent as such to a browser that accepts it", async ({ api }) => {
  const compressed = built.filter((path) => path.endsWith(".br")).map((path) => path.slice(0, -3));
  // The build wrote them: the app, its workers, the page and the service worker.
  for (const must of [/^index\.html$/, /^sw\.js$/, /^kassa-.*_bg\.wasm$/, /^start-.*\.js$/, /^scan_worker_bg\.wasm$/, /^demo_worker_bg\.wasm$/]) {
    expect(compressed.filter((path) => must.test(path)), String(must)).toHaveLength(1);
  }
  for (const path of compressed) {
    const plain = readFileSync(join(DIST, path));
    for (const [accept, encoding] of [["br, gzip", "br"], ["gzip", "gzip"], ["identity", undefined]]) {
      const response = await api.get(`/${path}`, { headers: { "accept-encoding": accept } });
      expect(response.status(), path).toBe(200);
      const headers = response.headers();
      expect(headers["content-encoding"], `${path} for ${accept}`).toBe(encoding);
      // A shared cache must not hand a compressed answer to anyone else.
      if (encoding) expect(headers.vary, path).toMatch(/accept-encoding/i);
      // Decoded, it is the file itself (not a stale copy from another build).
      expect((await response.body()).equals(plain), `${path} for ${accept}`).toBe(true);
    }
  }
});

test("security and cache headers, HTTPS only", async ({ api, caddy }) => {
  const policy = policyFor(JSON.parse(readFileSync(join(DIST, "public/config.json"), "utf8")));
  const hashed = built.filter((path) => HASHED.test(path));
  expect(hashed.filter((path) => path.endsWith(".wasm"))).toHaveLength(1);
  expect(hashed.filter((path) => path.startsWith("start-"))).toHaveLength(1);
  const others = ["worker_loader.js", "scan_worker.js", "demo_worker_bg.wasm", "public/catalog.json"];
  for (const path of [...NO_CACHE, ...hashed.map((p) => `/${p}`), ...others.map((p) => `/${p}`)]) {
    const response = await api.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toBe(policy);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("no-referrer");
    expect(headers["permissions-policy"], path).toMatch(/^camera=\(self\), microphone=\(\), /);
    expect(headers["permissions-policy"], path).toContain("usb=(self), serial=(self)");
    expect(headers["strict-transport-security"], path).toMatch(/^max-age=\d{8}/);
    const immutable = HASHED.test(path.slice(1));
    expect(headers["cache-control"], path).toBe(immutable ? "public, max-age=31536000, immutable" : "no-cache");
  }
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toMatch(/connect-src 'self' https:\/\/\S+;/);

  // Plain HTTP only sends the browser to HTTPS.
  const plain = await api.get(`${caddy.httpOrigin}/index.html`, { maxRedirects: 0 });
  expect(plain.status()).toBe(308);
  expect(plain.headers().location).toMatch(/^https:\/\/127\.0\.0\.1[:/]/);
});

test.describe("in the browser", () => {
  test.use({ serviceWorkers: "allow" });

  test("a demo sale with the camera completes under the CSP, and the app installs", async ({ page }) => {
    const violations = [];
    await page.exposeFunction("kassaCspViolation", (violation) => violations.push(violation));
    await page.addInitScript(() =>
      document.addEventListener("securitypolicyviolation", (event) =>
        window.kassaCspViolation(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
      ),
    );
    const failed = [];
    page.on("requestfailed", (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
    const encodings = {};
    page.on("response", (response) => {
      const name = new URL(response.url()).pathname.slice(1);
      if (!response.fromServiceWorker()) encodings[name] = response.headers()["content-encoding"];
    });

    await page.goto("/");
    await openDemo(page);
    await scan(page, WATER.barcode);
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    // The QR decoder's worker reads the fake camera's picture.
    await page.getByTestId("scan-open").click();
    await expect(page.getByTestId("customer-name")).toHaveText("Dilnoza Rahimova");
    await page.getByTestId("pay-open").click();
    await page.getByTestId("pay-cash-input").fill("5 000");
    await page.getByTestId("pay-submit").click();
    await expect(page.getByTestId("bonus-earned")).toBeVisible();

    // The service worker installed, which means it fetched every file of the
    // build under the same policy.
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
      .toBe("activated");

    expect(violations, "securitypolicyviolation events").toEqual([]);
    expect(failed, "failed requests").toEqual([]);
    const first = Object.entries(encodings).filter(([name]) => /^(kassa|start|main|boot|theme)-.*\.(wasm|js|css)$/.test(name));
    expect(first.length).toBeGreaterThanOrEqual(5);
    for (const [name, encoding] of first) expect(encoding, name).toBe("br");
  });
});
