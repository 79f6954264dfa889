// The app in parts (src/parts.rs, scripts/split-app.mjs): the login comes
// first, the checkout behind it in a part of its own fetched once the login
// is on screen (src/ui/front_door.rs), each dialog's part arrives when it is
// first needed, and a part that cannot be downloaded leaves the rest of the
// checkout working.
import { test, expect, scan } from "./fixtures.js";
import { openDemo, WATER } from "./screens.js";

const part = (name) => new RegExp(`/kassa-[0-9a-f]+-${name}\\.wasm$`);

const appPart = part("app");

test("the login comes before the checkout's code, which follows in one file once the login is on screen", async ({ page }) => {
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (!window.loginShown && document.querySelector('[data-testid="login-demo"]')) window.loginShown = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto("/");
  await expect(page.getByTestId("login-demo")).toBeVisible();
  const appFetches = () =>
    page.evaluate((source) => {
      const pattern = new RegExp(source);
      return performance.getEntriesByType("resource").filter((entry) => pattern.test(entry.name)).map((entry) => entry.startTime);
    }, appPart.source);
  await expect.poll(appFetches).toHaveLength(1);
  const [requested] = await appFetches();
  expect(requested).toBeGreaterThan(await page.evaluate(() => window.loginShown));
  // The chunks the checkout shares with the dialogs travel inside its file.
  const chunks = await page.evaluate(() => performance.getEntriesByType("resource").filter((entry) => /-chunk_\d+\.wasm$/.test(entry.name)).length);
  expect(chunks).toBe(0);

  await openDemo(page);
  expect(await appFetches()).toHaveLength(1);
});

test("a shift opened while the checkout's part cannot come says so, and opens once it does", async ({ page }) => {
  let blocked = true;
  await page.route(appPart, (route) => (blocked ? route.abort() : route.continue()));
  await page.goto("/");
  await page.getByTestId("login-cashier").fill("Dilnoza");
  await page.getByTestId("login-demo").click();
  await expect(page.getByTestId("part-missing")).toBeVisible();
  await expect(page.getByTestId("cart-empty")).toHaveCount(0);

  blocked = false;
  await page.getByTestId("part-retry").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  await expect(page.locator(".cashier")).toHaveText("Dilnoza");
  // The shift was kept before the part was asked for: a reload resumes it.
  await page.reload();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
});

// Holds back every IndexedDB open of the page (the page sees it succeed
// only once window.releaseDatabases() is called), and notes whether the
// login was ever on screen.
function holdDatabases() {
  const open = IDBFactory.prototype.open;
  const held = [];
  window.heldDatabases = () => held.length;
  window.releaseDatabases = () => {
    window.holding = false;
    held.splice(0).forEach((request) => request.dispatchEvent(new Event("success")));
  };
  IDBFactory.prototype.open = function (...args) {
    const request = open.apply(this, args);
    request.addEventListener("success", (event) => {
      if (event.isTrusted && window.holding) {
        event.stopImmediatePropagation();
        held.push(request);
      }
    });
    return request;
  };
  window.holding = sessionStorage.getItem("hold") === "yes";
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="login-demo"]')) window.loginSeen = true;
  }).observe(document, { childList: true, subtree: true });
}

test("the login does not wait for the database; a shift opened meanwhile is stored once it opens, and a reload resumes it without the login", async ({ page }) => {
  await page.addInitScript(holdDatabases);
  await page.goto("/");
  await page.evaluate(() => sessionStorage.setItem("hold", "yes"));
  await page.reload();
  await expect(page.getByTestId("login-demo")).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.heldDatabases())).toBe(1);
  await page.getByTestId("login-cashier").fill("Dilnoza");
  await page.getByTestId("login-demo").click();
  // Nothing to store the shift in yet: the login stays until the database opens.
  await expect(page.getByTestId("login-demo")).toBeVisible();
  await expect(page.getByTestId("cart-empty")).toHaveCount(0);
  await page.evaluate(() => window.releaseDatabases());
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  await expect(page.locator(".cashier")).toHaveText("Dilnoza");

  // Mid-shift, the front door waits for the database instead of flashing the login.
  await page.reload();
  await expect.poll(() => page.evaluate(() => window.heldDatabases())).toBe(1);
  await expect(page.getByTestId("cart-empty")).toHaveCount(0);
  await page.evaluate(() => window.releaseDatabases());
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  await expect(page.locator(".cashier")).toHaveText("Dilnoza");
  expect(await page.evaluate(() => window.loginSeen ?? false)).toBe(false);
});

test("a shift the hint beside the database missed still resumes", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("login-cashier").fill("Dilnoza");
  await page.getByTestId("login-demo").click();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("kassa.shift-open"))).toBe("1");
  await page.evaluate(() => localStorage.removeItem("kassa.shift-open"));
  await page.reload();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  await expect(page.locator(".cashier")).toHaveText("Dilnoza");
  // Reading the record put the hint right.
  expect(await page.evaluate(() => localStorage.getItem("kassa.shift-open"))).toBe("1");
});

test("the checkout opens without the dialogs' parts; the payment's part comes with pay-open", async ({ page }) => {
  const fetched = [];
  page.on("request", (request) => fetched.push(request.url()));
  await page.goto("/");
  await openDemo(page);
  await scan(page, WATER.barcode);
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  for (const name of ["sale", "customer", "report", "printer"]) {
    expect(fetched.filter((url) => part(name).test(url)), name).toEqual([]);
  }
  // The catalog reader is the one part the empty checkout asks for.
  expect(fetched.some((url) => part("catalog").test(url))).toBe(true);

  await page.getByTestId("pay-open").click();
  await expect(page.getByTestId("pay-cash-input")).toBeVisible();
  expect(fetched.filter((url) => part("sale").test(url))).toHaveLength(1);
});

test("a part that cannot be downloaded says so, and comes when asked again", async ({ page }) => {
  let blocked = true;
  await page.route(part("report"), (route) => (blocked ? route.abort() : route.continue()));
  await page.goto("/");
  await openDemo(page);

  await scan(page, WATER.barcode);
  await page.getByTestId("report-x").click();
  await expect(page.getByTestId("part-missing")).toBeVisible();
  await expect(page.getByTestId("report-sales-count")).toHaveCount(0);
  // The rest of the checkout works meanwhile: the receipt stays, other dialogs open.
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await page.getByTestId("scan-open").click();
  await expect(page.getByTestId("scan-manual-input")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("scan-manual-input")).toHaveCount(0);

  blocked = false;
  await page.getByTestId("report-x").click();
  await expect(page.getByTestId("report-sales-count")).toBeVisible();
  await expect(page.getByTestId("part-missing")).toHaveCount(0);
});
