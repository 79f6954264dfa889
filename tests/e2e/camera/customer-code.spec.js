// Chromium's fake camera: camera showing a customer's code.
import { test, expect } from "../fixtures.js";
import { cameraVideos, fakeCamera, openScanner, watchCameraTracks } from "./fake.js";

test.use({ launchOptions: fakeCamera(cameraVideos.customer) });

test("the customer appears without typing, and the camera is turned off", async ({ page }) => {
  await watchCameraTracks(page);
  await openScanner(page, expect);
  // The read can be quicker than any look at the open scanner: what counts
  // is that the camera was used, and is off once the customer is there.
  await expect(page.getByTestId("customer-name")).toHaveText("Dilnoza Rahimova");
  expect(await page.evaluate(() => window.openedCameraTracks())).toBeGreaterThan(0);
  await expect(page.getByTestId("customer-balance")).toHaveAttribute("data-value", "125000.50");
  await expect(page.getByTestId("scan-video")).toHaveCount(0);
  // Every track of the scanner's stream has ended (the tablet's camera light is off).
  await expect.poll(() => page.evaluate(() => window.liveCameraTracks())).toBe(0);
});

test("a decoder that cannot load is reported once, and manual entry still works", async ({ page }) => {
  await page.route("**/scan_worker_bg.wasm", (route) => route.abort());
  await openScanner(page, expect);
  await expect(page.getByTestId("scan-error")).toContainText("The QR reader could not start");
  await page.getByTestId("scan-manual-input").fill("0b7e3c1a-9d2f-4e6b-8a15-3c4d5e6f7a8b");
  await page.getByTestId("scan-manual-submit").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Jasur Tursunov");
});
