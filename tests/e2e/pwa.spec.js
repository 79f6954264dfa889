// Installable and offline: the service worker made from the build
// (scripts/precache.mjs), the app opening with no network, and a new version
// that waits for the cashier instead of interrupting a sale.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, relative, resolve, sep } from "node:path";
import { test, expect, scan } from "./fixtures.js";
import { cartWithCustomer, openDemo, WATER } from "./screens.js";
import { sandboxPort } from "../../playwright.config.js";

const API = `http://127.0.0.1:${sandboxPort}`;

// The other specs run without service workers (playwright.config.js).
test.use({ serviceWorkers: "allow" });

/** Waits until the service worker answers this page's requests. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The constants scripts/precache.mjs wrote at the top of a sw.js. */
function precacheOf(sw) {
  const build = sw.match(/^const BUILD = "([0-9a-f]+)";/m)?.[1];
  const list = sw.match(/^const PRECACHE = (\[[^\]]*\]);/m)?.[1];
  return { build, files: JSON.parse(list ?? "null") };
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [relative("dist", path).split(sep).join("/")];
  });
}

/** Every cached URL in every cache the page's origin holds, by cache name. */
async function cachedUrls(page) {
  return page.evaluate(async () => {
    const all = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      all[name] = (await cache.keys()).map((request) => request.url);
    }
    return all;
  });
}

test("the precache lists exactly the files of the build", async ({ request }) => {
  const { build, files } = precacheOf(await (await request.get("/sw.js")).text());
  expect(build).toMatch(/^[0-9a-f]{16}$/);
  // The .br/.gz copies are for the web server (scripts/precompress.mjs): the
  // browser caches what it decoded, under the file's own name.
  const compressed = (path) => /\.(br|gz)$/.test(path);
  const built = filesUnder("dist").filter(
    (path) => path !== "sw.js" && !compressed(path) && !path.split("/").some((p) => p.startsWith(".")),
  );
  expect(filesUnder("dist").some(compressed), "the release build has compressed copies").toBe(true);
  // Nothing missing (the scanner's and the demo's workers too), nothing from outside dist.
  expect([...files].sort()).toEqual(built.map((path) => `./${path}`).sort());
  for (const needed of [/^\.\/index\.html$/, /^\.\/kassa-.*_bg\.wasm$/, /^\.\/kassa-.*\.js$/, /^\.\/main-.*\.css$/,
    /^\.\/scan_worker_bg\.wasm$/, /^\.\/scan_worker\.js$/, /^\.\/worker_loader\.js$/,
    /^\.\/demo_worker_bg\.wasm$/, /^\.\/demo_worker\.js$/,
    /^\.\/public\/catalog\.json$/, /^\.\/public\/config\.json$/, /^\.\/public\/manifest\.webmanifest$/,
    /^\.\/public\/icons\/maskable-512\.png$/]) {
    expect(files.some((file) => needed.test(file)), String(needed)).toBe(true);
  }
});

test("a light loading state shows until the app has mounted", async ({ page }) => {
  let release;
  const held = new Promise((done) => {
    release = done;
  });
  await page.route(/kassa-.*_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/");
  await expect(page.locator(".boot")).toBeVisible();
  await expect(page.locator(".boot")).toContainText("Kassa");
  release();
  await expect(page.getByTestId("login-demo")).toBeVisible();
  await expect(page.locator(".boot")).toBeHidden();
});

test("after one visit the app opens offline and a demo sale completes", async ({ page, context }) => {
  await page.goto("/");
  await controlled(page);
  await context.setOffline(true);
  const reloaded = await page.reload();
  expect(reloaded.fromServiceWorker()).toBe(true);
  await cartWithCustomer(page);
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("20 000");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-status")).toHaveText("sent");
});

test("loyalty API traffic is never answered or kept by the service worker", async ({ page, request }) => {
  expect((await request.post(`${API}/__control/reset`)).ok()).toBeTruthy();
  await page.goto("/");
  await controlled(page);
  const api = [];
  page.on("response", (response) => {
    if (response.url().startsWith(API)) api.push(response);
  });
  await page.getByTestId("login-base-url").fill(API);
  await page.getByTestId("login-branch-token").fill("sandbox-branch-token");
  await page.getByTestId("login-cashier").fill("Aziza");
  await page.getByTestId("login-opening-cash").fill("100 000");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11");
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Dilnoza Rahimova");

  expect(api.length).toBeGreaterThan(0);
  expect(api.filter((response) => response.fromServiceWorker()).map((r) => r.url())).toEqual([]);
  const origin = new URL(page.url()).origin;
  const urls = Object.values(await cachedUrls(page)).flat();
  expect(urls.length).toBeGreaterThan(0);
  expect(urls.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
});

// Two versions of the app side by side. The second is what a new build
// differs in for the browser: other bytes in index.html and therefore a new
// build id in sw.js, made by the same generator trunk runs. Copying dist and
// re-running scripts/precache.mjs gives that in a second instead of minutes of
// a second release build. A small server of our own serves one or the other.
test.describe("a new version", () => {
  let server;
  let origin;
  let serving;
  const versions = {};
  let workdir;

  test.beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "kassa-pwa-"));
    versions.old = join(workdir, "old");
    versions.new = join(workdir, "new");
    cpSync("dist", versions.old, { recursive: true });
    cpSync("dist", versions.new, { recursive: true });
    rmSync(join(versions.new, "sw.js"));
    const index = join(versions.new, "index.html");
    // The release build's index.html is minified (no <head> tag): the marker
    // goes before <title>, which every build has.
    const html = readFileSync(index, "utf8");
    const marked = html.replace("<title>", '<meta name="kassa-version" content="new"><title>');
    if (marked === html) throw new Error("index.html has no <title> to mark the new version by");
    writeFileSync(index, marked);
    execFileSync("node", ["scripts/precache.mjs"], { env: { ...process.env, TRUNK_STAGING_DIR: versions.new } });
    serving = versions.old;

    const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css",
      ".json": "application/json", ".webmanifest": "application/manifest+json", ".png": "image/png" };
    server = createServer((req, res) => {
      const path = new URL(req.url, "http://localhost").pathname;
      const file = resolve(serving, `.${path.endsWith("/") ? `${path}index.html` : path}`);
      try {
        if (!file.startsWith(serving + sep)) throw new Error("outside");
        const body = readFileSync(file);
        res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    // Port 0: the system picks a free port, so parallel runs never collide.
    await new Promise((done) => server.listen(0, "127.0.0.1", done));
    origin = `http://127.0.0.1:${server.address().port}`;
  });

  test.afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(workdir, { recursive: true, force: true });
  });

  test("waits for an empty receipt, then reloads into it on request", async ({ page }) => {
    const oldBuild = precacheOf(readFileSync(join(versions.old, "sw.js"), "utf8")).build;
    const newBuild = precacheOf(readFileSync(join(versions.new, "sw.js"), "utf8")).build;
    expect(newBuild).not.toBe(oldBuild);

    await page.goto(`${origin}/`);
    await controlled(page);
    await openDemo(page);
    await scan(page, WATER.barcode);
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    await page.evaluate(() => {
      window.sameDocument = true;
    });

    serving = versions.new;
    // What the app does when the tablet comes back on screen (or every 30 min).
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await expect(page.getByTestId("update-banner")).toBeVisible();
    const reload = page.getByTestId("update-reload");
    await expect(reload).toBeDisabled();
    const hint = page.getByTestId("update-banner").getByText("Finish the sale first");
    await expect(hint).toBeVisible();
    await reload.click({ force: true });
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => window.sameDocument)).toBe(true);
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null)).toBe(true);

    await page.getByTestId("line-remove").click();
    await expect(page.getByTestId("cart-empty")).toBeVisible();
    await expect(reload).toBeEnabled();
    await expect(hint).toBeHidden();
    await Promise.all([page.waitForEvent("load"), reload.click()]);
    await controlled(page);
    expect(await page.evaluate(() => window.sameDocument)).toBeUndefined();
    await expect(page.locator('meta[name="kassa-version"]')).toHaveAttribute("content", "new");
    // The old version's cache is gone; only the new build's is left.
    expect(Object.keys(await cachedUrls(page))).toEqual([`kassa-${newBuild}`]);
    await expect(page.getByTestId("update-banner")).toBeHidden();
  });
});
