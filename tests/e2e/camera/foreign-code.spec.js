// Chromium's fake camera: camera showing a QR code that is not a customer's.
import { test, expect } from "../fixtures.js";
import { cameraVideos, fakeCamera, JASUR, openScanner, watchCameraTracks } from "./fake.js";

test.use({ launchOptions: fakeCamera(cameraVideos.foreign) });

test("scan-error says so, scanning goes on, and manual entry works", async ({ page }) => {
  await openScanner(page, expect);
  await expect(page.getByTestId("scan-error")).toHaveText("This QR code is not an AOS customer code");
  await expect(page.getByTestId("scan-video")).toBeVisible();
  await page.getByTestId("scan-manual-input").fill(JASUR);
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Jasur Tursunov");
});

test("the camera is off while the page is hidden and back when it shows", async ({ page }) => {
  await watchCameraTracks(page);
  await openScanner(page, expect);
  await expect.poll(() => page.evaluate(() => window.liveCameraTracks())).toBe(1);
  const setHidden = (hidden) =>
    page.evaluate((hidden) => {
      Object.defineProperty(document, "hidden", { value: hidden, configurable: true });
      document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    }, hidden);
  await setHidden(true);
  await expect.poll(() => page.evaluate(() => window.liveCameraTracks())).toBe(0);
  await setHidden(false);
  await expect.poll(() => page.evaluate(() => window.liveCameraTracks())).toBe(1);
  await expect(page.getByTestId("scan-error")).toHaveText("This QR code is not an AOS customer code");
});
