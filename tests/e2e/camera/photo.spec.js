// "Scan from photo": a picture of a code chosen with the file input.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test, expect } from "../fixtures.js";
import { fakeCamera, openScanner, photoDir } from "./fake.js";

// A tablet without a camera: the photo is the way to scan.
test.use({ launchOptions: fakeCamera(null, { grant: false }) });

function photo(category) {
  const frames = JSON.parse(readFileSync(join(photoDir, "frames.json"), "utf8"));
  const frame = frames.find((f) => f.category === category && f.width === 640);
  return { path: join(photoDir, frame.file), text: frame.expected };
}

test("a photo of a customer code is read and the code is looked up", async ({ page }) => {
  await openScanner(page, expect);
  await expect(page.getByTestId("scan-error")).toContainText("Camera access was refused");
  // A generated code is a well-formed customer code the demo server does not
  // know: its "not found" answer proves the code was read and sent.
  const { path } = photo("inverted");
  await page.getByTestId("scan-photo-input").setInputFiles(path);
  await expect(page.getByTestId("scan-error")).toContainText("Customer not found");
});

test("a file that is not a picture, or a picture without a code, is explained", async ({ page }) => {
  await openScanner(page, expect);
  await page.getByTestId("scan-photo-input").setInputFiles({
    name: "receipt.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("not an image"),
  });
  await expect(page.getByTestId("scan-error")).toHaveText("This file is not a picture the browser can open");
  await page.getByTestId("scan-photo-input").setInputFiles({
    name: "blank.png",
    mimeType: "image/png",
    buffer: readFileSync("tests/e2e/camera/blank.png"),
  });
  await expect(page.getByTestId("scan-error")).toHaveText("No QR code found in this photo");
});
