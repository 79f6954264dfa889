// Refunds (issue 17): a past receipt of this till found by its number, a
// line or the whole receipt taken back, the loyalty side reversed once —
// on the demo backend and against the sandbox (AOS and Capillary).
import { test, expect, scan } from "./fixtures.js";
import { sandboxPort } from "../../playwright.config.js";
import { JASUR, WATER, COLA, openDemo } from "./screens.js";

const SANDBOX = `http://127.0.0.1:${sandboxPort}`;
const DILNOZA_AOS = "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11"; // 125 000.50, 5 %
const DILNOZA_MOBILE = "998901234567"; // Capillary Gold, 6 420 points
const COFFEE = "4781000019181"; // 54 900
const SHAMPOO = "4781000028770"; // 58 900

async function control(request, path, data) {
  const response = await request.post(`${SANDBOX}/__control/${path}`, { data });
  expect(response.ok()).toBeTruthy();
}

async function payCash(page, amount) {
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill(amount);
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-result")).toBeVisible();
}

/** The sale on screen's receipt number; the checkout is then ready again. */
async function finishSale(page, status) {
  await expect(page.getByTestId("sale-status")).toHaveText(status);
  const number = await page.getByTestId("receipt-number").textContent();
  await page.getByTestId("sale-new").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  return number;
}

async function openRefund(page, number) {
  await page.getByTestId("refund-open").click();
  await page.getByTestId("refund-receipt-input").fill(number);
  await page.getByTestId("refund-find").click();
  await expect(page.getByTestId("refund-original")).toHaveText(number);
}

async function weighedApples(page, kilograms) {
  await page.getByTestId("item-add-manual").click();
  await page.getByTestId("item-name").fill("Apples Golden");
  await page.getByTestId("item-price").fill("18 990");
  await page.getByTestId("item-qty").fill(kilograms);
  await page.getByTestId("item-save").click();
}

const refundPart = /\/kassa-[0-9a-f]+-refund\.wasm$/;

test("a weighed line is refunded in parts, never beyond what is left; the X report counts the refunds", async ({ page }) => {
  const fetched = [];
  page.on("request", (request) => fetched.push(request.url()));
  await page.goto("/");
  await openDemo(page);
  await scan(page, WATER.barcode);
  // 1,5 kg × 18 990 = 28 485.00; with the water 32 485.00.
  await weighedApples(page, "1,5");
  await expect(page.getByTestId("total-due")).toHaveAttribute("data-value", "32485.00");
  await payCash(page, "32 485");
  const number = await finishSale(page, "recorded");
  // The refund dialog is a part of its own, fetched when first opened.
  expect(fetched.filter((url) => refundPart.test(url))).toEqual([]);

  // An unknown number is said so.
  await page.getByTestId("refund-open").click();
  await page.getByTestId("refund-receipt-input").fill("no-such-receipt");
  await page.getByTestId("refund-find").click();
  await expect(page.getByTestId("refund-error")).toHaveText("No receipt with this number at this till");
  await page.getByTestId("refund-receipt-input").fill(number);
  await page.getByTestId("refund-find").click();
  await expect(page.getByTestId("refund-line")).toHaveCount(2);
  expect(fetched.filter((url) => refundPart.test(url))).toHaveLength(1);
  const apples = page.getByTestId("refund-line").nth(1);
  await expect(apples.getByTestId("refund-line-left")).toHaveAttribute("data-value", "1.5");

  // 0,5 kg back: its share of the line, in cash as it was paid.
  await apples.getByTestId("refund-line-qty").fill("0,5");
  await expect(page.getByTestId("refund-total")).toHaveAttribute("data-value", "9495.00");
  await expect(page.getByTestId("refund-cash")).toHaveAttribute("data-value", "9495.00");
  await expect(page.getByTestId("refund-card")).toHaveAttribute("data-value", "0.00");
  await page.getByTestId("refund-submit").click();
  await expect(page.getByTestId("refund-status")).toHaveText("recorded");
  const firstRefund = await page.getByTestId("refund-number").textContent();
  expect(firstRefund).not.toBe(number);

  // The printed refund receipt names the original.
  const printed = page.getByTestId("printed-refund");
  await expect(printed).toBeHidden();
  await page.emulateMedia({ media: "print" });
  for (const text of ["REFUND", firstRefund, number, "Apples Golden", "0.5 × 18,990.00", "9,495.00", "Cash"]) {
    await expect(printed).toContainText(text);
  }
  await page.emulateMedia({ media: "screen" });

  // 1 kg is left: more is refused, 1 kg is taken.
  await expect(apples.getByTestId("refund-line-left")).toHaveAttribute("data-value", "1");
  await apples.getByTestId("refund-line-qty").fill("1,5");
  await expect(page.getByTestId("refund-error")).toHaveText("More than is left to return on this line");
  await page.getByTestId("refund-submit").click();
  await expect(page.getByTestId("refund-number")).toHaveText(firstRefund);
  await apples.getByTestId("refund-line-qty").fill("1");
  // What is left of the line lands exactly on it: 28 485 − 9 495.
  await expect(page.getByTestId("refund-total")).toHaveAttribute("data-value", "18990.00");
  await page.getByTestId("refund-submit").click();
  await expect(page.getByTestId("refund-number")).not.toHaveText(firstRefund);
  await expect(page.getByTestId("refund-status")).toHaveText("recorded");
  // The apples are all back: only the water is offered.
  await expect(page.getByTestId("refund-line")).toHaveCount(1);
  await expect(page.getByTestId("refund-line-done")).toHaveCount(1);
  await page.keyboard.press("Escape");

  await page.getByTestId("report-x").click();
  await expect(page.getByTestId("report-refunds-count")).toHaveText("2");
  await expect(page.getByTestId("report-refund-total")).toHaveAttribute("data-value", "28485.00");
  await expect(page.getByTestId("report-refund-cash")).toHaveAttribute("data-value", "28485.00");
  await expect(page.getByTestId("report-net-total")).toHaveAttribute("data-value", "4000.00");
  const opening = Number(await page.getByTestId("report-opening-cash").getAttribute("data-value"));
  await expect(page.getByTestId("report-expected-cash")).toHaveAttribute("data-value", (opening + 4000).toFixed(2));
});

test("a whole receipt with cashback is refunded once: cashback given back, earned cashback taken back", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  await scan(page, WATER.barcode);
  await scan(page, COLA.barcode);
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill(JASUR);
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-balance")).toHaveAttribute("data-value", "8200.00");
  await page.getByTestId("bonus-open").click();
  await page.getByTestId("bonus-max").click();
  await page.getByTestId("bonus-apply").click();
  // 16 500 − 8 200 = 8 300 in cash; earned round(8 300 × 3 %) = 249.
  await payCash(page, "8 300");
  await expect(page.getByTestId("bonus-earned")).toHaveAttribute("data-value", "249.00");
  const number = await finishSale(page, "sent");

  await openRefund(page, number);
  await page.getByTestId("refund-whole").click();
  await expect(page.getByTestId("refund-total")).toHaveAttribute("data-value", "16500.00");
  await expect(page.getByTestId("refund-cash")).toHaveAttribute("data-value", "8300.00");
  await expect(page.getByTestId("refund-cashback-back")).toHaveAttribute("data-value", "8200.00");
  await expect(page.getByTestId("refund-cashback-taken-back")).toHaveAttribute("data-value", "249.00");
  await page.getByTestId("refund-submit").click();
  await expect(page.getByTestId("refund-status")).toHaveText("sent");
  // 249 + 8 200 − 249.
  await expect(page.getByTestId("refund-new-balance")).toHaveAttribute("data-value", "8200.00");
  await expect(page.getByTestId("outbox-pending")).toHaveText("0");
  await expect(page.getByTestId("refund-exhausted")).toBeVisible();
  await expect(page.getByTestId("refund-line")).toHaveCount(0);
  await expect(page.getByTestId("refund-submit")).toBeDisabled();

  // Found again later: nothing left to take back.
  await page.keyboard.press("Escape");
  await openRefund(page, number);
  await expect(page.getByTestId("refund-exhausted")).toBeVisible();
  await expect(page.getByTestId("refund-submit")).toBeDisabled();
});

for (const [lang, words] of [
  ["ru", ["ВОЗВРАТ", "Исходный чек", "12 500,00", "Наличные"]],
  ["uz", ["QAYTARISH", "Asl chek", "12 500,00", "Naqd"]],
]) {
  test(`the refund receipt in ${lang} names the original receipt`, async ({ page }) => {
    await page.goto("/");
    await openDemo(page);
    await page.getByTestId("lang-select").selectOption(lang);
    await scan(page, COLA.barcode);
    await payCash(page, "12 500");
    const number = await finishSale(page, "recorded");
    await openRefund(page, number);
    await page.getByTestId("refund-whole").click();
    await expect(page.getByTestId("refund-total")).toHaveAttribute("data-value", "12500.00");
    await page.getByTestId("refund-submit").click();
    await expect(page.getByTestId("refund-status")).toHaveText("recorded");
    await page.emulateMedia({ media: "print" });
    const printed = page.getByTestId("printed-refund");
    await expect(printed).toBeVisible();
    for (const text of [...words, number, await page.getByTestId("refund-number").textContent()]) {
      await expect(printed).toContainText(text);
    }
    await page.emulateMedia({ media: "screen" });
  });
}

test("a line refunded in another tab meanwhile is refused here, and the lines are read again", async ({ page, context }) => {
  await page.goto("/");
  await openDemo(page);
  await scan(page, COLA.barcode);
  await payCash(page, "12 500");
  const number = await finishSale(page, "recorded");

  // The second tab of the same till resumes the shift.
  const other = await context.newPage();
  await other.goto("/");
  await expect(other.getByTestId("cart-empty")).toBeVisible();

  await openRefund(page, number);
  await page.getByTestId("refund-line").first().getByTestId("refund-line-all").click();
  await expect(page.getByTestId("refund-total")).toHaveAttribute("data-value", "12500.00");

  await openRefund(other, number);
  await other.getByTestId("refund-whole").click();
  await other.getByTestId("refund-submit").click();
  await expect(other.getByTestId("refund-status")).toHaveText("recorded");

  await page.getByTestId("refund-submit").click();
  await expect(page.getByTestId("refund-error")).toHaveText(
    "This receipt was refunded meanwhile (another window?): look at it again",
  );
  await expect(page.getByTestId("refund-exhausted")).toBeVisible();
  await expect(page.getByTestId("refund-result")).toHaveCount(0);

  await page.keyboard.press("Escape");
  await page.getByTestId("report-x").click();
  await expect(page.getByTestId("report-refunds-count")).toHaveText("1");
  await expect(page.getByTestId("report-refund-total")).toHaveAttribute("data-value", "12500.00");
  await other.close();
});

async function loginAos(page) {
  await page.goto("/");
  await page.getByTestId("login-base-url").fill(SANDBOX);
  await page.getByTestId("login-branch-token").fill("sandbox-branch-token");
  await page.getByTestId("login-cashier").fill("Aziza");
  await page.getByTestId("login-opening-cash").fill("100 000");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
}

/** Coffee and shampoo (113 800) to Dilnoza, 10 000 cashback, card 50 000 + cash. */
async function sellToDilnoza(page) {
  await scan(page, COFFEE);
  await scan(page, SHAMPOO);
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill(DILNOZA_AOS);
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-balance")).toHaveAttribute("data-value", "125000.50");
  await page.getByTestId("bonus-open").click();
  await page.getByTestId("bonus-input").fill("10 000");
  await page.getByTestId("bonus-apply").click();
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-card-input").fill("50 000");
  await page.getByTestId("pay-cash-input").fill("53 800");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("new-balance")).toHaveAttribute("data-value", "120190.50");
  return finishSale(page, "sent");
}

async function aosLedger(request) {
  return (await request.get(`${SANDBOX}/__control/ledger`)).json();
}

async function aosBalance(request) {
  const { customers } = await aosLedger(request);
  return customers.find((c) => c.client === DILNOZA_AOS).balance;
}

test.describe("against the sandbox", () => {
  test.beforeEach(async ({ request }) => {
    await control(request, "reset");
  });

  test("an AOS refund gives back the cashback spent and takes back what was earned, as the contract says", async ({ page, request }) => {
    await loginAos(page);
    const number = await sellToDilnoza(page);
    await openRefund(page, number);
    await page.getByTestId("refund-whole").click();
    await expect(page.getByTestId("refund-total")).toHaveAttribute("data-value", "113800.00");
    await expect(page.getByTestId("refund-cashback-back")).toHaveAttribute("data-value", "10000.00");
    await expect(page.getByTestId("refund-card")).toHaveAttribute("data-value", "50000.00");
    await expect(page.getByTestId("refund-cash")).toHaveAttribute("data-value", "53800.00");
    await expect(page.getByTestId("refund-cashback-taken-back")).toHaveAttribute("data-value", "5190.00");
    // All back in cash instead: the card gets nothing.
    await page.getByTestId("refund-tender").selectOption("cash");
    await expect(page.getByTestId("refund-card")).toHaveAttribute("data-value", "0.00");
    await expect(page.getByTestId("refund-cash")).toHaveAttribute("data-value", "103800.00");
    // A split of the cashier's: never more to the card than it took.
    await page.getByTestId("refund-tender").selectOption("split");
    await page.getByTestId("refund-card-input").fill("60 000");
    await expect(page.getByTestId("refund-error")).toHaveText(
      "More back on the card than the card has left to take back",
    );
    await page.getByTestId("refund-card-input").fill("20 000");
    await expect(page.getByTestId("refund-error")).toHaveCount(0);
    await expect(page.getByTestId("refund-card")).toHaveAttribute("data-value", "20000.00");
    await expect(page.getByTestId("refund-cash")).toHaveAttribute("data-value", "83800.00");
    await page.getByTestId("refund-tender").selectOption("as-paid");
    await page.getByTestId("refund-submit").click();
    await expect(page.getByTestId("refund-status")).toHaveText("sent");
    // balance + bonusReturned − bonusTakenBack = 120 190.50 + 10 000 − 5 190.
    await expect(page.getByTestId("refund-new-balance")).toHaveAttribute("data-value", "125000.50");
    expect(await aosBalance(request)).toBe(125000.5);
    const state = await aosLedger(request);
    expect(state.refunds).toHaveLength(1);
    expect(state.refunds[0].originalRNumber).toBe(number);
    expect(Number(state.refunds[0].bonusReturned)).toBe(10000);
    expect(Number(state.refunds[0].bonusTakenBack)).toBe(5190);
    // The journal's refund record keeps how its loyalty side ended.
    const stored = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open("kassa");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction("refunds").objectStore("refunds").getAll();
            all.onerror = () => reject(all.error);
            all.onsuccess = () => resolve(all.result);
          };
        }),
    );
    expect(stored).toHaveLength(1);
    const record = JSON.parse(stored[0]);
    expect(record.original).toBe(number);
    expect(record.loyalty).toEqual({ outcome: "reversed", cashbackTakenBack: "5190.00" });

    await page.keyboard.press("Escape");
    await page.getByTestId("report-x").click();
    await expect(page.getByTestId("report-refund-card")).toHaveAttribute("data-value", "50000.00");
    await expect(page.getByTestId("report-net-card")).toHaveAttribute("data-value", "0.00");
    await expect(page.getByTestId("report-expected-cash")).toHaveAttribute("data-value", "100000.00");
  });

  test("a refund made offline is paid out, queued, and posted once when the till is back online", async ({ page, context, request }) => {
    await loginAos(page);
    const number = await sellToDilnoza(page);
    // The dialog's part is downloaded before the network goes.
    await openRefund(page, number);
    await context.setOffline(true);
    // The shampoo only.
    await page.getByTestId("refund-line").nth(1).getByTestId("refund-line-qty").fill("1");
    await expect(page.getByTestId("refund-total")).toHaveAttribute("data-value", "58900.00");
    const back = Number(await page.getByTestId("refund-cashback-back").getAttribute("data-value"));
    const takenBack = Number(await page.getByTestId("refund-cashback-taken-back").getAttribute("data-value"));
    await page.getByTestId("refund-submit").click();
    await expect(page.getByTestId("refund-status")).toHaveText("queued");
    await expect(page.getByTestId("outbox-pending")).toHaveText("1");
    expect((await aosLedger(request)).refunds).toHaveLength(0);

    await context.setOffline(false);
    await expect(page.getByTestId("refund-status")).toHaveText("sent", { timeout: 15_000 });
    await expect(page.getByTestId("outbox-pending")).toHaveText("0");
    const state = await aosLedger(request);
    expect(state.refunds).toHaveLength(1);
    expect(state.refundReplays).toBe(0);
    expect(Number(state.refunds[0].bonusReturned)).toBe(back);
    expect(Number(state.refunds[0].bonusTakenBack)).toBe(takenBack);
    expect(await aosBalance(request)).toBeCloseTo(120190.5 + back - takenBack, 2);
    // Only the coffee is left to refund.
    await expect(page.getByTestId("refund-line")).toHaveCount(1);
    await expect(page.getByTestId("refund-line-name")).toHaveText("Coffee Nescafe Gold 95 g");
  });

  test("a Capillary return takes back the points the bill earned", async ({ page, request }) => {
    await page.goto("/");
    await page.getByTestId("login-provider").selectOption("capillary");
    await page.getByTestId("login-base-url").fill(`${SANDBOX}/capillary`);
    await page.getByTestId("login-till-code").fill("kassa-demo");
    await page.getByTestId("login-password").fill("demo-2026");
    await page.getByTestId("login-cashier").fill("Aziza");
    await page.getByTestId("login-opening-cash").fill("0");
    await page.getByTestId("login-submit").click();
    await expect(page.getByTestId("cart-empty")).toBeVisible();
    await scan(page, WATER.barcode);
    await scan(page, COLA.barcode);
    await page.getByTestId("scan-open").click();
    await page.getByTestId("scan-manual-input").fill(DILNOZA_MOBILE);
    await page.getByTestId("scan-manual-submit").click();
    await expect(page.getByTestId("customer-points")).toHaveAttribute("data-value", "6420");
    await payCash(page, "16 500");
    // Gold: 16 × 2 points.
    await expect(page.getByTestId("points-earned")).toHaveAttribute("data-value", "32");
    const number = await finishSale(page, "sent");

    await openRefund(page, number);
    await page.getByTestId("refund-whole").click();
    await expect(page.getByTestId("refund-points-taken-back")).toHaveAttribute("data-value", "32");
    await page.getByTestId("refund-submit").click();
    await expect(page.getByTestId("refund-status")).toHaveText("sent");
    await expect(page.getByTestId("refund-done-points-taken-back")).toHaveAttribute("data-value", "32");
    const { customers, bills } = await (await request.get(`${SANDBOX}/__control/capillary/ledger`)).json();
    expect(customers.find((c) => c.mobile === DILNOZA_MOBILE).points).toBe(6420);
    const returns = bills.filter((b) => b.kind === "return");
    expect(returns).toHaveLength(1);
    expect(returns[0].number).toBe(number);
    expect(returns[0].points_deducted).toBe(32);
  });
});

test.describe("on a print-resolution page", () => {
  // The page at 4 device pixels per CSS pixel, near a thermal printer's dots.
  test.use({ deviceScaleFactor: 4 });

  test("the printed receipt's barcode, read by a scanner, finds the sale to refund", async ({ page }) => {
    await page.goto("/");
    await openDemo(page);
    await scan(page, COLA.barcode);
    await payCash(page, "12 500");
    const number = await page.getByTestId("receipt-number").textContent();

    // The printed page's bars, photographed and read by zxing (not by Kassa).
    await page.emulateMedia({ media: "print" });
    const barcode = page.getByTestId("printed-receipt").getByTestId("receipt-barcode");
    await expect(barcode).toHaveAttribute("data-value", number);
    const photo = await barcode.screenshot({ scale: "device" });
    await page.emulateMedia({ media: "screen" });
    const { prepareZXingModule, readBarcodes } = await import("zxing-wasm/reader");
    const { readFileSync } = await import("node:fs");
    prepareZXingModule({
      overrides: { wasmBinary: readFileSync("node_modules/zxing-wasm/dist/reader/zxing_reader.wasm") },
      fireImmediately: true,
    });
    const [read] = await readBarcodes(new Uint8Array(photo), { formats: ["Code128"], tryHarder: true });
    expect(read?.text).toBe(number);

    await page.getByTestId("sale-new").click();
    await page.getByTestId("refund-open").click();
    await expect(page.getByTestId("refund-receipt-input")).toBeFocused();
    // The wedge scanner types what it read, then Enter.
    await page.keyboard.type(read.text, { delay: 5 });
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("refund-original")).toHaveText(number);
    await expect(page.getByTestId("refund-line")).toHaveCount(1);
  });
});
