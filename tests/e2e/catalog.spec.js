// Selling from the catalog on the tablet (issue 16): category tiles and
// their products, search as you type in any script, weighed goods by their
// weight and by scale labels. The demo sells from public/catalog.json.
import { test, expect, moneyOf, scan } from "./fixtures.js";
import { openDemo } from "./screens.js";

const line = (page, n) => page.getByTestId("cart-line").nth(n);

test("a tap on a category shows its products; a tap on a product sells one", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  await expect(page.getByTestId("catalog-count")).toHaveAttribute("data-value", "39");
  await expect(page.getByTestId("catalog-sync-status")).toHaveText("current");

  const categories = page.getByTestId("catalog-category");
  await expect(categories).toHaveCount(10);
  await page.locator('[data-testid="catalog-category"][data-id="drinks"]').click();
  const cola = page.locator('[data-testid="catalog-product"][data-id="4781000002749"]');
  await cola.click();
  await cola.click();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(line(page, 0).getByTestId("line-qty")).toHaveText("2");
  expect(await moneyOf(page.getByTestId("total-due"))).toBe("25000.00");

  await page.getByTestId("catalog-back").click();
  await expect(categories).toHaveCount(10);
  // A wedge scanner typing after a tap still lands in the barcode field.
  await page.keyboard.type("4781000001377", { delay: 5 });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByTestId("item-barcode-input")).toHaveValue("");
});

test("search as you type finds by word prefixes in any order, across scripts and apostrophes", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  const search = page.getByTestId("catalog-search");
  const found = page.getByTestId("catalog-product");
  const names = () => found.locator(".tile-name").allTextContents();

  await search.fill("ahm bla");
  await expect(found).toHaveCount(1);
  expect(await names()).toEqual(["Black tea Ahmad 100 g"]);

  // Latin finds Cyrillic and Cyrillic finds Latin.
  await search.fill("choy");
  expect(await names()).toEqual(["Чой қора Ahmad 250 г"]);
  await search.fill("сут");
  expect(await names()).toEqual(["Sut Musaffo 2.5% 1 l"]);
  // Every Uzbek apostrophe form is the same letter.
  for (const typed of ["o'rik", "oʻrik", "o`rik", "орик"]) {
    await search.fill(typed);
    expect(await names(), typed).toEqual(["O‘rik quritilgan 200 g"]);
  }
  // Barcodes and IKPU codes by prefix.
  await search.fill("478100000274");
  expect(await names()).toEqual(["Coca-Cola 1.5 l"]);
  // Enter sells the only hit (or a barcode scanned into the search).
  await search.press("Enter");
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(search).toHaveValue("");
  await page.getByTestId("line-remove").click();

  await search.fill("0902300100");
  await expect(found).toHaveCount(2);

  await search.fill("zzzz");
  await expect(found).toHaveCount(0);
  await search.fill("chocolate");
  await found.first().click();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(line(page, 0).getByTestId("line-name")).toHaveText("Chocolate Alpen Gold 90 g");
});

test("a weighed product asks for its weight; a scale label carries it", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  await page.locator('[data-testid="catalog-category"][data-id="dairy"]').click();
  await page.locator('[data-testid="catalog-product"][data-id="2000101000006"]').click();
  const dialog = page.getByTestId("qty-dialog");
  await expect(dialog).toBeVisible();
  await page.getByTestId("qty-input").fill("0,3456");
  await page.getByTestId("qty-apply").click();
  await expect(page.getByTestId("qty-error")).toBeVisible();
  await page.getByTestId("qty-input").fill("0,345");
  expect(await moneyOf(page.getByTestId("qty-line-total"))).toBe("41055.00");
  await page.getByTestId("qty-apply").click();
  await expect(dialog).toBeHidden();
  await expect(line(page, 0).getByTestId("line-name")).toHaveText("Cheese Gouda");
  await expect(line(page, 0).getByTestId("line-qty")).toHaveText("0.345");
  expect(await moneyOf(line(page, 0).getByTestId("line-total"))).toBe("41055.00");

  // The product's own barcode scanned asks too.
  await scan(page, "2000108000009");
  await expect(dialog).toBeVisible();
  await page.getByTestId("qty-input").fill("1.2");
  await page.getByTestId("qty-input").press("Enter");
  await expect(page.getByTestId("cart-line")).toHaveCount(2);

  // A scale label: 20 00102 01250 C, apples, 1.250 kg.
  await scan(page, "2000102012503");
  await expect(page.getByTestId("cart-line")).toHaveCount(3);
  await expect(line(page, 2).getByTestId("line-name")).toHaveText("Apples Golden");
  expect(await moneyOf(line(page, 2).getByTestId("line-total"))).toBe("23737.50");
  // A misread label (wrong check digit) sells nothing and says why.
  await scan(page, "2000102012504");
  await expect(page.getByTestId("item-error")).toBeVisible();
  await expect(page.getByTestId("cart-line")).toHaveCount(3);
});

test("hostile and odd product names are shown as text and never break the layout", async ({ page }) => {
  const names = [
    '<img src=x onerror="window.pwned=1">Markup',
    "Long ".repeat(60).trim(),
    "\u202Eright-to-left override\u202C and \u200Fmarks",
    "Emoji 🍎🍏🍐🧀👨‍👩‍👧 box",
  ];
  await page.route("**/public/catalog.json", (route) =>
    route.fulfill({
      contentType: "application/json",
      body: JSON.stringify({
        categories: [{ id: "odd", name: names[1] }],
        products: names.map((name, at) => ({
          id: `odd${at}`, barcode: `99900000000${at}`, name, price: "1000", vatPercent: 12, category: "odd",
        })),
      }),
    }),
  );
  await page.goto("/");
  await openDemo(page);
  await page.locator('[data-testid="catalog-category"][data-id="odd"]').click();
  const tiles = page.getByTestId("catalog-product");
  await expect(tiles).toHaveCount(4);
  expect(await tiles.locator(".tile-name").allTextContents()).toEqual(names);
  expect(await page.locator(".catalog img").count()).toBe(0);
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();

  const column = await page.locator(".catalog").boundingBox();
  for (const box of await tiles.evaluateAll((all) => all.map((tile) => tile.getBoundingClientRect().toJSON()))) {
    expect(box.right).toBeLessThanOrEqual(column.x + column.width + 0.5);
    expect(box.height).toBeLessThan(160);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await tiles.nth(3).click();
  await expect(page.getByTestId("line-name")).toHaveText(names[3]);
});
