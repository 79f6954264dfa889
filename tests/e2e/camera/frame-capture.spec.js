// How camera frames reach the decoder worker (issue 18): as ImageBitmaps
// the worker draws and converts itself, so the page's thread never draws a
// video frame on a canvas nor reads pixels back; where the page lacks
// createImageBitmap or the worker OffscreenCanvas, the page draws them as
// before, and scanning works all the same.
import { test, expect } from "../fixtures.js";
import { cameraVideos, fakeCamera, openScanner } from "./fake.js";

test.use({ launchOptions: fakeCamera(cameraVideos.customer) });

// Counts the page's canvas read-backs (its own, not an OffscreenCanvas).
function countPageReadBacks() {
  window.pageReadBacks = 0;
  const read = CanvasRenderingContext2D.prototype.getImageData;
  CanvasRenderingContext2D.prototype.getImageData = function (...args) {
    window.pageReadBacks += 1;
    return read.apply(this, args);
  };
}

test("frames go to the worker as bitmaps: no canvas read-back on the page", async ({ page }) => {
  await page.addInitScript(countPageReadBacks);
  await openScanner(page, expect);
  await expect(page.getByTestId("customer-name")).toHaveText("Dilnoza Rahimova");
  expect(await page.evaluate(() => window.pageReadBacks)).toBe(0);
});

test("without createImageBitmap the page draws the frames itself", async ({ page }) => {
  await page.addInitScript(countPageReadBacks);
  await page.addInitScript(() => {
    delete window.createImageBitmap;
  });
  await openScanner(page, expect);
  await expect(page.getByTestId("customer-name")).toHaveText("Dilnoza Rahimova");
  expect(await page.evaluate(() => window.pageReadBacks)).toBeGreaterThan(0);
});

test("a worker without OffscreenCanvas gets the page's pixels", async ({ page }) => {
  await page.addInitScript(countPageReadBacks);
  await page.route("**/worker_loader.js", async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `delete self.OffscreenCanvas;\n${await response.text()}` });
  });
  await openScanner(page, expect);
  await expect(page.getByTestId("customer-name")).toHaveText("Dilnoza Rahimova");
  expect(await page.evaluate(() => window.pageReadBacks)).toBeGreaterThan(0);
});
