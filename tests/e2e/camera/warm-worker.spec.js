// The decoder worker is fetched and compiled in the background once the
// checkout is open, not on the login screen and not when scan is pressed;
// it is kept between scans (issue 18).
import { test, expect } from "../fixtures.js";
import { cameraVideos, fakeCamera } from "./fake.js";

test.use({ launchOptions: fakeCamera(cameraVideos.customer) });

test("the decoder downloads while the checkout is open, before scan is pressed, and serves every scan", async ({ page }) => {
  const decoderRequests = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/scan_worker_bg.wasm")) decoderRequests.push(request.url());
  });
  await page.addInitScript(() => {
    const Original = window.Worker;
    window.scanWorkersStarted = 0;
    window.Worker = class extends Original {
      constructor(url, options) {
        super(url, options);
        if (options?.name !== "scan_worker") return;
        window.scanWorkersStarted += 1;
        this.addEventListener("message", (event) => {
          if (event.data?.ready) window.scanWorkerReady = true;
        });
      }
    };
  });
  await page.goto("/");
  await expect(page.getByTestId("login-demo")).toBeVisible();
  await page.waitForLoadState("networkidle");
  // The login screen, the first load, has no decoder in it.
  expect(decoderRequests).toEqual([]);

  await page.getByTestId("login-demo").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  await expect.poll(() => decoderRequests.length).toBe(1);
  await expect.poll(() => page.evaluate(() => window.scanWorkerReady === true)).toBe(true);
  expect(await page.getByTestId("scan-video").count()).toBe(0);

  // Two scans, each finding the customer with the worker started before.
  for (let i = 0; i < 2; i += 1) {
    await page.getByTestId("scan-open").click();
    await expect(page.getByTestId("customer-name")).toHaveText("Dilnoza Rahimova");
    await page.getByTestId("customer-clear").click();
  }
  expect(decoderRequests).toHaveLength(1);
  expect(await page.evaluate(() => window.scanWorkersStarted)).toBe(1);
});
