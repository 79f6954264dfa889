// Soak run: N sales through the real app in Chromium against the AOS sandbox
// with random 503s, latency and connections cut after commit, then the local
// receipts are compared with the sandbox ledger.
// Usage: node tests/soak/soak.mjs [N]   (after scripts/build.sh and
// `cargo build -p kassa-sandbox`; scripts/soak.sh does both).
import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";
import { chromiumLaunch, waitFor } from "../chromium.js";

const sales = Number(process.argv[2] ?? 500);
const appPort = 8282;
const apiPort = 8789;
const API = `http://127.0.0.1:${apiPort}`;
const DILNOZA = "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11";
const COFFEE = "4781000019181";
const EARNED_PER_SALE = 2745; // round(54 900 × 5 %)
const OPENING_BALANCE = 125000.5;

const children = [
  spawn("python3", ["-m", "http.server", String(appPort), "--bind", "127.0.0.1", "--directory", "dist"], { stdio: "ignore" }),
  spawn("target/debug/kassa-sandbox", ["--port", String(apiPort)], { stdio: "ignore" }),
];
const stop = () => children.forEach((child) => child.kill());
process.on("exit", stop);

const control = (path, body) =>
  fetch(`${API}/__control/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) });

await waitFor(`http://127.0.0.1:${appPort}/index.html`);
await waitFor(`${API}/__control/ledger`);
await control("reset");

const browser = await chromium.launch(chromiumLaunch);
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${appPort}/`);
await page.getByTestId("login-base-url").fill(API);
await page.getByTestId("login-branch-token").fill("sandbox-branch-token");
await page.getByTestId("login-cashier").fill("Soak");
await page.getByTestId("login-opening-cash").fill("0");
await page.getByTestId("login-submit").click();
await page.getByTestId("cart-empty").waitFor();

const local = [];
const started = Date.now();
for (let sale = 1; sale <= sales; sale += 1) {
  // Lookups run fault-free; the transactions meet the faults.
  await control("faults", {});
  await page.keyboard.type(COFFEE, { delay: 2 });
  await page.keyboard.press("Enter");
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill(DILNOZA);
  await page.getByTestId("scan-manual-submit").click();
  await page.getByTestId("customer-name").waitFor();
  await control("faults", { latencyMs: 5, transactionsUnavailablePercent: 15, dropAfterCommitPercent: 10 });
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("54 900");
  await page.getByTestId("pay-submit").click();
  await page.getByTestId("sale-result").waitFor();
  local.push(await page.getByTestId("receipt-number").textContent());
  await page.getByTestId("sale-new").click();
  await page.getByTestId("cart-empty").waitFor();
  if (sale % 50 === 0) console.log(`${sale} sales, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

await control("faults", {});
const deadline = Date.now() + 180_000;
while ((await page.getByTestId("outbox-pending").textContent()) !== "0" && Date.now() < deadline) {
  await page.waitForTimeout(500);
}
const ledger = await (await fetch(`${API}/__control/ledger`)).json();
await browser.close();

const inLedger = new Set(ledger.receipts.map((r) => r.rNumber));
const confirmed = local.filter((number) => inLedger.has(number)).length;
const lost = local.length - confirmed;
const duplicates = ledger.receipts.length - inLedger.size + ledger.receipts.filter((r) => !local.includes(r.rNumber)).length;
const expected = OPENING_BALANCE + EARNED_PER_SALE * local.length;
const balance = ledger.customers.find((c) => c.client === DILNOZA).balance;
const balanceMismatch = balance === expected ? 0 : 1;
console.log(`replays answered from the idempotency record: ${ledger.replays}; posts: ${ledger.posts}`);
console.log(`sales=${local.length} confirmed=${confirmed} duplicates=${duplicates} lost=${lost} balance_mismatch=${balanceMismatch}`);
stop();
process.exit(lost === 0 && duplicates === 0 && balanceMismatch === 0 && confirmed === sales ? 0 : 1);
