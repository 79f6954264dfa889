// The store's whole catalog on the tablet (issue 16), measured in Chromium
// against the sandbox's srv4pos with a generated catalog (20 000 products
// by default): first full sync to sellable, reload with the stored catalog
// to sellable, a 100-product difference, search per keystroke (key to
// results laid out, typing 6-letter words) and the tab's memory (JS heap
// after a garbage collection + the app's wasm memory). A figure, not a test.
// Usage: node tests/bench/catalog.mjs (scripts/bench-catalog.sh builds first).
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { chromiumLaunch, waitFor } from "../chromium.js";

const PRODUCTS = Number(process.env.CATALOG_BENCH_PRODUCTS ?? 20000);
const port = Number(process.env.KASSA_BENCH_PORT ?? 8386);
const sandboxPort = Number(process.env.KASSA_BENCH_SANDBOX_PORT ?? 8789);
const SANDBOX = `http://127.0.0.1:${sandboxPort}/srv4pos`;
const BASE = `${SANDBOX}/v45/UZ301234567`;
// Six-letter words of the sample catalog, in its three scripts.
const WORDS = ["shakar", "makaro", "pishlo", "молоко", "гречка", "сметан", "qaymoq", "shokol"];

function start(command, args) {
  const child = spawn(command, args, { stdio: "ignore" });
  process.on("exit", () => child.kill());
  return child;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const countIs = (n) =>
  `document.querySelector('[data-testid="catalog-count"]')?.dataset.value === "${n}"`;

async function sellableAt(page) {
  return page.waitForFunction(`(${countIs(PRODUCTS)}) && performance.now()`, null, {
    polling: "raf",
    timeout: 120_000,
  }).then((handle) => handle.jsonValue());
}

// Key to results laid out: the input event, Leptos' effects (microtasks),
// then a forced layout; the hits must have changed for the figure to count.
async function typeTimed(page, word) {
  return page.evaluate(async (word) => {
    const input = document.querySelector('[data-testid="catalog-search"]');
    const grid = () => document.querySelector(".catalog-scroll");
    const times = [];
    input.value = "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let at = 1; at <= word.length; at += 1) {
      const before = grid().innerHTML;
      const start = performance.now();
      input.value = word.slice(0, at);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 0));
      void grid().getBoundingClientRect().height;
      const took = performance.now() - start;
      if (grid().innerHTML !== before || at > 1) times.push(took);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    return { times, shown: document.querySelectorAll('[data-testid="catalog-product"]').length };
  }, word);
}

async function memory(cdp, page) {
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  const wasm = await page.evaluate(() => window.kassaWasm?.memory?.buffer.byteLength ?? 0);
  return { heap: heap.usedSize, wasm };
}

const mb = (bytes) => (bytes / 1048576).toFixed(1);

async function main() {
  start("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", "dist"]);
  start("target/debug/kassa-sandbox", ["--port", String(sandboxPort), "--products", String(PRODUCTS)]);
  await waitFor(`http://127.0.0.1:${port}/index.html`);
  await waitFor(`http://127.0.0.1:${sandboxPort}/__control/ledger`);

  const browser = await chromium.launch(chromiumLaunch);
  const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1280, height: 800 }, locale: "en-US" });
  const page = await context.newPage();
  await page.addInitScript(() =>
    addEventListener("TrunkApplicationStarted", (event) => (window.kassaWasm = event.detail.wasm)),
  );
  const cdp = await context.newCDPSession(page);

  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByTestId("login-provider").selectOption("none");
  await page.getByTestId("login-store-server").selectOption("srv4pos");
  await page.getByTestId("login-srv4pos-url").fill(BASE);
  await page.getByTestId("login-srv4pos-key").fill("sandbox-srv4pos-key");
  await page.getByTestId("login-register-name").fill("Bench till");
  await page.getByTestId("login-cashier").fill("Bench");
  await page.getByTestId("login-opening-cash").fill("0");
  const pressed = await page.evaluate(() => {
    document.querySelector('[data-testid="login-submit"]').click();
    return performance.now();
  });
  const firstSync = (await sellableAt(page)) - pressed;

  const reloads = [];
  for (let round = 0; round < 3; round += 1) {
    await page.reload();
    reloads.push(await sellableAt(page));
    await page.getByTestId("catalog-sync-status").filter({ hasText: "current" }).waitFor();
  }

  const diffs = [];
  for (let round = 0; round < 3; round += 1) {
    const edited = await (await fetch(`${SANDBOX}/__control/reprice`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ count: 100 }),
    })).json();
    const asked = await page.evaluate(() => {
      document.querySelector('[data-testid="catalog-sync"]').click();
      return performance.now();
    });
    const done = await page.waitForFunction(
      (version) => document.querySelector('[data-testid="catalog-version"]')?.textContent === String(version) && performance.now(),
      edited.version, { polling: "raf", timeout: 60_000 },
    ).then((handle) => handle.jsonValue());
    diffs.push(done - asked);
  }

  const keystrokes = [];
  let shown = 0;
  for (let round = 0; round < 3; round += 1) {
    for (const word of WORDS) {
      const typed = await typeTimed(page, word);
      keystrokes.push(...typed.times);
      shown += typed.shown;
    }
  }
  const used = await memory(cdp, page);
  await browser.close();

  const ms = (value) => `${value.toFixed(0)} ms`;
  console.log(`# Catalog benchmark: ${PRODUCTS} products from the sandbox's srv4pos, Chromium (${cpus().length} cores, load ${loadavg()[0].toFixed(2)})`);
  console.log("");
  console.log("| figure | measured | target |");
  console.log("|---|---|---|");
  console.log(`| first full sync to sellable (IndexedDB writes included) | ${ms(firstSync)} | ≤ 5 000 ms |`);
  console.log(`| reload with the stored catalog to sellable (median of 3) | ${ms(percentile(reloads, 50))} | ≤ 1 500 ms |`);
  console.log(`| a 100-product difference, "sync now" to applied (median of 3) | ${ms(percentile(diffs, 50))} | ≤ 500 ms |`);
  console.log(`| search, key to results laid out, p95 of ${keystrokes.length} keystrokes (median ${percentile(keystrokes, 50).toFixed(1)} ms) | ${percentile(keystrokes, 95).toFixed(1)} ms | ≤ 16 ms |`);
  console.log(`| tab memory: JS heap ${mb(used.heap)} MB + wasm ${mb(used.wasm)} MB | ${mb(used.heap + used.wasm)} MB | ≤ 80 MB |`);
  if (shown === 0) {
    console.error("the searches found nothing: the figures above are not of a search");
    process.exit(1);
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
