// The catalog from the srv4pos store server (issue 16): a full load on
// first use, stored on the tablet, only the difference afterwards while a
// sale is open, and the stored catalog when the server is out of reach.
import { test, expect, moneyOf } from "./fixtures.js";
import { sandboxPort } from "../../playwright.config.js";

const SANDBOX = `http://127.0.0.1:${sandboxPort}/srv4pos`;
const BASE = `${SANDBOX}/v45/UZ301234567`;
const KEY = "sandbox-srv4pos-key";
const AUTH = { Authorization: `Basic ${Buffer.from(KEY).toString("base64")}` };

async function control(request, path, body) {
  const response = await request.post(`${SANDBOX}/__control/${path}`, { data: body ?? {} });
  expect(response.ok(), path).toBe(true);
  return response.status() === 204 ? null : response.json();
}

async function serverProduct(request, identifier) {
  const all = await (await request.get(`${BASE}/products?offset=0&limit=1000`, { headers: AUTH })).json();
  return all.find((product) => product.identifier === identifier);
}

/** A wedge scanner's burst: lands in the barcode field wherever the focus is. */
async function scan(page, barcode) {
  await page.keyboard.type(barcode, { delay: 5 });
  await page.keyboard.press("Enter");
}

async function openStoreShift(page) {
  await page.goto("/");
  await page.getByTestId("login-provider").selectOption("none");
  await page.getByTestId("login-store-server").selectOption("srv4pos");
  await page.getByTestId("login-srv4pos-url").fill(BASE);
  await page.getByTestId("login-srv4pos-key").fill(KEY);
  await page.getByTestId("login-register-name").fill("Till 1");
  await page.getByTestId("login-cashier").fill("Aziza");
  await page.getByTestId("login-opening-cash").fill("0");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("item-barcode-input")).toBeFocused();
}

test.beforeEach(async ({ request }) => {
  await control(request, "reset");
  await control(request, "size", { products: 300 });
});

test("a full load, then only the difference while a sale is open; the open receipt keeps its prices", async ({ page, request }) => {
  const state = await (await request.get(`${SANDBOX}/__control/state`)).json();
  await openStoreShift(page);
  await expect(page.getByTestId("catalog-count")).toHaveAttribute("data-value", "300");
  await expect(page.getByTestId("catalog-sync-status")).toHaveText("current");
  await expect(page.getByTestId("catalog-version")).toHaveText(String(state.version));

  const p1 = await serverProduct(request, "p1");
  const p2 = await serverProduct(request, "p2");
  await scan(page, p1.barcodes[0]);
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  const before = await moneyOf(page.getByTestId("line-total"));

  // The back office re-prices p1, deletes p2 and moves p2's barcode to a new product.
  const edited = await control(request, "catalog", {
    changed: {
      products: [
        { ...p1, netto: p1.netto + 10000 },
        { ...p2, identifier: "p-new", name: "Moved barcode product", barcodes: p2.barcodes },
      ],
    },
    deleted: { products: ["p2"] },
  });
  const seenBefore = (await (await request.get(`${SANDBOX}/__control/state`)).json()).seen;
  await page.getByTestId("catalog-sync").click();
  await expect(page.getByTestId("catalog-version")).toHaveText(String(edited.version));
  await expect(page.getByTestId("catalog-sync-status")).toHaveText("current");
  await expect(page.getByTestId("catalog-count")).toHaveAttribute("data-value", "300");
  const seen = (await (await request.get(`${SANDBOX}/__control/state`)).json()).seen;
  expect(seen.diffs).toBeGreaterThan(seenBefore.diffs);
  expect(seen.pages).toBe(seenBefore.pages);

  // The line already on the receipt keeps the price it was scanned at …
  expect(await moneyOf(page.getByTestId("line-total"))).toBe(before);
  // … a new scan sells at the new one, and the moved barcode sells its new product.
  await scan(page, p1.barcodes[0]);
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  expect(await moneyOf(page.getByTestId("line-total").nth(1))).not.toBe(before);
  await scan(page, p2.barcodes[0]);
  await expect(page.getByTestId("line-name").nth(2)).toHaveText("Moved barcode product");
  await page.getByTestId("catalog-search").fill(p2.name);
  await expect(page.locator('[data-testid="catalog-product"][data-id="p2"]')).toHaveCount(0);
});

test("a reload starts from the stored catalog and sells with the store server out of reach", async ({ page, request }) => {
  await openStoreShift(page);
  await expect(page.getByTestId("catalog-count")).toHaveAttribute("data-value", "300");
  const p5 = await serverProduct(request, "p5");

  await page.route(`${SANDBOX}/**`, (route) => route.abort());
  await page.reload();
  await expect(page.getByTestId("catalog-sync-status")).toHaveText("offline");
  await expect(page.getByTestId("catalog-count")).toHaveAttribute("data-value", "300");
  await scan(page, p5.barcodes[0]);
  await expect(page.getByTestId("line-name")).toHaveText(p5.name);

  // Back online, "sync now" finds it current with a single version check.
  await page.unroute(`${SANDBOX}/**`);
  await page.getByTestId("catalog-sync").click();
  await expect(page.getByTestId("catalog-sync-status")).toHaveText("current");
});

test("a rejected key says so and keeps selling from what is stored", async ({ page, request }) => {
  await openStoreShift(page);
  await expect(page.getByTestId("catalog-count")).toHaveAttribute("data-value", "300");
  await control(request, "faults", { notApproved: true });
  await page.getByTestId("catalog-sync").click();
  await expect(page.getByTestId("catalog-sync-status")).toHaveText("failed");
  await expect(page.locator(".catalog-sync-status")).toHaveAttribute("title", /approved/);
  await expect(page.getByTestId("catalog-count")).toHaveAttribute("data-value", "300");
});
