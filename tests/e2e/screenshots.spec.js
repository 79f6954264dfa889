// Screenshots of every screen on the landscape tablet (1280×800), light and
// dark, kept in tests/e2e/artifacts/screenshots/ for review. With
// KASSA_UPDATE_DOCS=1 the ones the README shows are also written to docs/.
import { test, expect } from "./fixtures.js";
import { SCREENS } from "./screens.js";

const DIR = "tests/e2e/artifacts/screenshots";
const UPDATE_DOCS = process.env.KASSA_UPDATE_DOCS === "1";
const IN_README = new Set(["checkout-light", "checkout-dark", "payment-light", "payment-dark", "login-light"]);
const PAGE_BACKGROUND = { light: "rgb(243, 245, 247)", dark: "rgb(14, 21, 27)" };

async function shoot(page, name) {
  await page.screenshot({ path: `${DIR}/${name}.png` });
}

for (const theme of ["light", "dark"]) {
  for (const screen of SCREENS) {
    test(`${screen.name} in ${theme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto("/");
      await screen.reach(page);
      // The palette really is the one asked for (not a copy of the other).
      const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(body).toBe(PAGE_BACKGROUND[theme]);
      const name = `${screen.name}-${theme}`;
      await shoot(page, name);
      if (UPDATE_DOCS && IN_README.has(name)) {
        await page.screenshot({ path: `docs/${name}.png` });
      }
    });
  }
}

test("checkout on a portrait tablet (800×1280)", async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await SCREENS.find((s) => s.name === "checkout").reach(page);
  await shoot(page, "checkout-portrait-light");
  if (UPDATE_DOCS) await page.screenshot({ path: "docs/checkout-portrait.png" });
});
