import { test, expect, moneyOf, scan } from "./fixtures.js";
import { WATER } from "./screens.js";

test("the shift login screen renders every field", async ({ page }) => {
  await page.goto("/");
  for (const id of [
    "login-base-url",
    "login-branch-token",
    "login-cashier",
    "login-opening-cash",
    "login-submit",
    "login-demo",
    "lang-select",
  ]) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await expect(page.getByTestId("login-branch-token")).toHaveAttribute("type", "password");
  await expect(page.getByTestId("login-error")).toHaveCount(0);
  await page.screenshot({ path: "tests/e2e/artifacts/login-tablet.png", fullPage: true });
});

test("submitting an empty form names the first missing field", async ({ page }) => {
  await page.goto("/");
  // The deployment's default address (public/config.json) is filled in.
  await expect(page.getByTestId("login-base-url")).toHaveValue("https://dev-api.aos-shop.uz");
  await page.getByTestId("login-base-url").fill("");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText("Enter the loyalty server address");

  await page.getByTestId("login-base-url").fill("http://dev-api.aos-shop.uz");
  await page.getByTestId("login-branch-token").fill("branch-secret");
  await page.getByTestId("login-cashier").fill("Aziza");
  await page.getByTestId("login-opening-cash").fill("0");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText(/must start with https/);
  await expect(page.getByTestId("login-error")).not.toContainText("branch-secret");

  await page.getByTestId("login-base-url").fill("https://dev-api.aos-shop.uz");
  await page.getByTestId("login-branch-token").fill("");
  await page.getByTestId("login-cashier").fill("");
  await page.getByTestId("login-opening-cash").fill("");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText("Enter the branch token");

  await page.getByTestId("login-branch-token").fill("branch-secret");
  await page.getByTestId("login-cashier").fill("Aziza");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText(/cash in the drawer/);

  await page.getByTestId("login-opening-cash").fill("100 000");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveCount(0);
  // The shift is open: the checkout screen, and the token is nowhere in the URL.
  await expect(page.getByTestId("item-barcode-input")).toBeFocused();
  expect(page.url()).not.toContain("branch-secret");
});

test("the language choice translates the screen and is remembered", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("lang-select").selectOption("ru");
  await expect(page.getByTestId("login-submit")).toHaveText("Открыть смену");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await page.reload();
  await expect(page.getByTestId("login-submit")).toHaveText("Открыть смену");
  await expect(page.getByTestId("lang-select")).toHaveValue("ru");
});

test("on a phone the login fits the width and targets stay large", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  for (const id of ["login-submit", "login-demo", "login-cashier", "lang-select"]) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box.height, `${id} height`).toBeGreaterThanOrEqual(44);
  }
  await page.screenshot({ path: "tests/e2e/artifacts/login-phone.png", fullPage: true });
});

test("a shift without a loyalty program asks for no server and records its sales", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("login-provider")).toHaveValue("aos");
  await page.getByTestId("login-provider").selectOption("none");
  await expect(page.getByTestId("login-base-url")).toHaveCount(0);
  await expect(page.getByTestId("login-branch-token")).toHaveCount(0);
  // The choice is the tablet's, kept for the next login.
  await page.reload();
  await expect(page.getByTestId("login-provider")).toHaveValue("none");
  await page.getByTestId("login-cashier").fill("Aziza");
  await page.getByTestId("login-opening-cash").fill("0");
  await page.getByTestId("login-submit").click();

  await scan(page, WATER.barcode);
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  // Nothing of a loyalty program on screen.
  for (const id of ["scan-open", "customer-name", "bonus-open", "bonus-applied"]) {
    await expect(page.getByTestId(id)).toHaveCount(0);
  }
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("5000");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-status")).toHaveText("recorded");
  await expect(page.getByTestId("pay-change")).toHaveCount(0);
  expect(await moneyOf(page.getByTestId("sale-change"))).toBe("1000.00");
  await expect(page.getByTestId("outbox-pending")).toHaveText("0");
});

test("a store server asks for its address, key and register, and a bad address is refused", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("login-provider").selectOption("none");
  await expect(page.getByTestId("login-store-server")).toHaveValue("none");
  for (const id of ["login-srv4pos-url", "login-srv4pos-key", "login-register-name"]) {
    await expect(page.getByTestId(id)).toHaveCount(0);
  }
  await page.getByTestId("login-store-server").selectOption("srv4pos");
  for (const id of ["login-srv4pos-url", "login-srv4pos-key", "login-register-name"]) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await expect(page.getByTestId("login-srv4pos-key")).toHaveAttribute("type", "password");
  await page.getByTestId("login-cashier").fill("Aziza");
  await page.getByTestId("login-opening-cash").fill("0");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText("Enter the store server address");

  await page.getByTestId("login-srv4pos-url").fill("https://s.srv4pos.com/UZ301234567");
  await page.getByTestId("login-srv4pos-key").fill("register-secret");
  await page.getByTestId("login-register-name").fill("Till 1");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText(/must end in \/v<version>\/<seller id>/);
  await page.getByTestId("login-srv4pos-url").fill("http://s.srv4pos.com/v45/UZ301234567");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText(/must start with https/);
  await expect(page.getByTestId("login-error")).not.toContainText("register-secret");

  // The choice stays with the tablet, as the loyalty program does.
  await page.reload();
  await expect(page.getByTestId("login-store-server")).toHaveValue("srv4pos");
  await page.getByTestId("login-srv4pos-url").fill("https://s.srv4pos.com/v45/UZ301234567");
  await page.getByTestId("login-srv4pos-key").fill("register-secret");
  await page.getByTestId("login-register-name").fill("Till 1");
  await page.getByTestId("login-cashier").fill("Aziza");
  await page.getByTestId("login-opening-cash").fill("0");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("item-barcode-input")).toBeFocused();
  expect(page.url()).not.toContain("register-secret");
});

test("a browser that refuses storage gets the reason in place of the login, in its language", async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException("blocked", "SecurityError");
    };
    localStorage.setItem("kassa.lang", "ru");
  });
  await page.goto("/");
  await expect(page.getByRole("alert")).toContainText("хранилище заблокировано");
  await expect(page.getByTestId("login-demo")).toHaveCount(0);
});
