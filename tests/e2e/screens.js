// The way to each screen a cashier sees, shared by the specs that look at
// every screen (accessibility, layout, screenshots, languages).
import { expect, scan } from "./fixtures.js";

// Demo catalog products (public/catalog.json) and a demo customer
// (src/loyalty/demo/seed.json): Jasur, balance 8 200, cashback 3 %.
export const WATER = { barcode: "4781000001377", price: "4000" };
export const COLA = { barcode: "4781000002749", price: "12500" };
export const JASUR = "0b7e3c1a-9d2f-4e6b-8a15-3c4d5e6f7a8b";

/** Opens a demo shift from the login screen. */
export async function openDemo(page) {
  await page.getByTestId("login-demo").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
}

/** A demo shift with two products on the receipt and Jasur as the customer. */
export async function cartWithCustomer(page) {
  await openDemo(page);
  await scan(page, WATER.barcode);
  await scan(page, COLA.barcode);
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill(JASUR);
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-name")).toBeVisible();
}

/** Every screen, reached from a freshly loaded page (`page.goto("/")` first). */
export const SCREENS = [
  { name: "login", reach: async (page) => expect(page.getByTestId("login-demo")).toBeVisible() },
  { name: "checkout", reach: cartWithCustomer },
  {
    name: "cashback",
    reach: async (page) => {
      await cartWithCustomer(page);
      await page.getByTestId("bonus-open").click();
      await expect(page.getByTestId("bonus-apply")).toBeVisible();
    },
  },
  {
    name: "payment",
    reach: async (page) => {
      await cartWithCustomer(page);
      await page.getByTestId("pay-open").click();
      await expect(page.getByTestId("pay-submit")).toBeVisible();
    },
  },
  {
    name: "result",
    reach: async (page) => {
      await cartWithCustomer(page);
      await page.getByTestId("pay-open").click();
      await page.getByTestId("pay-cash-input").fill("20 000");
      await page.getByTestId("pay-submit").click();
      await expect(page.getByTestId("bonus-earned")).toBeVisible();
    },
  },
  {
    name: "report-x",
    reach: async (page) => {
      await openDemo(page);
      await page.getByTestId("report-x").click();
      await expect(page.getByTestId("report-sales-count")).toBeVisible();
    },
  },
];
