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

/**
 * Types `code` and Enter into the focused field as a scanner does, each key
 * stamped `gapMs` after the one before. The page tells a scan from a person
 * by the keys' timestamps; these are set here (Chromium's DevTools protocol
 * takes them with each key), so a busy page or a loaded machine, which only
 * delays the keys' handling, cannot split the burst.
 */
export async function stampedBurst(page, code, gapMs = 5) {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const keys = [...code].map((char) => ({
    key: char,
    code: /\d/.test(char) ? `Digit${char}` : `Key${char.toUpperCase()}`,
    text: char,
    windowsVirtualKeyCode: char.toUpperCase().charCodeAt(0),
  }));
  keys.push({ key: "Enter", code: "Enter", text: "\r", windowsVirtualKeyCode: 13 });
  for (const [index, key] of keys.entries()) {
    const timestamp = start + (index * gapMs) / 1000;
    await cdp.send("Input.dispatchKeyEvent", { type: "keyDown", ...key, unmodifiedText: key.text, timestamp });
    await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", key: key.key, code: key.code, timestamp });
  }
  await cdp.detach();
}
