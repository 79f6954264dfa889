// Layouts at the three sizes Kassa is made for: every screen fits the width
// (never a sideways scroll), every control is a touch target of at least
// 44×44 CSS px, and on the landscape tablet the cart and the totals stay in
// view however long the receipt.
import { test, expect, moneyOf, scan } from "./fixtures.js";
import { SCREENS, openDemo, cartWithCustomer } from "./screens.js";

const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  portrait: { width: 800, height: 1280 },
  tablet: { width: 1280, height: 800 },
};

// Twelve different demo products (public/catalog.json): a realistic basket.
const BASKET = [
  "4781000000004", "4781000001377", "4781000002749", "4781000004118",
  "4781000005481", "4781000006853", "4781000008222", "4781000009595",
  "4781000010966", "4781000012335", "4781000013707", "4781000015077",
];

const LONG_NAME =
  "Chocolate assortment gift box «Tashkent evenings» limited edition " +
  "Superlongproductnamewithoutanyspacesthatcannotwrapbyitself 1.5 kg";

/** How far the page and the body (and an open dialog) can scroll sideways. */
async function sidewaysOverflow(page) {
  return page.evaluate(() => {
    const over = (el) => (el ? el.scrollWidth - el.clientWidth : 0);
    return {
      html: over(document.documentElement),
      body: over(document.body),
      dialog: over(document.querySelector(".modal")),
    };
  });
}

async function expectNoSidewaysScroll(page) {
  expect(await sidewaysOverflow(page)).toEqual({ html: 0, body: 0, dialog: 0 });
}

/** Visible controls smaller than 44×44 px, described for the failure message. */
async function smallTargets(page) {
  return page.evaluate(() => {
    const controls = document.querySelectorAll(
      "button, input, select, textarea, a[href], [role='button'], label.file-button",
    );
    return [...controls]
      .filter((el) => el.getClientRects().length > 0 && !el.closest(".visually-hidden"))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(({ el, box }) => ({
        control: el.dataset.testid ?? el.getAttribute("aria-label") ?? el.textContent.trim(),
        width: Math.round(box.width),
        height: Math.round(box.height),
      }));
  });
}

/** Adds a hand-typed item through the item form. */
async function addManual(page, name, price) {
  await page.getByTestId("item-add-manual").click();
  await page.getByTestId("item-name").fill(name);
  await page.getByTestId("item-price").fill(price);
  await expectNoSidewaysScroll(page);
  await page.getByTestId("item-save").click();
  await expect(page.getByTestId("item-save")).toBeHidden();
}

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  test.describe(`${size} ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    for (const screen of SCREENS) {
      test(`${screen.name}: fits the width, touch targets ≥ 44 px`, async ({ page }) => {
        await page.goto("/");
        await screen.reach(page);
        await expectNoSidewaysScroll(page);
        expect(await smallTargets(page)).toEqual([]);
      });
    }

    test("a very long product name and a big amount wrap instead of widening the page", async ({ page }) => {
      await page.goto("/");
      await cartWithCustomer(page);
      await addManual(page, LONG_NAME, "12 345 678,90");
      const line = page.getByTestId("cart-line").last();
      await expect(line.getByTestId("line-name")).toHaveText(LONG_NAME);
      expect(await moneyOf(line.getByTestId("line-total"))).toBe("12345678.90");
      await expectNoSidewaysScroll(page);
      expect(await smallTargets(page)).toEqual([]);

      // Everything on the line, and the big total, stays inside the width.
      for (const part of [
        line.getByTestId("line-name"),
        line.getByTestId("line-total"),
        line.getByTestId("line-remove"),
        page.getByTestId("total-due"),
      ]) {
        await part.scrollIntoViewIfNeeded();
        const box = await part.boundingBox();
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      }

      // The payment dialog with that amount fits as well.
      await page.getByTestId("pay-open").click();
      await expect(page.getByTestId("pay-submit")).toBeVisible();
      await expectNoSidewaysScroll(page);
      expect(await smallTargets(page)).toEqual([]);
    });
  });
}

test.describe("landscape tablet 1280×800", () => {
  test.use({ viewport: VIEWPORTS.tablet });

  test("a twelve-line receipt keeps the newest line, the amount due and Payment in view", async ({ page }) => {
    await page.goto("/");
    await openDemo(page);
    for (const barcode of BASKET) await scan(page, barcode);
    const lines = page.getByTestId("cart-line");
    await expect(lines).toHaveCount(BASKET.length);

    // The page itself does not scroll: the list scrolls inside its card.
    const height = await page.evaluate(() => ({
      scroll: document.documentElement.scrollHeight,
      client: document.documentElement.clientHeight,
    }));
    expect(height.scroll).toBeLessThanOrEqual(height.client);
    // (A fraction of a pixel can stay under the card's edge.)
    await expect(lines.last()).toBeInViewport({ ratio: 0.95 });
    await expect(page.getByTestId("total-due")).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId("pay-open")).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId("item-barcode-input")).toBeInViewport({ ratio: 1 });

    // Scrolling back to the first line leaves the totals where they were.
    await lines.first().scrollIntoViewIfNeeded();
    await expect(lines.first()).toBeInViewport({ ratio: 0.95 });
    await expect(page.getByTestId("total-due")).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId("pay-open")).toBeInViewport({ ratio: 1 });
  });
});
