// Chromium's fake camera: camera showing a QR code that is not a customer's.
import { test, expect } from "../fixtures.js";
import { cameraVideos, fakeCamera, JASUR, openScanner } from "./fake.js";

test.use({ launchOptions: fakeCamera(cameraVideos.foreign) });

test("scan-error says so, scanning goes on, and manual entry works", async ({ page }) => {
  await openScanner(page, expect);
  await expect(page.getByTestId("scan-error")).toHaveText("This QR code is not an AOS customer code");
  await expect(page.getByTestId("scan-video")).toBeVisible();
  await page.getByTestId("scan-manual-input").fill(JASUR);
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Jasur Tursunov");
});
