import { test, expect, scan } from "./fixtures.js";
import { sandboxPort } from "../../playwright.config.js";

// The sandbox (tests/sandbox) runs on its own port: every call is a real
// cross-origin request. Its seed is tests/sandbox/seed.json.
const API = `http://127.0.0.1:${sandboxPort}`;
const TOKEN = "sandbox-branch-token";
const DILNOZA = "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11"; // balance 125 000.50, 5 %
const COFFEE = "4781000019181"; // 54 900
const SHAMPOO = "4781000028770"; // 58 900

async function control(request, path, data) {
  const response = await request.post(`${API}/__control/${path}`, { data });
  expect(response.ok()).toBeTruthy();
}

async function ledger(request) {
  const response = await request.get(`${API}/__control/ledger`);
  return response.json();
}

test.beforeEach(async ({ request }) => {
  await control(request, "reset");
});

async function login(page, token = TOKEN) {
  await page.goto("/");
  await page.getByTestId("login-base-url").fill(API);
  await page.getByTestId("login-branch-token").fill(token);
  await page.getByTestId("login-cashier").fill("Aziza");
  await page.getByTestId("login-opening-cash").fill("100 000");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
}

async function findCustomer(page, code) {
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill(code);
  await page.getByTestId("scan-manual-submit").click();
}

/** Two items (113 800), Dilnoza, 10 000 cashback, card 50 000 + cash 60 000. */
async function sellToDilnoza(page) {
  await scan(page, COFFEE);
  await scan(page, SHAMPOO);
  await findCustomer(page, DILNOZA);
  await expect(page.getByTestId("customer-name")).toHaveText("Dilnoza Rahimova");
  await expect(page.getByTestId("customer-balance")).toHaveAttribute("data-value", "125000.50");
  await page.getByTestId("bonus-open").click();
  await page.getByTestId("bonus-input").fill("10 000");
  await page.getByTestId("bonus-apply").click();
  await expect(page.getByTestId("total-due")).toHaveAttribute("data-value", "103800.00");
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-card-input").fill("50 000");
  await page.getByTestId("pay-cash-input").fill("60 000");
  await expect(page.getByTestId("pay-change")).toHaveAttribute("data-value", "6200.00");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-result")).toBeVisible();
}

test("a full sale through the real HTTP client lands in the server's ledger", async ({ page, request }) => {
  const urls = [];
  page.on("request", (r) => urls.push(r.url()));
  await login(page);
  await sellToDilnoza(page);
  await expect(page.getByTestId("sale-status")).toHaveText("sent");
  // Earned: round((113 800 − 10 000) × 5 %) = 5 190; 125 000.50 − 10 000 + 5 190.
  await expect(page.getByTestId("bonus-earned")).toHaveAttribute("data-value", "5190.00");
  await expect(page.getByTestId("new-balance")).toHaveAttribute("data-value", "120190.50");

  const state = await ledger(request);
  expect(state.receipts).toHaveLength(1);
  expect(state.customers.find((c) => c.client === DILNOZA).balance).toBe(120190.5);
  // The token travels only to the API, never in the page's own URL.
  expect(page.url()).not.toContain(TOKEN);
  expect(urls.filter((u) => u.includes(TOKEN)).every((u) => u.startsWith(API))).toBe(true);
  // A tablet on a real server never downloads the demo backend.
  expect(urls.filter((u) => u.includes("demo_worker"))).toEqual([]);
});

test("a rejected branch token is explained at the first call", async ({ page }) => {
  await login(page, "not-a-real-token");
  await findCustomer(page, DILNOZA);
  await expect(page.getByTestId("scan-error")).toContainText("rejected the branch token");
  await expect(page.getByTestId("scan-error")).not.toContainText("not-a-real-token");
});

test("an unknown customer is told to refresh the code", async ({ page }) => {
  await login(page);
  await findCustomer(page, "00000000-0000-4000-8000-000000000000");
  await expect(page.getByTestId("scan-error")).toContainText("refresh the QR code");
});

test("a hostile customer name from the server renders as text", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  await login(page);
  await findCustomer(page, "deadbeef-0000-4000-8000-000000000bad");
  await expect(page.getByTestId("customer-name")).toHaveText("<img src=x onerror=alert(1)>");
  await expect(page.locator("img")).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test("a 503 on submit queues the sale; it is sent once when the server is back", async ({ page, request }) => {
  await login(page);
  await scan(page, COFFEE);
  await findCustomer(page, DILNOZA);
  await expect(page.getByTestId("customer-name")).toBeVisible();
  await control(request, "faults", { unavailablePercent: 100 });
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-card-input").fill("54 900");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-status")).toHaveText("queued");
  await expect(page.getByTestId("outbox-pending")).toHaveText("1");
  expect((await ledger(request)).receipts).toHaveLength(0);

  await control(request, "faults", {});
  await expect(page.getByTestId("sale-status")).toHaveText("sent", { timeout: 15_000 });
  await expect(page.getByTestId("outbox-pending")).toHaveText("0");
  const state = await ledger(request);
  expect(state.receipts).toHaveLength(1);
  // 125 000.50 + round(54 900 × 5 %) = 127 745.50
  expect(state.customers.find((c) => c.client === DILNOZA).balance).toBe(127745.5);
});

test("a connection dropped after commit never doubles the sale", async ({ page, request }) => {
  await login(page);
  await control(request, "faults", { dropAfterCommitPercent: 100 });
  await sellToDilnoza(page);
  await expect(page.getByTestId("sale-status")).toHaveText("queued");
  expect((await ledger(request)).receipts).toHaveLength(1);

  await control(request, "faults", {});
  await expect(page.getByTestId("sale-status")).toHaveText("sent", { timeout: 15_000 });
  await expect(page.getByTestId("new-balance")).toHaveAttribute("data-value", "120190.50");
  const state = await ledger(request);
  expect(state.receipts).toHaveLength(1);
  expect(state.replays).toBeGreaterThanOrEqual(1);
  expect(state.customers.find((c) => c.client === DILNOZA).balance).toBe(120190.5);
});

/** `count` coffee sales to Dilnoza (earning only) while transactions fail. */
async function queueCoffeeSales(page, request, count) {
  await control(request, "faults", { transactionsUnavailablePercent: 100 });
  for (let sale = 1; sale <= count; sale += 1) {
    await scan(page, COFFEE);
    await findCustomer(page, DILNOZA);
    await expect(page.getByTestId("customer-name")).toBeVisible();
    await page.getByTestId("pay-open").click();
    await page.getByTestId("pay-cash-input").fill("60 000");
    await page.getByTestId("pay-submit").click();
    await expect(page.getByTestId("sale-status")).toHaveText("queued");
    await expect(page.getByTestId("outbox-pending")).toHaveText(String(sale));
    await page.getByTestId("sale-new").click();
  }
}

test("queued sales survive a reload and are each sent exactly once", async ({ page, request }) => {
  await login(page);
  await queueCoffeeSales(page, request, 3);
  const numbers = new Set();

  // A reload resumes the shift and its queue, with no new login.
  await page.reload();
  await expect(page.getByTestId("outbox-pending")).toHaveText("3");
  expect((await ledger(request)).receipts).toHaveLength(0);

  await control(request, "faults", {});
  await expect(page.getByTestId("outbox-pending")).toHaveText("0", { timeout: 20_000 });
  const state = await ledger(request);
  for (const receipt of state.receipts) numbers.add(receipt.rNumber);
  expect(state.receipts).toHaveLength(3);
  expect(numbers.size).toBe(3);
  // 125 000.50 + 3 × round(54 900 × 5 %) = 125 000.50 + 3 × 2 745
  expect(state.customers.find((c) => c.client === DILNOZA).balance).toBe(133235.5);

  // Receipt numbers go on after the reload; none is reused.
  await scan(page, COFFEE);
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("54 900");
  await page.getByTestId("pay-submit").click();
  const fourth = await page.getByTestId("receipt-number").textContent();
  expect(numbers.has(fourth)).toBe(false);
  expect(fourth).toMatch(/-000004$/);
});

test("a sale still queued when the shift closes is sent once the next shift opens after a reload", async ({ page, request }) => {
  await login(page);
  await queueCoffeeSales(page, request, 1);
  await page.getByTestId("shift-close").click();
  await page.getByTestId("report-counted").fill("154 900");
  await page.getByTestId("report-z").click();
  await expect(page.getByTestId("report-z-result")).toBeVisible();
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByTestId("login-submit")).toBeVisible();
  await control(request, "faults", {});

  // After a reload the login is the front door's (src/ui/front_door.rs);
  // the shift it opens reaches the app, which finds the queue and sends it.
  await page.reload();
  await login(page);
  await expect.poll(async () => (await ledger(request)).receipts.length, { timeout: 20_000 }).toBe(1);
  await expect(page.getByTestId("outbox-pending")).toHaveText("0");
});

test("spending cashback needs the server; earning does not", async ({ page, request }) => {
  await login(page);
  await scan(page, COFFEE);
  await findCustomer(page, DILNOZA);
  await page.getByTestId("bonus-open").click();
  await page.getByTestId("bonus-input").fill("900");
  await page.getByTestId("bonus-apply").click();
  await expect(page.getByTestId("bonus-applied")).toHaveAttribute("data-value", "900.00");

  await control(request, "faults", { unavailablePercent: 100 });
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("54 000");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("pay-error")).toContainText("Spending cashback needs the loyalty server");
  await expect(page.getByTestId("outbox-pending")).toHaveText("0");

  // Without the spend, the sale goes through offline and waits to be sent.
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await page.getByTestId("bonus-open").click();
  await page.getByTestId("bonus-remove").click();
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("54 900");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-status")).toHaveText("queued");
  await expect(page.getByTestId("outbox-pending")).toHaveText("1");
});

test("two tabs of one till never both send a receipt", async ({ page, context, request }) => {
  test.setTimeout(60_000);
  await login(page);
  await queueCoffeeSales(page, request, 2);
  // A second tab of the same till resumes the same shift and queue.
  const second = await context.newPage();
  await second.goto("/");
  await expect(second.getByTestId("outbox-pending")).toHaveText("2");

  await control(request, "faults", {});
  await expect(page.getByTestId("outbox-pending")).toHaveText("0", { timeout: 30_000 });
  await expect(second.getByTestId("outbox-pending")).toHaveText("0", { timeout: 30_000 });
  const state = await ledger(request);
  expect(state.receipts).toHaveLength(2);
  expect(state.replays).toBe(0);
});

test("connections cut after commit on half the requests: ten sales, ten receipts", async ({ page, request }) => {
  test.setTimeout(90_000);
  await login(page);
  await control(request, "faults", { dropAfterCommitPercent: 50 });
  for (let sale = 1; sale <= 10; sale += 1) {
    await scan(page, COFFEE);
    await findCustomer(page, DILNOZA);
    await expect(page.getByTestId("customer-name")).toBeVisible();
    await page.getByTestId("pay-open").click();
    await page.getByTestId("pay-cash-input").fill("54 900");
    await page.getByTestId("pay-submit").click();
    await expect(page.getByTestId("sale-status")).toHaveText(/sent|queued/);
    await page.getByTestId("sale-new").click();
  }
  await control(request, "faults", {});
  await expect(page.getByTestId("outbox-pending")).toHaveText("0", { timeout: 30_000 });
  const state = await ledger(request);
  expect(state.receipts).toHaveLength(10);
  expect(new Set(state.receipts.map((r) => r.rNumber)).size).toBe(10);
  // 125 000.50 + 10 × round(54 900 × 5 %) = 125 000.50 + 27 450
  expect(state.customers.find((c) => c.client === DILNOZA).balance).toBe(152450.5);
});
