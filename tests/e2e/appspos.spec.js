// AppsPOS end to end against the sandbox (tests/sandbox serves it under
// /appspos with the rules the demo uses, src/loyalty/appspos/seed.json):
// the order, the app's voucher on the bill, the release, the polling and
// the completion, with the sandbox's ledger as the judge of every charge.
import { test, expect, scan } from "./fixtures.js";
import { sandboxPort } from "../../playwright.config.js";
import { WATER, COLA } from "./screens.js";

const SANDBOX = `http://127.0.0.1:${sandboxPort}`;
const API = `${SANDBOX}/appspos`;
const VOUCHER_10K = "QR-20261201-A1B2-0000001";
const NO_VOUCHER = "QR-20261201-C3D4-0000002";
const FAILS = "QR-20261201-E5F6-0000003";
const COVERS_ALL = "QR-20261201-0F0F-0000004";
const WALLET_5K = "QR-20261201-B7C8-0000005";

async function control(request, path, data) {
  const response = await request.post(`${SANDBOX}/${path}`, { data });
  expect(response.ok()).toBeTruthy();
}

async function ledger(request) {
  return (await request.get(`${SANDBOX}/__control/appspos/ledger`)).json();
}

test.beforeEach(async ({ request }) => {
  await control(request, "__control/reset", {});
});

async function login(page, { secret = "kassa-demo-secret" } = {}) {
  await page.goto("/");
  await page.getByTestId("login-provider").selectOption("appspos");
  await expect(page.getByTestId("login-branch-token")).toHaveCount(0);
  await page.getByTestId("login-base-url").fill(API);
  await page.getByTestId("login-api-key").fill("kassa-demo-key");
  await page.getByTestId("login-secret").fill(secret);
  await page.getByTestId("login-branch-code").fill("B1");
  await page.getByTestId("login-cashier").fill("Aziza");
  await page.getByTestId("login-opening-cash").fill("0");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
}

/** Water and cola: 4 000 + 12 500 = 16 500. */
async function ringUp(page) {
  await scan(page, WATER.barcode);
  await scan(page, COLA.barcode);
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
}

async function order(page, code) {
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill(code);
  await page.getByTestId("scan-manual-submit").click();
}

const status = (page) => page.getByTestId("appspos-status");

async function releaseAndFinish(page) {
  await page.getByTestId("appspos-release").click();
  await expect(page.getByTestId("sale-result")).toBeVisible({ timeout: 20_000 });
  // payment_completed goes through the outbox; the result follows it.
  await expect(page.getByTestId("sale-status")).toHaveText("sent");
  await expect(page.getByTestId("outbox-pending")).toHaveText("0");
}

test("a voucher sale: the voucher comes off the bill, the app pays the rest, one charge", async ({
  page,
  request,
}) => {
  await login(page);
  await ringUp(page);
  await order(page, VOUCHER_10K);
  await expect(status(page)).toHaveText("order");
  await expect(page.getByTestId("appspos-voucher")).toHaveAttribute("data-value", "10000.00");
  await expect(page.getByTestId("appspos-release")).toBeVisible();
  await expect(page.getByTestId("appspos-payable")).toHaveAttribute("data-value", "6500.00");
  await expect(page.getByTestId("total-due")).toHaveAttribute("data-value", "6500.00");
  await page.getByTestId("appspos-release").click();
  // The visible timer runs while the app is paying.
  await expect(page.getByTestId("appspos-timer")).toBeVisible();
  await expect(status(page)).toHaveText(/released|paying/);
  await expect(page.getByTestId("sale-result")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("appspos-paid")).toHaveAttribute("data-value", "6500.00");
  await expect(page.getByTestId("appspos-voucher")).toHaveAttribute("data-value", "10000.00");
  await expect(page.getByTestId("sale-change")).toHaveAttribute("data-value", "0.00");
  await expect(page.getByTestId("sale-status")).toHaveText("sent");
  const { charges, transactions, duplicateCharges } = await ledger(request);
  expect(charges).toHaveLength(1);
  expect(charges[0].amount).toBe("6500.00");
  expect(duplicateCharges).toBe(0);
  expect(transactions[0].state).toBe("completed");
  expect(transactions[0].total_payable).toBe("6500.00");
});

test("a sale without a voucher is paid in full in the app", async ({ page, request }) => {
  await login(page);
  await ringUp(page);
  await order(page, NO_VOUCHER);
  await expect(page.getByTestId("appspos-voucher")).toHaveAttribute("data-value", "0.00");
  await expect(page.getByTestId("appspos-remove-voucher")).toHaveCount(0);
  await releaseAndFinish(page);
  await expect(page.getByTestId("appspos-paid")).toHaveAttribute("data-value", "16500.00");
  const { charges } = await ledger(request);
  expect(charges.map((c) => c.amount)).toEqual(["16500.00"]);
});

test("vouchers that cover everything: a zero-dollar pay", async ({ page, request }) => {
  await login(page);
  await ringUp(page);
  await order(page, COVERS_ALL);
  await expect(page.getByTestId("appspos-voucher")).toHaveAttribute("data-value", "16500.00");
  await expect(page.getByTestId("total-due")).toHaveAttribute("data-value", "0.00");
  await releaseAndFinish(page);
  await expect(page.getByTestId("appspos-paid")).toHaveCount(0);
  const { charges, transactions } = await ledger(request);
  expect(charges.map((c) => c.amount)).toEqual(["0.00"]);
  expect(transactions[0].state).toBe("completed");
});

test("a payment that fails in the app, then cash", async ({ page, request }) => {
  await login(page);
  await ringUp(page);
  await order(page, FAILS);
  await page.getByTestId("appspos-release").click();
  await expect(status(page)).toHaveText("failed", { timeout: 20_000 });
  await expect(page.getByTestId("appspos-error")).toBeVisible();
  await page.getByTestId("appspos-cancel").click();
  await expect(status(page)).toHaveText("cancelled");
  await expect.poll(async () => (await ledger(request)).cancels).toBe(1);
  await page.keyboard.press("Escape");
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("20000");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-result")).toBeVisible();
  await expect(page.getByTestId("sale-change")).toHaveAttribute("data-value", "3500.00");
  // The receipt never shows a tender that was not paid.
  await expect(page.getByTestId("appspos-paid")).toHaveCount(0);
  const { charges, cancels, transactions } = await ledger(request);
  expect(charges).toHaveLength(0);
  expect(cancels).toBe(1);
  expect(transactions[0].state).toBe("cancelled");
});

test("cancel while the app is paying", async ({ page, request }) => {
  await control(request, "__sandbox/appspos/in-process", { polls: 100 });
  await login(page);
  await ringUp(page);
  await order(page, NO_VOUCHER);
  await page.getByTestId("appspos-release").click();
  await expect(status(page)).toHaveText("paying", { timeout: 10_000 });
  // Only Cancel is offered while the app may take money.
  await expect(page.getByTestId("appspos-remove-voucher")).toHaveCount(0);
  await page.getByTestId("appspos-cancel").click();
  await expect(status(page)).toHaveText("cancelled");
  await expect(page.getByTestId("appspos-error")).toBeVisible();
  // The status turns at the decision (stored first); the call follows.
  await expect.poll(async () => (await ledger(request)).cancels).toBe(1);
  const { charges, transactions } = await ledger(request);
  expect(charges).toHaveLength(0);
  expect(transactions[0].state).toBe("cancelled");
});

test("the customer pays without the voucher: removed, the order sent again", async ({
  page,
  request,
}) => {
  await login(page);
  await ringUp(page);
  await order(page, VOUCHER_10K);
  await expect(page.getByTestId("appspos-voucher")).toHaveAttribute("data-value", "10000.00");
  await expect(page.getByTestId("appspos-release")).toBeVisible();
  await page.getByTestId("appspos-remove-voucher").click();
  await expect(page.getByTestId("appspos-voucher")).toHaveAttribute("data-value", "0.00");
  await expect(page.getByTestId("total-due")).toHaveAttribute("data-value", "16500.00");
  await expect(page.getByTestId("appspos-release")).toBeVisible();
  await releaseAndFinish(page);
  await expect(page.getByTestId("appspos-paid")).toHaveAttribute("data-value", "16500.00");
  const { charges, transactions } = await ledger(request);
  expect(charges.map((c) => c.amount)).toEqual(["16500.00"]);
  expect(transactions[0].voucher_removed).toBe(true);
});

test("a changed cart is ordered again before the release", async ({ page, request }) => {
  await login(page);
  await scan(page, COLA.barcode);
  await order(page, VOUCHER_10K);
  await expect(page.getByTestId("appspos-payable")).toHaveAttribute("data-value", "2500.00");
  await page.keyboard.press("Escape");
  await scan(page, WATER.barcode);
  await page.getByTestId("scan-open").click();
  await expect(page.getByTestId("appspos-payable")).toHaveAttribute("data-value", "6500.00");
  await expect(page.getByTestId("appspos-release")).toBeVisible();
  await releaseAndFinish(page);
  const { charges, transactions } = await ledger(request);
  expect(charges.map((c) => c.amount)).toEqual(["6500.00"]);
  expect(transactions[0].cart_total).toBe("16500.00");
});

test("a reload while the app is paying resumes the polling and charges once", async ({
  page,
  request,
}) => {
  await control(request, "__sandbox/appspos/in-process", { polls: 4 });
  await login(page);
  await ringUp(page);
  await order(page, VOUCHER_10K);
  await page.getByTestId("appspos-release").click();
  await expect(status(page)).toHaveText("paying", { timeout: 10_000 });
  await page.reload();
  // The shift, the cart and the payment come back where they were.
  await expect(status(page)).toHaveText(/paying|released|paid/);
  await expect(page.getByTestId("sale-result")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("appspos-paid")).toHaveAttribute("data-value", "6500.00");
  await expect(page.getByTestId("sale-status")).toHaveText("sent");
  const { charges, duplicateCharges, transactions } = await ledger(request);
  expect(charges).toHaveLength(1);
  expect(duplicateCharges).toBe(0);
  expect(transactions[0].state).toBe("completed");
  // Nothing is left to resume after another reload.
  await page.reload();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  await expect(page.getByTestId("appspos-status")).toHaveCount(0);
});

test("503 on every 3rd call and answers lost after every 4th commit: 6 sales, 6 charges, no duplicate", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await control(request, "__sandbox/appspos/in-process", { polls: 1 });
  await control(request, "__control/appspos/faults", {
    unavailableEvery: 3,
    dropAfterCommitEvery: 4,
  });
  await login(page);
  for (let sale = 1; sale <= 6; sale += 1) {
    const code = `QR-20261201-FA17-${String(100 + sale).padStart(7, "0")}`;
    await control(request, "__sandbox/appspos/codes", { code, voucher: "1000.00" });
    await ringUp(page);
    await order(page, code);
    await expect(page.getByTestId("appspos-release")).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("appspos-voucher")).toHaveAttribute("data-value", "1000.00");
    await page.getByTestId("appspos-release").click();
    await expect(page.getByTestId("sale-result")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("appspos-paid")).toHaveAttribute("data-value", "15500.00");
    await page.getByTestId("sale-new").click();
  }
  await expect(page.getByTestId("outbox-pending")).toHaveText("0", { timeout: 60_000 });
  const { charges, duplicateCharges, transactions, dropped } = await ledger(request);
  expect(charges).toHaveLength(6);
  expect(duplicateCharges).toBe(0);
  expect(dropped).toBeGreaterThan(0);
  expect(transactions.every((t) => t.state === "completed")).toBe(true);
});

test("a voucher sale with a split: the app pays what it holds, the rest in cash, exact to the tiyin", async ({
  page,
  request,
}) => {
  await login(page);
  await ringUp(page);
  await order(page, WALLET_5K);
  // 16 500 less the app's 1 000 voucher, spread over the two lines.
  await expect(page.getByTestId("appspos-voucher")).toHaveAttribute("data-value", "1000.00");
  await expect(page.getByTestId("appspos-payable")).toHaveAttribute("data-value", "15500.00");
  await page.getByTestId("appspos-release").click();
  // Paid 5 000 in the app: the payment dialog asks for the other 10 500.
  await expect(page.getByTestId("pay-cash-input")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("total-due")).toHaveAttribute("data-value", "10500.00");
  await page.getByTestId("pay-cash-input").fill("20000");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-result")).toBeVisible();
  await expect(page.getByTestId("appspos-paid")).toHaveAttribute("data-value", "5000.00");
  await expect(page.getByTestId("appspos-voucher")).toHaveAttribute("data-value", "1000.00");
  await expect(page.getByTestId("sale-change")).toHaveAttribute("data-value", "9500.00");
  await expect(page.getByTestId("sale-status")).toHaveText("sent");
  // The receipt names the voucher and the app's payment, the cash beside them.
  const printed = page.getByTestId("printed-receipt");
  await expect(page.getByTestId("receipt-bill-discount")).toContainText("AppsPOS voucher");
  await expect(page.getByTestId("receipt-bill-discount")).toContainText("1,000.00");
  await expect(printed).toContainText("Paid in the app");
  await expect(printed).toContainText("5,000.00");
  await expect(printed).toContainText("Cash");
  await expect(printed).not.toContainText("Cashback");
  const { charges, duplicateCharges, transactions } = await ledger(request);
  expect(charges.map((c) => c.amount)).toEqual(["5000.00"]);
  expect(duplicateCharges).toBe(0);
  expect(transactions[0].state).toBe("completed");
  expect(transactions[0].total_payable).toBe("15500.00");
});

test("a sale paid in the app is refunded to the app once, through 503s and lost answers", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await login(page);
  await ringUp(page);
  await order(page, VOUCHER_10K);
  await releaseAndFinish(page);
  const number = await page.getByTestId("receipt-number").textContent();
  await page.getByTestId("sale-new").click();
  await control(request, "__control/appspos/faults", {
    unavailableEvery: 2,
    dropAfterCommitEvery: 1,
  });

  await page.getByTestId("refund-open").click();
  await page.getByTestId("refund-receipt-input").fill(number);
  await page.getByTestId("refund-find").click();
  // Only the whole receipt goes back to the app.
  await page.getByTestId("refund-line").first().getByTestId("refund-line-qty").fill("1");
  await expect(page.getByTestId("refund-error")).toBeVisible();
  await page.getByTestId("refund-whole").click();
  await expect(page.getByTestId("refund-total")).toHaveAttribute("data-value", "6500.00");
  await expect(page.getByTestId("refund-in-app")).toHaveAttribute("data-value", "6500.00");
  await expect(page.getByTestId("refund-cash")).toHaveAttribute("data-value", "0.00");
  await page.getByTestId("refund-submit").click();
  await expect(page.getByTestId("refund-status")).toHaveText("queued");
  await expect(page.getByTestId("outbox-pending")).toHaveText("0", { timeout: 60_000 });
  const { refunds, dropped } = await ledger(request);
  expect(dropped).toBeGreaterThan(0);
  expect(refunds).toHaveLength(1);
  expect(refunds[0].amount).toBe("6500.00");
  expect(refunds[0].transaction_qrcode).toBe(VOUCHER_10K);
  // Nothing is left to give back.
  await page.keyboard.press("Escape");
  await page.getByTestId("refund-open").click();
  await page.getByTestId("refund-receipt-input").fill(number);
  await page.getByTestId("refund-find").click();
  await expect(page.getByTestId("refund-exhausted")).toBeVisible();
  expect((await ledger(request)).refunds).toHaveLength(1);
});

test("a wrong secret is a clear error at the first call", async ({ page, request }) => {
  await login(page, { secret: "not-the-secret" });
  await ringUp(page);
  await order(page, NO_VOUCHER);
  await expect(page.getByTestId("appspos-trouble")).toContainText("API key or secret");
  await expect(page.getByTestId("appspos-release")).toHaveCount(0);
  const { transactions, requests } = await ledger(request);
  expect(transactions).toHaveLength(0);
  expect(requests).toBe(1);
});

test("not a transaction code: said so, nothing sent", async ({ page, request }) => {
  await login(page);
  await ringUp(page);
  await order(page, "0b7e3c1a-9d2f-4e6b-8a15-3c4d5e6f7a8b");
  await expect(page.getByTestId("scan-error")).toBeVisible();
  expect((await ledger(request)).requests).toBe(0);
});

test("a demo AppsPOS sale, with the demo's sample codes", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("login-provider").selectOption("appspos");
  await page.getByTestId("login-demo").click();
  await ringUp(page);
  await page.getByTestId("scan-open").click();
  await page.getByText("Demo transaction codes").click();
  await page.getByRole("button", { name: /voucher 10000/ }).click();
  await expect(page.getByTestId("scan-manual-input")).toHaveValue(VOUCHER_10K);
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("appspos-voucher")).toHaveAttribute("data-value", "10000.00");
  await releaseAndFinish(page);
  await expect(page.getByTestId("appspos-paid")).toHaveAttribute("data-value", "6500.00");
});
