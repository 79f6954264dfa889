// Served over plain http from a name that is not localhost, the page gets no
// camera from the browser: the cashier must learn why, and still scan.
import { test, expect } from "../fixtures.js";
import { fakeCamera, JASUR, openScanner } from "./fake.js";

test.use({ launchOptions: fakeCamera(null, { args: ["--host-resolver-rules=MAP till.shop.test 127.0.0.1"] }) });

test("an insecure page explains that the camera needs https, and manual entry works", async ({ page, baseURL }) => {
  const port = new URL(baseURL).port;
  await openScanner(page, expect, `http://till.shop.test:${port}/`);
  await expect(page.getByTestId("scan-error")).toContainText("secure page (https or localhost)");
  await expect(page.getByTestId("scan-video")).toHaveCount(0);
  await page.getByTestId("scan-manual-input").fill(JASUR);
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Jasur Tursunov");
});
