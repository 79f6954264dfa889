// Chromium's fake camera filming a Capillary member card: the member is
// found from the card's code, as if it had been typed.
import { test, expect } from "../fixtures.js";
import { cameraVideos, fakeCamera, watchCameraTracks } from "./fake.js";

test.use({ launchOptions: fakeCamera(cameraVideos.card) });

test("a member card in front of the camera finds the member", async ({ page }) => {
  await watchCameraTracks(page);
  await page.goto("/");
  await page.getByTestId("login-provider").selectOption("capillary");
  await page.getByTestId("login-demo").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  await page.getByTestId("scan-open").click();

  await expect(page.getByTestId("customer-name")).toHaveText("Dilnoza Rahimova");
  expect(await page.evaluate(() => window.openedCameraTracks())).toBeGreaterThan(0);
  await expect(page.getByTestId("customer-points")).toHaveAttribute("data-value", "6420");
  await expect(page.getByTestId("customer-tier")).toHaveText("Gold");
  // The dialog is closed and the camera with it.
  await expect(page.getByTestId("scan-video")).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.liveCameraTracks())).toBe(0);
});
