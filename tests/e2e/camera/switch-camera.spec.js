// A tablet with a front and a rear camera: two of Chromium's generated fake
// devices (a video file would make it one).
import { test, expect } from "../fixtures.js";
import { fakeCamera, openScanner, watchCameraTracks } from "./fake.js";

test.use({ launchOptions: fakeCamera(null, { cameras: 2 }) });

test("switching moves to the other camera and leaves one camera on", async ({ page }) => {
  await watchCameraTracks(page);
  await page.addInitScript(() => {
    window.openedCameras = () => {
      const video = document.querySelector("[data-testid=scan-video]");
      return video?.srcObject?.getVideoTracks()[0]?.getSettings().deviceId ?? null;
    };
  });
  await openScanner(page, expect);
  await expect(page.getByTestId("scan-switch-camera")).toBeVisible();
  const first = await page.evaluate(() => window.openedCameras());
  expect(first).not.toBeNull();
  await page.getByTestId("scan-switch-camera").click();
  await expect.poll(() => page.evaluate(() => window.openedCameras())).not.toBe(first);
  await expect.poll(() => page.evaluate(() => window.liveCameraTracks())).toBe(1);
  await expect(page.getByTestId("scan-video")).toBeVisible();
});
