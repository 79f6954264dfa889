// Function keys on a till with a keyboard: F2 finds the customer, F4 spends
// cashback, F8 takes payment — each only when its button could be pressed,
// and never over an open dialog.
import { test, expect, scan } from "./fixtures.js";
import { WATER, JASUR, openDemo } from "./screens.js";

test("F2, F4 and F8 open their dialogs when their buttons could be pressed", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  const dialog = page.getByRole("dialog");

  // An empty receipt: nothing to pay and no cashback to spend.
  await page.keyboard.press("F8");
  await page.keyboard.press("F4");
  await expect(dialog).toHaveCount(0);

  // F2: the customer, typed where a keyboard-mode QR scanner types.
  await page.keyboard.press("F2");
  await expect(page.getByRole("dialog", { name: "Customer's QR code" })).toBeVisible();
  await expect(page.getByTestId("scan-manual-input")).toBeFocused();
  await page.keyboard.type(JASUR);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("customer-name")).toHaveText("Jasur Tursunov");
  await expect(dialog).toHaveCount(0);
  // A customer is already on the receipt: F2 has nothing to do.
  await page.keyboard.press("F2");
  await expect(dialog).toHaveCount(0);

  await scan(page, WATER.barcode);
  await page.keyboard.press("F4");
  await expect(page.getByRole("dialog", { name: "Spend cashback" })).toBeVisible();
  await expect(page.getByTestId("bonus-input")).toBeFocused();
  // Over an open dialog the keys do nothing: no dialog is swapped away.
  await page.keyboard.press("F8");
  await expect(page.getByRole("dialog", { name: "Spend cashback" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  await page.keyboard.press("F8");
  await expect(page.getByRole("dialog", { name: "Payment" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("item-barcode-input")).toBeFocused();
});

test("the browser's own use of the function keys is held back on the checkout", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  const prevented = await page.evaluate(() => {
    const event = new KeyboardEvent("keydown", { key: "F8", bubbles: true, cancelable: true });
    document.activeElement.dispatchEvent(event);
    return event.defaultPrevented;
  });
  expect(prevented).toBe(true);
});

test("each button shows its key, and the key stays out of the button's name", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  for (const [id, key, name] of [
    ["scan-open", "F2", "Scan customer QR"],
    ["bonus-open", "F4", "Spend cashback"],
    ["pay-open", "F8", "Payment"],
  ]) {
    const button = page.getByTestId(id);
    await expect(button).toHaveAttribute("aria-keyshortcuts", key);
    await expect(button).toHaveAccessibleName(name);
    const hint = await button.evaluate((el) => getComputedStyle(el, "::after").content);
    expect(hint, `${id} shows ${key}`).toContain(key);
  }
});

test("once the shift is left, the checkout's keys are gone: the login form takes typing and F-keys do nothing", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  await page.getByTestId("relogin").click();
  await expect(page.getByTestId("login-submit")).toBeVisible();
  // Typed with the focus outside any field first, as a wedge scanner would.
  await page.locator("h1").click();
  await page.keyboard.type("Aziza");
  await page.keyboard.press("F8");
  await page.keyboard.press("F2");
  await page.getByTestId("login-cashier").click();
  await page.keyboard.type("Aziza");
  await expect(page.getByTestId("login-cashier")).toHaveValue("Aziza");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
