import { test, expect, moneyOf, scan, stampedBurst } from "./fixtures.js";
import { COLA, JASUR, WATER, openDemo } from "./screens.js";

test("a full demo sale: scans, weighed item, cashback rules, split payment", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);

  // Two catalog products through the wedge field.
  await scan(page, WATER.barcode);
  await scan(page, COLA.barcode);
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByTestId("line-name").nth(1)).toHaveText("Coca-Cola 1.5 l");

  // An unknown barcode is refused beside the field and adds nothing.
  await scan(page, "4780000000000");
  await expect(page.getByTestId("item-error")).toBeVisible();
  await expect(page.getByTestId("cart-line")).toHaveCount(2);

  // A weighed item typed by hand: 0,750 kg × 18 990 = 14 242,50.
  await page.getByTestId("item-add-manual").click();
  await page.getByTestId("item-name").fill("Apples Golden");
  await page.getByTestId("item-price").fill("18 990");
  await page.getByTestId("item-qty").fill("abc");
  await page.getByTestId("item-save").click();
  await expect(page.getByTestId("item-error")).toBeVisible();
  await page.getByTestId("item-qty").fill("0,750");
  await page.getByTestId("item-save").click();
  await expect(page.getByTestId("cart-line")).toHaveCount(3);
  expect(await moneyOf(page.getByTestId("line-total").nth(2))).toBe("14242.50");

  // Two bottles of water, then the cola goes.
  await page.getByTestId("cart-line").nth(0).getByTestId("line-qty-plus").click();
  await expect(page.getByTestId("line-qty").nth(0)).toHaveAttribute("data-value", "2");
  await page.getByTestId("cart-line").nth(1).getByTestId("line-remove").click();
  await expect(page.getByTestId("cart-line")).toHaveCount(2);

  // 8 000 + 14 242.50 = 22 242.50; VAT 12/112: 857.14 + 1 525.98 = 2 383.12.
  await expect(page.getByTestId("total-before-bonus")).toHaveAttribute("data-value", "22242.50");
  await expect(page.getByTestId("vat-total")).toHaveAttribute("data-value", "2383.12");
  await expect(page.getByTestId("total-due")).toHaveAttribute("data-value", "22242.50");
  await expect(page.getByTestId("total-before-bonus")).toHaveText("22,242.50");

  // The customer, by the code from their app.
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill("not a code");
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("scan-error")).toHaveText("This QR code is not an AOS customer code");
  await page.getByTestId("scan-manual-input").fill(` ${JASUR} `);
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Jasur Tursunov");
  await expect(page.getByTestId("customer-balance")).toHaveAttribute("data-value", "8200.00");
  await expect(page.getByTestId("customer-percent")).toHaveText("3");

  // Cashback: more than the balance is refused; the maximum is accepted.
  await page.getByTestId("bonus-open").click();
  await page.getByTestId("bonus-input").fill("9 000");
  await page.getByTestId("bonus-apply").click();
  await expect(page.getByTestId("bonus-error")).toHaveText("More than the customer's cashback balance");
  await page.getByTestId("bonus-max").click();
  await expect(page.getByTestId("bonus-input")).toHaveValue("8,200.00");
  await page.getByTestId("bonus-apply").click();
  await expect(page.getByTestId("bonus-applied")).toHaveAttribute("data-value", "8200.00");
  // 22 242.50 − 8 200 = 14 042.50
  await expect(page.getByTestId("total-due")).toHaveAttribute("data-value", "14042.50");

  // Split: 10 000 by card, 5 000 cash handed over → change 957.50.
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-card-input").fill("10 000");
  await page.getByTestId("pay-cash-input").fill("3 000");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("pay-error")).toHaveText("Not enough money received");
  await page.getByTestId("pay-cash-input").fill("5 000");
  await expect(page.getByTestId("pay-change")).toHaveAttribute("data-value", "957.50");
  await page.getByTestId("pay-submit").click();

  // Earned: round(14 042.50 × 3 %) = 421.28; new balance 8 200 − 8 200 + 421.28.
  await expect(page.getByTestId("sale-result")).toBeVisible();
  await expect(page.getByTestId("sale-status")).toHaveText("sent");
  await expect(page.getByTestId("bonus-earned")).toHaveAttribute("data-value", "421.28");
  await expect(page.getByTestId("new-balance")).toHaveAttribute("data-value", "421.28");
  await page.screenshot({ path: "tests/e2e/artifacts/sale-result.png" });

  // The printed receipt: hidden on screen, alone on paper, 80 or 58 mm wide.
  const receipt = page.getByTestId("printed-receipt");
  await expect(receipt).toBeHidden();
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => (window.printed += 1);
  });
  await page.getByTestId("receipt-print").click();
  expect(await page.evaluate(() => window.printed)).toBe(1);
  await page.emulateMedia({ media: "print" });
  await expect(receipt).toBeVisible();
  const number = await page.getByTestId("receipt-number").textContent();
  for (const text of [number, "Water Hydrolife 1.5 l", "Apples Golden", "0.75 × 18,990.00", "14,242.50",
    "VAT 12%", "2,383.12", "22,242.50", "8,200.00", "14,042.50", "Card", "10,000.00", "Cash", "4,042.50",
    "957.50", "Cashback earned", "421.28", "Demo cashier"]) {
    await expect(receipt).toContainText(text);
  }
  const mm = (px) => (px * 25.4) / 96;
  expect(Math.round(mm((await receipt.boundingBox()).width))).toBe(80);
  await page.pdf({ path: "tests/e2e/artifacts/receipt-80mm.pdf", width: "80mm", height: "200mm" });
  await receipt.screenshot({ path: "tests/e2e/artifacts/receipt-80mm.png" });
  await page.emulateMedia({ media: "screen" });
  await page.getByTestId("receipt-paper").selectOption("58");
  await page.emulateMedia({ media: "print" });
  expect(Math.round(mm((await receipt.boundingBox()).width))).toBe(58);
  await page.pdf({ path: "tests/e2e/artifacts/receipt-58mm.pdf", width: "58mm", height: "200mm" });
  await receipt.screenshot({ path: "tests/e2e/artifacts/receipt-58mm.png" });
  await page.emulateMedia({ media: "screen" });

  await page.getByTestId("sale-new").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  await expect(page.getByTestId("scan-open")).toBeVisible();
});

test("a scan right after tapping a cart button adds the product, not another tap", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("login-demo").click();
  await scan(page, WATER.barcode);
  await page.getByTestId("line-qty-plus").click();
  await expect(page.getByTestId("line-qty")).toHaveAttribute("data-value", "2");
  // The scanner types while the focus is still on the "+" button.
  await page.keyboard.type(COLA.barcode, { delay: 5 });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByTestId("line-qty").nth(0)).toHaveAttribute("data-value", "2");
  await expect(page.getByTestId("line-name").nth(1)).toHaveText("Coca-Cola 1.5 l");
});

test("a hostile customer name renders as text", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  await page.goto("/");
  await page.getByTestId("login-demo").click();
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill("deadbeef-0000-4000-8000-000000000bad");
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-name")).toHaveText("<img src=x onerror=alert(1)>");
  await expect(page.locator("img")).toHaveCount(0);
  expect(dialogs).toBe(0);
  await page.getByTestId("customer-clear").click();
  await expect(page.getByTestId("scan-open")).toBeVisible();
});

test("totals follow the Russian number style, data-value stays plain", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("lang-select").selectOption("ru");
  await page.getByTestId("login-demo").click();
  await scan(page, COLA.barcode);
  await scan(page, COLA.barcode);
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByTestId("total-due")).toHaveText("25 000,00");
  await expect(page.getByTestId("total-due")).toHaveAttribute("data-value", "25000.00");
  await page.screenshot({ path: "tests/e2e/artifacts/checkout-ru.png", fullPage: true });
});

test("X and Z reports add up the shift from the journal", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("login-opening-cash").fill("100 000");
  await page.getByTestId("login-demo").click();

  // Sale 1, no customer: 12 500 + 4 000 = 16 500 in cash (20 000 handed over).
  await scan(page, COLA.barcode);
  await scan(page, WATER.barcode);
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("20 000");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-status")).toHaveText("recorded");
  await page.getByTestId("sale-new").click();

  // Sale 2: Jasur spends all 8 200 on coffee (54 900), 46 700 by card.
  await scan(page, "4781000019181");
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill(JASUR);
  await page.getByTestId("scan-manual-submit").click();
  await page.getByTestId("bonus-open").click();
  await page.getByTestId("bonus-max").click();
  await page.getByTestId("bonus-apply").click();
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-card-input").fill("46 700");
  await page.getByTestId("pay-submit").click();
  // round(46 700 × 3 %) = 1 401
  await expect(page.getByTestId("bonus-earned")).toHaveAttribute("data-value", "1401.00");
  await page.getByTestId("sale-new").click();

  await page.getByTestId("report-x").click();
  await expect(page.getByTestId("report-sales-count")).toHaveText("2");
  await expect(page.getByTestId("report-total")).toHaveAttribute("data-value", "71400.00");
  await expect(page.getByTestId("report-cash")).toHaveAttribute("data-value", "16500.00");
  await expect(page.getByTestId("report-card")).toHaveAttribute("data-value", "46700.00");
  // VAT 12/112: 1 339.29 + 428.57 + 5 882.14
  await expect(page.getByTestId("report-vat")).toHaveAttribute("data-value", "7650.00");
  await expect(page.getByTestId("report-cashback-spent")).toHaveAttribute("data-value", "8200.00");
  await expect(page.getByTestId("report-cashback-earned")).toHaveAttribute("data-value", "1401.00");
  await expect(page.getByTestId("report-expected-cash")).toHaveAttribute("data-value", "116500.00");

  // Any receipt of the shift can be printed again.
  await expect(page.getByTestId("journal-receipt")).toHaveCount(2);
  const second = await page.getByTestId("journal-receipt").nth(1).textContent();
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => (window.printed += 1);
  });
  await page.getByTestId("journal-reprint").nth(1).click();
  await expect.poll(() => page.evaluate(() => window.printed)).toBe(1);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("printed-receipt")).toContainText(second);
  await expect(page.getByTestId("printed-receipt")).toContainText("Coffee Nescafe Gold 95 g");
  await expect(page.getByTestId("printed-receipt")).toContainText("1,401.00");
  await page.emulateMedia({ media: "screen" });

  // Cash movements: each needs a reason, and no more can leave than is there.
  await page.getByTestId("cash-kind").selectOption("out");
  await page.getByTestId("cash-amount").fill("200 000");
  await page.getByTestId("cash-reason").fill("to the safe");
  await page.getByTestId("cash-submit").click();
  await expect(page.getByTestId("cash-error")).toHaveText("More than the cash in the drawer");
  await page.getByTestId("cash-kind").selectOption("in");
  await page.getByTestId("cash-amount").fill("10 000");
  await page.getByTestId("cash-reason").fill("");
  await page.getByTestId("cash-submit").click();
  await expect(page.getByTestId("cash-error")).toHaveText("Give a reason");
  await page.getByTestId("cash-reason").fill("float for change");
  await page.getByTestId("cash-submit").click();
  await expect(page.getByTestId("report-expected-cash")).toHaveAttribute("data-value", "126500.00");
  await page.getByTestId("cash-kind").selectOption("out");
  await page.getByTestId("cash-amount").fill("20 000");
  await page.getByTestId("cash-reason").fill("to the safe");
  await page.getByTestId("cash-submit").click();
  await expect(page.getByTestId("report-expected-cash")).toHaveAttribute("data-value", "106500.00");
  await page.getByRole("button", { name: "Close", exact: true }).click();

  await page.getByTestId("shift-close").click();
  await expect(page.getByTestId("report-expected-cash")).toHaveAttribute("data-value", "106500.00");
  await page.getByTestId("report-counted").fill("106 000");
  await page.getByTestId("report-z").click();
  await expect(page.getByTestId("report-z-result")).toContainText("Shortage");
  await expect(page.getByTestId("report-difference")).toHaveAttribute("data-value", "500.00");
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByTestId("login-submit")).toBeVisible();
  // The closed shift does not come back on reload.
  await page.reload();
  await expect(page.getByTestId("login-submit")).toBeVisible();
});

test("the demo server comes with the demo shift; one that cannot load reads as unreachable, then starts again", async ({ page }) => {
  const fetched = [];
  page.on("request", (r) => fetched.push(r.url()));
  let blocked = true;
  await page.route("**/demo_worker_bg.wasm", (route) => (blocked ? route.abort() : route.continue()));
  await page.goto("/");
  await expect(page.getByTestId("login-demo")).toBeVisible();
  expect(fetched.filter((url) => url.includes("demo_worker"))).toEqual([]);

  await openDemo(page);
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill(JASUR);
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("scan-error")).toContainText("The loyalty server cannot be reached");
  expect(fetched.some((url) => url.endsWith("/demo_worker_bg.wasm"))).toBe(true);

  blocked = false;
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Jasur Tursunov");
  await expect(page.getByTestId("customer-balance")).toHaveAttribute("data-value", "8200.00");
});

test("a barcode scanned into the payment form is undone and does not complete the sale; a code field takes scans", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  await scan(page, WATER.barcode);
  await page.getByTestId("pay-open").click();
  const cash = page.getByTestId("pay-cash-input");
  await cash.focus();
  await page.keyboard.type("12", { delay: 150 });
  // An EAN-8 code and Enter, as a keyboard-wedge scanner types them.
  await stampedBurst(page, "47810012");
  await expect(page.getByTestId("modal-scan-caught")).toBeVisible();
  await expect(cash).toHaveValue("12");
  await expect(page.getByTestId("sale-result")).toHaveCount(0);

  // A person typing an amount and pressing Enter pays as before.
  await cash.fill("");
  await page.keyboard.type("5000", { delay: 120 });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("sale-result")).toBeVisible();
  await page.getByTestId("sale-new").click();

  // A hardware QR scanner typing the customer's code is welcome in the code field.
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").focus();
  await page.keyboard.type(JASUR, { delay: 5 });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("customer-name")).toHaveText("Jasur Tursunov");
});



test("the X report draws the shift at a glance: receipts per hour and how customers paid", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  await expect(page.getByTestId("report-chart")).toHaveCount(0);
  for (const [barcode, tender, amount] of [[WATER.barcode, "cash", "4000"], [COLA.barcode, "card", "12500"]]) {
    await scan(page, barcode);
    await page.getByTestId("pay-open").click();
    await page.getByTestId(`pay-${tender}-input`).fill(amount);
    await page.getByTestId("pay-submit").click();
    await page.getByTestId("sale-new").click();
  }
  await page.getByTestId("report-x").click();
  const chart = page.getByTestId("report-chart");
  await expect(chart).toBeVisible();
  const hours = await chart.getByTestId("chart-hour").evaluateAll((bars) =>
    bars.map((bar) => Number(bar.dataset.value)),
  );
  expect(hours.reduce((sum, value) => sum + value, 0)).toBe(16500);
  const tender = (kind) => chart.locator(`[data-testid="chart-tender"][data-kind="${kind}"]`);
  await expect(tender("card").getByTestId("chart-tender-amount")).toHaveAttribute("data-value", "12500.00");
  await expect(tender("cash").getByTestId("chart-tender-amount")).toHaveAttribute("data-value", "4000.00");
  await expect(tender("card")).toContainText("76%");
  // Every label follows the language.
  await page.getByTestId("lang-select").first().selectOption("ru");
  await expect(chart).toContainText("Как платили покупатели");
  await expect(tender("cash")).toContainText("Наличные");
});
