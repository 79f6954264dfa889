// The supervisor's PIN (issues 17 and 19): where the deployment sets one
// (config.json `supervisorPin`, only its PBKDF2 hash), a refund and taking
// cash out wait for it; five wrong tries lock it for five minutes, and a
// reload does not lift the lock.
import { test, expect, scan } from "./fixtures.js";
import { WATER, openDemo } from "./screens.js";

// node scripts/supervisor-pin.mjs 2468 --salt 6b617373612d7465737421 --iterations 100000
const PIN_HASH =
  "pbkdf2-sha256$100000$6b617373612d7465737421$a9138d6b8258898b590d6808c7c0b62d720fa80d4b816b9558f27643331eb43b";

async function withPin(page) {
  await page.route("**/public/config.json", (route) =>
    route.fulfill({
      contentType: "application/json",
      body: JSON.stringify({ baseUrl: "https://dev-api.aos-shop.uz", supervisorPin: PIN_HASH }),
    }),
  );
}

async function soldWater(page) {
  await page.goto("/");
  await openDemo(page);
  await scan(page, WATER.barcode);
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("4000");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-status")).toHaveText("recorded");
  const number = await page.getByTestId("receipt-number").textContent();
  await page.getByTestId("sale-new").click();
  return number;
}

async function openRefund(page, number) {
  await page.getByTestId("refund-open").click();
  await page.getByTestId("refund-receipt-input").fill(number);
  await page.getByTestId("refund-find").click();
  await expect(page.getByTestId("refund-line")).toHaveCount(1);
  await page.getByTestId("refund-line").getByTestId("refund-line-qty").fill("1");
}

async function tryPin(page, pin) {
  await page.getByTestId("supervisor-pin").fill(pin);
  await page.getByTestId("supervisor-ok").click();
}

test("a refund waits for the supervisor's PIN; a wrong one is refused with the tries left", async ({ page }) => {
  await withPin(page);
  const number = await soldWater(page);
  await openRefund(page, number);
  await expect(page.getByTestId("refund-submit")).toBeDisabled();
  await tryPin(page, "1111");
  await expect(page.getByTestId("supervisor-error")).toHaveText("Wrong PIN. Tries left: 4");
  await expect(page.getByTestId("refund-submit")).toBeDisabled();
  await tryPin(page, "2468");
  await expect(page.getByTestId("supervisor-approved")).toBeVisible();
  await page.getByTestId("refund-submit").click();
  await expect(page.getByTestId("refund-status")).toHaveText("recorded");
});

test("five wrong PINs lock refunds and cash out for five minutes, across a reload", async ({ page }) => {
  await withPin(page);
  const number = await soldWater(page);
  await openRefund(page, number);
  for (let attempt = 0; attempt < 5; attempt += 1) await tryPin(page, "0000");
  await expect(page.getByTestId("supervisor-error")).toHaveText("Too many wrong PINs: locked. Minutes left: 5");
  // The right PIN waits out the lock too.
  await tryPin(page, "2468");
  await expect(page.getByTestId("supervisor-error")).toContainText("locked");
  await expect(page.getByTestId("refund-submit")).toBeDisabled();

  await page.reload();
  await page.getByTestId("report-x").click();
  await page.getByTestId("cash-kind").selectOption("out");
  await page.getByTestId("cash-amount").fill("1000");
  await page.getByTestId("cash-reason").fill("Change for the bank");
  await expect(page.getByTestId("cash-submit")).toBeDisabled();
  await tryPin(page, "2468");
  await expect(page.getByTestId("supervisor-error")).toContainText("locked");
  await expect(page.getByTestId("cash-submit")).toBeDisabled();
});

test("cash out with the supervisor's PIN; cash in and refunds need none without a PIN configured", async ({ page }) => {
  await withPin(page);
  await soldWater(page);
  await page.getByTestId("report-x").click();
  await page.getByTestId("cash-amount").fill("500");
  await page.getByTestId("cash-reason").fill("Float");
  await expect(page.getByTestId("supervisor-pin")).toHaveCount(0);
  await page.getByTestId("cash-submit").click();
  await page.getByTestId("cash-kind").selectOption("out");
  await page.getByTestId("cash-amount").fill("1000");
  await page.getByTestId("cash-reason").fill("Change for the bank");
  await tryPin(page, "2468");
  await page.getByTestId("cash-submit").click();
  await expect(page.getByTestId("cash-amount")).toHaveValue("");
  await expect(page.getByTestId("cash-error")).toHaveCount(0);

  await page.unroute("**/public/config.json");
  await page.reload();
  await page.getByTestId("report-x").click();
  await page.getByTestId("cash-kind").selectOption("out");
  await expect(page.getByTestId("cash-submit")).toBeEnabled();
  await expect(page.getByTestId("supervisor-pin")).toHaveCount(0);
});
