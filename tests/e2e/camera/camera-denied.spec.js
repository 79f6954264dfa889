// Chromium's fake camera: camera permission refused.
import { test, expect } from "../fixtures.js";
import { fakeCamera, JASUR, openScanner } from "./fake.js";

test.use({ launchOptions: fakeCamera(null, { grant: false }) });

test("the cashier is told why and types the code instead", async ({ page }) => {
  await openScanner(page, expect);
  await expect(page.getByTestId("scan-error")).toContainText("Camera access was refused");
  await expect(page.getByTestId("scan-video")).toHaveCount(0);
  await page.getByTestId("scan-manual-input").fill(JASUR);
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Jasur Tursunov");
});
