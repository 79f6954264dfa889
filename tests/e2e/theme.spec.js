// Light and dark: the device's setting by default, theme-toggle to override
// (remembered on the device), WCAG AA contrast in both palettes, and a
// visible focus ring on every control.
import { test, expect } from "./fixtures.js";
import { cartWithCustomer, openDemo } from "./screens.js";

const PAGE_BACKGROUND = { light: "rgb(243, 245, 247)", dark: "rgb(14, 21, 27)" };

async function background(page) {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

test("follows the device's setting until the cashier picks, then keeps the pick", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  const toggle = page.getByTestId("theme-toggle");
  await expect(toggle).toHaveAccessibleName("Dark theme");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  expect(await background(page)).toBe(PAGE_BACKGROUND.dark);

  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(() => background(page)).toBe(PAGE_BACKGROUND.light);
  // The switch tells the new state at once, not only after a re-render.
  await expect(toggle).toHaveAttribute("aria-pressed", "false");

  // The pick beats the device's setting and survives a reload.
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  expect(await background(page)).toBe(PAGE_BACKGROUND.dark);
  await page.reload();
  await expect(page.getByTestId("theme-toggle")).toHaveAttribute("aria-pressed", "true");
  expect(await background(page)).toBe(PAGE_BACKGROUND.dark);

  // The same switch sits in the checkout top bar, with a translated name.
  await openDemo(page);
  await page.getByTestId("lang-select").selectOption("ru");
  const topbarToggle = page.getByTestId("theme-toggle");
  await expect(topbarToggle).toHaveAccessibleName("Тёмная тема");
  await topbarToggle.click();
  await expect(topbarToggle).toHaveAttribute("aria-pressed", "false");
  expect(await background(page)).toBe(PAGE_BACKGROUND.light);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await background(page)).toBe(PAGE_BACKGROUND.light);
});

// Text on its backgrounds at least 4.5:1, control edges and the focus ring
// at least 3:1 (WCAG 1.4.3, 1.4.11), read from the stylesheet's palette.
const PAIRS = [
  ["--text", "--bg", 4.5], ["--text", "--surface", 4.5], ["--text", "--field-bg", 4.5],
  ["--text", "--round-bg", 4.5], ["--muted", "--surface", 4.5], ["--muted", "--bg", 4.5],
  ["--muted", "--field-bg", 4.5], ["--muted", "--round-bg", 4.5], ["--accent", "--surface", 4.5],
  ["--accent", "--bg", 4.5], ["--on-accent", "--accent", 4.5], ["--on-accent", "--accent-strong", 4.5],
  ["--accent-strong", "--accent-soft", 4.5], ["--accent-strong", "--surface", 4.5],
  ["--danger", "--surface", 4.5], ["--danger", "--bg", 4.5], ["--danger", "--danger-soft", 4.5],
  ["--warn-text", "--warn-bg", 4.5], ["--field-border", "--field-bg", 3],
  ["--field-border", "--surface", 3], ["--focus", "--surface", 3], ["--focus", "--bg", 3],
  ["--focus", "--field-bg", 3],
];

for (const scheme of ["light", "dark"]) {
  test(`the ${scheme} palette meets WCAG AA contrast`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
    await expect(page.getByTestId("login-demo")).toBeVisible();
    expect(await background(page)).toBe(PAGE_BACKGROUND[scheme]);
    const ratios = await page.evaluate((pairs) => {
      const style = getComputedStyle(document.documentElement);
      const luminance = (name) => {
        // The release stylesheet is minified: `#ffffff` may arrive as `#fff`.
        const short = style.getPropertyValue(name).trim().replace("#", "");
        const hex = short.length === 3 ? [...short].map((c) => c + c).join("") : short;
        const [r, g, b] = [0, 2, 4].map((i) => {
          const c = parseInt(hex.slice(i, i + 2), 16) / 255;
          return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      return pairs.map(([fg, bg, min]) => {
        const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
        return { pair: `${fg} on ${bg}`, ratio: (hi + 0.05) / (lo + 0.05), min };
      });
    }, PAIRS);
    expect(ratios).toHaveLength(PAIRS.length);
    for (const { pair, ratio, min } of ratios) {
      expect(ratio, pair).toBeGreaterThanOrEqual(min);
    }
  });

  test(`every control shows a focus ring when reached by keyboard (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
    await cartWithCustomer(page);
    // Tab from the barcode field through the screen until the focus leaves
    // the page (back to the body).
    const rings = [];
    for (let step = 0; step < 40; step += 1) {
      await page.keyboard.press("Tab");
      const ring = await page.evaluate(() => {
        const el = document.activeElement;
        if (el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          control: el.dataset.testid ?? el.getAttribute("aria-label") ?? el.tagName,
          style: style.outlineStyle,
          width: parseFloat(style.outlineWidth),
        };
      });
      if (!ring) break;
      rings.push(ring);
    }
    expect(new Set(rings.map((r) => r.control)).size).toBeGreaterThan(6);
    for (const ring of rings) {
      expect(ring, ring.control).toMatchObject({ style: "solid" });
      expect(ring.width, ring.control).toBeGreaterThanOrEqual(2);
    }
  });
}
