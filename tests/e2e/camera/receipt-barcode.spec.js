// Refunds (issues 17 and 18): the camera reads the Code 128 barcode every
// printed receipt carries and finds the sale. A receipt number is known only
// once the sale is made, and a fake camera's video is a launch flag, so the
// sale is made in one browser and its barcode filmed by a second one on the
// same profile (the journal lives in its IndexedDB).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { test, expect, scan } from "../fixtures.js";
import { chromiumLaunch } from "../../chromium.js";
import { WATER } from "../screens.js";
import { fakeCamera } from "./fake.js";

const contexts = [];

async function open(profile, launch, baseURL) {
  const context = await chromium.launchPersistentContext(profile, {
    ...launch,
    baseURL,
    locale: "en-US",
    viewport: { width: 1280, height: 800 },
    serviceWorkers: "block",
  });
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(message.text());
  });
  await page.goto("/");
  const demo = page.getByTestId("login-demo");
  const cart = page.getByTestId("cart-empty");
  await expect(demo.or(cart)).toBeVisible();
  if (await demo.isVisible()) await demo.click();
  await expect(cart).toBeVisible();
  return { context, page, problems };
}

test("the camera reads a printed receipt's barcode and the sale is found", async ({ baseURL }) => {
  const profile = mkdtempSync(join(tmpdir(), "kassa-receipt-"));
  try {
    const till = await open(profile, chromiumLaunch, baseURL);
    await scan(till.page, WATER.barcode);
    await till.page.getByTestId("pay-open").click();
    await till.page.getByTestId("pay-cash-input").fill("4000");
    await till.page.getByTestId("pay-submit").click();
    const number = (await till.page.getByTestId("receipt-number").textContent()).trim();
    await till.page.getByTestId("sale-new").click();
    await expect(till.page.getByTestId("cart-empty")).toBeVisible();
    expect(till.problems).toEqual([]);
    await till.context.close();

    const video = join(profile, "receipt.y4m");
    execFileSync("target/debug/qr-video", [number, video, "--code128", "--size", "1280x720"], { stdio: "ignore" });
    const camera = await open(profile, fakeCamera({ file: video }), baseURL);
    await camera.page.getByTestId("refund-open").click();
    await camera.page.getByTestId("refund-scan").click();
    await expect(camera.page.getByTestId("refund-original")).toHaveText(number);
    await expect(camera.page.getByTestId("refund-receipt-input")).toHaveValue(number);
    // The camera is off once the number is read.
    await expect(camera.page.getByTestId("scan-video")).toHaveCount(0);
    expect(camera.problems).toEqual([]);
    await camera.context.close();
  } finally {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});
