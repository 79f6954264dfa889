// Chromium's fake camera, showing a chosen QR code (see global-setup.js).

import { chromiumLaunch } from "../../chromium.js";

export const DILNOZA = "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11";
export const JASUR = "0b7e3c1a-9d2f-4e6b-8a15-3c4d5e6f7a8b";

export const cameraVideos = {
  customer: { text: DILNOZA, file: "tests/e2e/artifacts/customer-qr.y4m" },
  foreign: { text: "https://example.com/menu", file: "tests/e2e/artifacts/foreign-qr.y4m" },
  // Dilnoza's Capillary member card (src/loyalty/capillary/seed.json).
  card: { text: "400012345678", file: "tests/e2e/artifacts/card-qr.y4m" },
  // The AppsPOS demo's code without a voucher (src/loyalty/appspos/seed.json).
  transaction: { text: "QR-20261201-C3D4-0000002", file: "tests/e2e/artifacts/transaction-qr.y4m" },
  // Two seconds of an empty counter, then Dilnoza's code for two: the
  // scan-to-customer figure starts at the first frame that holds it.
  lateCustomer: { text: DILNOZA, file: "tests/e2e/artifacts/late-customer-qr.y4m", args: ["--blank", "20", "--frames", "20"] },
};

export const photoDir = "tests/e2e/artifacts/photos";

/** Launch options for a browser whose camera films `video` (or Chromium's
 * generated picture); without `grant`, the permission prompt stays
 * unanswered and is refused. `cameras` fake devices (a video file allows
 * one), and `args` added as they are. */
export function fakeCamera(video, { grant = true, cameras = 1, args = [] } = {}) {
  const device = "--use-fake-device-for-media-stream";
  const flags = [...chromiumLaunch.args, cameras > 1 ? `${device}=device-count=${cameras}` : device, ...args];
  if (grant) flags.push("--use-fake-ui-for-media-stream");
  if (video) flags.push(`--use-file-for-fake-video-capture=${video.file}`);
  return { ...chromiumLaunch, args: flags };
}

/** Counts the camera tracks the page opened, and those still live. */
export async function watchCameraTracks(page) {
  await page.addInitScript(() => {
    const streams = [];
    const devices = navigator.mediaDevices;
    const open = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      streams.push(stream);
      return stream;
    };
    const tracks = () => streams.flatMap((s) => s.getTracks());
    window.openedCameraTracks = () => tracks().length;
    window.liveCameraTracks = () => tracks().filter((t) => t.readyState === "live").length;
  });
}

/** Demo login, then the customer scanner. */
export async function openScanner(page, expect, url = "/") {
  await page.goto(url);
  await page.getByTestId("login-demo").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  await page.getByTestId("scan-open").click();
}
