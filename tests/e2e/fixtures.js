// Shared Playwright fixtures: every test fails on an uncaught page error or
// a console error, since a wasm trap or a panic shows up there first.
import { test as base, expect } from "@playwright/test";

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      // Chromium logs every HTTP error status of a fetch ("Failed to load
    // resource: … 401"); those answers are expected in tests of error paths.
    const expectedHttpError = message.text().startsWith("Failed to load resource");
    if (message.type() === "error" && !expectedHttpError) problems.push(`console: ${message.text()}`);
    });
    await use(page);
    expect(problems, "no errors in the page").toEqual([]);
  },
});

export { expect };

/** The plain decimal of a money element. */
export async function moneyOf(locator) {
  return locator.getAttribute("data-value");
}

/** Types like a keyboard-wedge scanner: a fast burst of digits, then Enter. */
export async function scan(page, barcode) {
  const input = page.getByTestId("item-barcode-input");
  await expect(input).toBeFocused();
  await page.keyboard.type(barcode, { delay: 5 });
  await page.keyboard.press("Enter");
}
