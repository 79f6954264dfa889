// Accessibility: axe on every screen a cashier sees, and what axe cannot
// judge — dialogs that hold and return the keyboard focus, and live regions
// that tell a screen reader how the sale went.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, scan } from "./fixtures.js";
import { SCREENS, COLA, JASUR, cartWithCustomer, openDemo } from "./screens.js";

/** The serious and critical axe findings on the page, one line each. */
async function seriousViolations(page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Where the focus is: the test id of the focused element, or its tag. */
function focusedId(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.dataset.testid ?? el?.getAttribute("aria-label") ?? el?.textContent.trim();
  });
}

/** True while the focus is inside the open dialog. */
function focusInDialog(page) {
  return page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));
}

// The theme follows the tablet's light or dark setting unless the cashier
// overrides it, so both settings are checked.
for (const scheme of ["light", "dark"]) {
  for (const screen of SCREENS) {
    test(`axe: ${screen.name} in the ${scheme} theme has no serious or critical violations`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/");
      await screen.reach(page);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}

// The dialogs outside the screen list share the same frame; each is checked
// open, then closed with Escape.
test("axe: the item form, the customer scanner and the shift closing have no serious or critical violations", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  for (const [button, title] of [
    ["item-add-manual", "Add item"],
    ["scan-open", "Customer's QR code"],
    ["shift-close", "Close shift"],
  ]) {
    await page.getByTestId(button).click();
    const dialog = page.getByRole("dialog", { name: title });
    await expect(dialog).toBeVisible();
    expect(await seriousViolations(page), title).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
  }
});

test("the payment dialog holds the focus, closes on Escape and gives the focus back", async ({ page }) => {
  await page.goto("/");
  await cartWithCustomer(page);
  await expect(page.getByTestId("item-barcode-input")).toBeFocused();

  await page.keyboard.press("F8");
  const dialog = page.getByRole("dialog", { name: "Payment" });
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("pay-cash-input")).toBeFocused();

  // Tab goes round the dialog's six stops: cash, all cash, card, all card,
  // pay, close — and back to cash, never out to the page behind.
  const forward = [];
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press("Tab");
    expect(await focusInDialog(page), `after Tab ${i + 1}`).toBe(true);
    forward.push(await focusedId(page));
  }
  expect(forward.at(-1)).toBe("pay-cash-input");
  expect(new Set(forward).size).toBe(6);
  expect(forward).toContain("pay-submit");
  expect(forward).toContain("Close");
  // Shift+Tab retraces the same ring backwards.
  const backward = [];
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press("Shift+Tab");
    expect(await focusInDialog(page), `after Shift+Tab ${i + 1}`).toBe(true);
    backward.push(await focusedId(page));
  }
  expect(backward).toEqual([...forward.slice(0, 5)].reverse().concat("pay-cash-input"));

  // Escape closes it like the close button; the receipt is untouched and the
  // barcode field has the focus again, so the next scan lands there.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await scan(page, COLA.barcode);
  await expect(page.getByTestId("line-qty").nth(1)).toHaveAttribute("data-value", "2");
});

test("a dialog opened by a tap also closes on Escape and hands the focus to the barcode field", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  await page.getByTestId("report-x").click();
  const dialog = page.getByRole("dialog", { name: "X report" });
  await expect(dialog).toBeVisible();
  // No field to fill first: the dialog itself has the focus, so its title is read.
  await expect(dialog).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("item-barcode-input")).toBeFocused();
});

test("the customer found, the sale's status and errors are announced", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  await scan(page, COLA.barcode);

  // An unknown barcode: an alert, read out at once.
  await scan(page, "4780000000000");
  await expect(page.getByRole("alert")).toHaveText("No product with this barcode: add it by hand");

  // The customer appears in a status region that was on the page before.
  const customer = page.locator(".customer [role=status]");
  await expect(customer).toHaveText("No loyalty customer on this receipt");
  await page.getByTestId("scan-open").click();
  await expect(page.getByTestId("scan-manual-input")).toBeFocused();
  await page.keyboard.type(JASUR);
  await page.keyboard.press("Enter");
  await expect(customer).toHaveText("Jasur Tursunov");

  // The result dialog is described by its status line, itself a live region
  // that also says what the customer earned.
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("20 000");
  await page.getByTestId("pay-submit").click();
  const result = page.getByRole("dialog", { name: "Sale completed" });
  await expect(result).toBeFocused();
  await expect(result).toHaveAccessibleDescription(/^sent — Sent to the loyalty server ?\. Cashback earned: 375\.00$/);
  await expect(result.getByRole("status")).toContainText("sent");
});

test("every control in the checkout has a name of its own", async ({ page }) => {
  await page.goto("/");
  await cartWithCustomer(page);
  const row = page.getByTestId("cart-line").nth(1);
  await expect(row.getByTestId("line-remove")).toHaveAccessibleName("Remove");
  await expect(row.getByTestId("line-remove")).toHaveAccessibleDescription("Coca-Cola 1.5 l");
  await expect(row.getByTestId("line-qty-plus")).toHaveAccessibleDescription("Coca-Cola 1.5 l");
  await expect(row.getByRole("button", { name: /^Edit: Coca-Cola 1\.5 l/ })).toBeVisible();
  await expect(page.getByTestId("outbox-pending").locator("..")).toContainText("Receipts waiting to be sent");
  await page.keyboard.press("F8");
  // The shortcut button beside an amount is not part of the field's name.
  await expect(page.getByTestId("pay-cash-input")).toHaveAccessibleName("Cash received");
  await expect(page.getByTestId("pay-card-input")).toHaveAccessibleName("By card");
});
