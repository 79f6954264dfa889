// The app in parts (src/parts.rs, scripts/split-app.mjs): the login and the
// empty checkout come without the dialogs' code, each part arrives when it
// is first needed, and a part that cannot be downloaded leaves the rest of
// the checkout working.
import { test, expect, scan } from "./fixtures.js";
import { openDemo, WATER } from "./screens.js";

const part = (name) => new RegExp(`/kassa-[0-9a-f]+-${name}\\.wasm$`);

test("the checkout opens without the dialogs' parts; the payment's part comes with pay-open", async ({ page }) => {
  const fetched = [];
  page.on("request", (request) => fetched.push(request.url()));
  await page.goto("/");
  await openDemo(page);
  await scan(page, WATER.barcode);
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  for (const name of ["sale", "customer", "report", "printer"]) {
    expect(fetched.filter((url) => part(name).test(url)), name).toEqual([]);
  }
  // The catalog reader is the one part the empty checkout asks for.
  expect(fetched.some((url) => part("catalog").test(url))).toBe(true);

  await page.getByTestId("pay-open").click();
  await expect(page.getByTestId("pay-cash-input")).toBeVisible();
  expect(fetched.filter((url) => part("sale").test(url))).toHaveLength(1);
});

test("a part that cannot be downloaded says so, and comes when asked again", async ({ page }) => {
  let blocked = true;
  await page.route(part("report"), (route) => (blocked ? route.abort() : route.continue()));
  await page.goto("/");
  await openDemo(page);

  await scan(page, WATER.barcode);
  await page.getByTestId("report-x").click();
  await expect(page.getByTestId("part-missing")).toBeVisible();
  await expect(page.getByTestId("report-sales-count")).toHaveCount(0);
  // The rest of the checkout works meanwhile: the receipt stays, other dialogs open.
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await page.getByTestId("scan-open").click();
  await expect(page.getByTestId("scan-manual-input")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("scan-manual-input")).toHaveCount(0);

  blocked = false;
  await page.getByTestId("report-x").click();
  await expect(page.getByTestId("report-sales-count")).toBeVisible();
  await expect(page.getByTestId("part-missing")).toHaveCount(0);
});
