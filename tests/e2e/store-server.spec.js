import { test, expect, scan } from "./fixtures.js";
import { sandboxPort } from "../../playwright.config.js";
import { WATER } from "./screens.js";

// srv4pos as the store server, against the sandbox's store server
// (tests/sandbox/src/srv4pos.rs, its ledger in srv4pos/ledger.rs) on its own
// port: every call is a real cross-origin request with its preflight.
const API = `http://127.0.0.1:${sandboxPort}`;
const STORE = `${API}/srv4pos/v45/UZ301234567`;
const KEY = "sandbox-srv4pos-key";
const REGISTER = "Till 1";
const AUTH = { Authorization: `Basic ${Buffer.from(KEY).toString("base64")}` };
const DILNOZA = "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11";

async function post(request, path, data) {
  const response = await request.post(`${API}${path}`, { data });
  expect(response.ok(), path).toBeTruthy();
}

const storeFaults = (request, faults) => post(request, "/srv4pos/__control/ledger/faults", faults);

async function storeLedger(request) {
  return (await request.get(`${API}/srv4pos/__control/ledger`)).json();
}

// The demo's water, as the store server's catalog has it: 3 571.43 net of
// 12 % VAT sells at 4 000.00.
const SERVER_WATER = {
  identifier: "p-water", name: "Water Hydrolife 1.5 l", netto: 357143, tax: "vat12",
  barcodes: [WATER.barcode], classCode: "02201001001000000", unit: "pcs", custom: "",
};

test.beforeEach(async ({ request }) => {
  await post(request, "/srv4pos/__control/reset", {});
  await post(request, "/__control/reset", {});
  await post(request, "/srv4pos/__control/catalog", { changed: { products: [SERVER_WATER] } });
});

/** Opens a shift on `provider` with the sandbox's store server. */
async function login(page, { provider = "none" } = {}) {
  await page.goto("/");
  await page.getByTestId("login-provider").selectOption(provider);
  if (provider === "aos") {
    await page.getByTestId("login-base-url").fill(API);
    await page.getByTestId("login-branch-token").fill("sandbox-branch-token");
  }
  await page.getByTestId("login-store-server").selectOption("srv4pos");
  await page.getByTestId("login-srv4pos-url").fill(STORE);
  await page.getByTestId("login-srv4pos-key").fill(KEY);
  await page.getByTestId("login-register-name").fill(REGISTER);
  await page.getByTestId("login-cashier").fill("Aziza");
  await page.getByTestId("login-opening-cash").fill("100 000");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
}

/** One water (4 000) paid in cash. */
async function sellWater(page) {
  await scan(page, WATER.barcode);
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("5000");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-result")).toBeVisible();
}

const distinctSales = async (request) => (await storeLedger(request)).distinctSales;

test("a sale reaches srv4pos exactly once through 503s and a dropped answer", async ({ page, request }) => {
  test.setTimeout(60_000);
  await login(page);
  await storeFaults(request, { unavailableNext: 2, dropNext: 1 });
  await sellWater(page);
  await expect(page.getByTestId("sale-status")).toHaveText("queued");
  // Backoff after each unknown outcome: about 1–2 s, 2–4 s, 4–8 s.
  await expect(page.getByTestId("sale-status")).toHaveText("sent", { timeout: 30_000 });
  await expect(page.getByTestId("outbox-pending")).toHaveText("0");
  const ledger = await storeLedger(request);
  expect(ledger.distinctSales).toBe(1);
  expect(ledger.seen.dropped).toBe(1);
  expect(ledger.seen.replays).toBe(1);
  const [sale] = ledger.sales;
  expect(sale.body.cashRegisterName).toBe(REGISTER);
  expect(sale.body.lines[0].amount).toBe(400000);
  expect(sale.body.payments).toEqual([{ type: "CASH", amount: 400000 }]);
  expect(sale.identifier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

  // Printing confirms the receipt; asking again is done, not an error.
  await page.evaluate(() => (window.print = () => {}));
  await page.getByTestId("receipt-print").click();
  await expect.poll(async () => (await storeLedger(request)).sales[0].receiptPrinted).toBe(true);
  await page.getByTestId("receipt-print").click();
  await expect(page.getByTestId("outbox-pending")).toHaveText("0");
  await expect(page.getByTestId("store-server-problem")).toHaveCount(0);
});

test("a sale with the loyalty server down still reaches srv4pos", async ({ page, request }) => {
  await login(page, { provider: "aos" });
  await scan(page, WATER.barcode);
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill(DILNOZA);
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Dilnoza Rahimova");
  await post(request, "/__control/faults", { transactionsUnavailablePercent: 100 });
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("5000");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-result")).toBeVisible();

  // The store server's lane does not wait for the loyalty one.
  await expect.poll(() => distinctSales(request)).toBe(1);
  await expect(page.getByTestId("sale-status")).toHaveText("queued");
  await expect(page.getByTestId("outbox-pending")).toHaveText("1");
  expect((await (await request.get(`${API}/__control/ledger`)).json()).receipts).toHaveLength(0);

  await post(request, "/__control/faults", {});
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(page.getByTestId("sale-status")).toHaveText("sent");
  await expect(page.getByTestId("outbox-pending")).toHaveText("0");
  expect(await distinctSales(request)).toBe(1);
});

test("cash out reaches srv4pos and the Z report shows the server's figures beside Kassa's", async ({ page, request }) => {
  await login(page);
  await sellWater(page);
  await expect(page.getByTestId("sale-status")).toHaveText("sent");
  await page.getByTestId("sale-new").click();

  await page.getByTestId("report-x").click();
  await page.getByTestId("cash-kind").selectOption("out");
  await page.getByTestId("cash-amount").fill("1 000,50");
  await page.getByTestId("cash-reason").fill("to the safe");
  await page.getByTestId("cash-submit").click();
  await expect
    .poll(async () => (await storeLedger(request)).movements.map((m) => [m.register, m.body.amount, m.body.reason]))
    .toEqual([[REGISTER, -100050, "to the safe"]]);
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await page.getByTestId("report-x").click();
  await expect(page.getByTestId("report-server-total")).toHaveAttribute("data-value", "4000.00");
  await expect(page.getByTestId("report-server-diff")).toHaveText("The store server's figures agree with Kassa's");
  await page.getByRole("button", { name: "Close", exact: true }).click();

  // Another till's sale on the same server day: the Z says where they differ.
  const other = (await storeLedger(request)).sales[0].body;
  const response = await request.post(`${STORE}/sales`, {
    headers: AUTH,
    data: { ...other, identifier: "0e8f5c1a-1111-4aaa-8bbb-000000000001", cashRegisterName: "Till 2" },
  });
  expect(response.status()).toBe(201);
  await page.getByTestId("shift-close").click();
  await page.getByTestId("report-counted").fill("102 999,50");
  await page.getByTestId("report-z").click();
  await expect(page.getByTestId("report-z-result")).toBeVisible();
  await expect(page.getByTestId("report-server-total")).toHaveAttribute("data-value", "8000.00");
  await expect(page.getByTestId("report-server-diff")).toContainText("Sales: Kassa 1, server 2");
  await expect(page.getByTestId("report-server-diff")).toContainText("Total: Kassa 4000.00, server 8000.00");
  const days = await (await request.get(`${STORE}/days`, { headers: AUTH })).json();
  expect(days[0].closed).not.toBeNull();
});

test("a rejected API key pauses the store lane: log in again, nothing is lost", async ({ page, request }) => {
  test.setTimeout(45_000);
  await login(page);
  await storeFaults(request, { refuseNext: 1, refuseStatus: 401 });
  await sellWater(page);
  await expect(page.getByTestId("store-server-problem")).toHaveText(
    "The store server rejected the API key: log in again",
  );
  await expect(page.getByTestId("sale-status")).toHaveText("queued");
  await expect(page.getByTestId("outbox-pending")).toHaveText("1");
  expect(await distinctSales(request)).toBe(0);

  await page.getByTestId("sale-new").click();
  await page.getByTestId("relogin").click();
  // The address and the register are remembered; the key is typed again.
  await expect(page.getByTestId("login-srv4pos-url")).toHaveValue(STORE);
  await expect(page.getByTestId("login-register-name")).toHaveValue(REGISTER);
  await expect(page.getByTestId("login-srv4pos-key")).toHaveValue("");
  await login(page);
  // The reloaded page is a new tab for the sender lease: it sends once the
  // old page's lease (15 s) has run out.
  await expect.poll(() => distinctSales(request), { timeout: 20_000 }).toBe(1);
  await expect(page.getByTestId("outbox-pending")).toHaveText("0");
  await expect(page.getByTestId("store-server-problem")).toHaveCount(0);
});

test("a closed day keeps the sale queued with a clear reason", async ({ page, request }) => {
  await login(page);
  await storeFaults(request, { dayClosed: true });
  await sellWater(page);
  await expect(page.getByTestId("store-server-problem")).toContainText("The day is closed on the store server");
  await expect(page.getByTestId("sale-status")).toHaveText("queued");
  await storeFaults(request, {});
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(page.getByTestId("sale-status")).toHaveText("sent");
  expect(await distinctSales(request)).toBe(1);
});

test("another till under the same register name is warned about", async ({ page, request }) => {
  const baseline = page.waitForResponse((r) => r.url().includes("/registrations/Till%201/version"));
  await login(page);
  await baseline;
  await expect(page.getByTestId("register-conflict")).toHaveCount(0);
  const response = await request.post(`${STORE}/registrations/Till%201/balance`, {
    headers: AUTH,
    data: { amount: 5000, reason: "float", identifier: "7c1d2e3f-0000-4aaa-8bbb-000000000002" },
  });
  expect(response.status()).toBe(204);
  await sellWater(page);
  await expect(page.getByTestId("sale-status")).toHaveText("sent");
  await expect(page.getByTestId("register-conflict")).toBeVisible();
});

test("a refund reaches srv4pos as a refund sale naming its original", async ({ page, request }) => {
  await login(page);
  await sellWater(page);
  await expect(page.getByTestId("sale-status")).toHaveText("sent");
  const number = await page.getByTestId("receipt-number").textContent();
  await page.getByTestId("sale-new").click();
  await page.getByTestId("refund-open").click();
  await page.getByTestId("refund-receipt-input").fill(number);
  await page.getByTestId("refund-find").click();
  await expect(page.getByTestId("refund-original")).toHaveText(number);
  await page.getByTestId("refund-line").first().getByTestId("refund-line-qty").fill("1");
  await page.getByTestId("refund-submit").click();
  await expect(page.getByTestId("refund-status")).toHaveText("sent");
  const [sale, refund] = (await storeLedger(request)).sales;
  expect(sale.receiptNumber).toBe(number);
  expect(refund.refund).toBe(true);
  expect(refund.original).toBe(sale.identifier);
  expect(refund.body.payments).toEqual([{ type: "CASH", amount: 400000 }]);
});
