// Chromium's fake camera filming the transaction code a customer's AppsPOS
// app shows: the order starts from it as if it had been typed, once.
import { test, expect, scan } from "../fixtures.js";
import { WATER, COLA } from "../screens.js";
import { cameraVideos, fakeCamera, watchCameraTracks } from "./fake.js";

test.use({ launchOptions: fakeCamera(cameraVideos.transaction) });

test("the app's transaction code in front of the camera starts the order and the app pays", async ({ page }) => {
  await watchCameraTracks(page);
  await page.goto("/");
  await page.getByTestId("login-provider").selectOption("appspos");
  await page.getByTestId("login-demo").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  await scan(page, WATER.barcode);
  await scan(page, COLA.barcode);
  await page.getByTestId("scan-open").click();

  await expect(page.getByTestId("appspos-status")).toHaveText("order");
  expect(await page.evaluate(() => window.openedCameraTracks())).toBeGreaterThan(0);
  await expect(page.getByTestId("appspos-voucher")).toHaveAttribute("data-value", "0.00");
  await expect(page.getByTestId("appspos-payable")).toHaveAttribute("data-value", "16500.00");
  // The order is on screen, the camera is off.
  await expect(page.getByTestId("scan-video")).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.liveCameraTracks())).toBe(0);
  await page.getByTestId("appspos-release").click();
  await expect(page.getByTestId("sale-result")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("appspos-paid")).toHaveAttribute("data-value", "16500.00");
});
