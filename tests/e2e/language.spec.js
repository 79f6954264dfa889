import { test, expect, scan } from "./fixtures.js";
import { COLA, openDemo } from "./screens.js";

// What each language shows for the same receipt: two colas, 25 000 so'm.
const LANGUAGES = [
  { code: "en", login: "Open shift", pay: "Payment", total: "25,000.00", currency: "UZS", date: /\d{4}-\d\d-\d\d \d\d:\d\d/ },
  { code: "ru", login: "Открыть смену", pay: "Оплата", total: "25 000,00", currency: "сум", date: /\d\d\.\d\d\.\d{4} \d\d:\d\d/ },
  { code: "uz", login: "Smenani ochish", pay: "To‘lov", total: "25 000,00", currency: "so'm", date: /\d\d\.\d\d\.\d{4} \d\d:\d\d/ },
];

// A message key that leaked to the screen instead of its text looks like
// `LoginTitle` or `ErrNoCamera`.
const RAW_KEY = /\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b/;

async function expectNoRawKeys(page) {
  const text = await page.locator("body").innerText();
  expect(text.match(RAW_KEY), "no raw message key on screen").toBeNull();
}

test("switching languages changes the texts, money and dates, and is remembered", async ({ page }) => {
  await page.goto("/");
  for (const lang of LANGUAGES) {
    await page.getByTestId("lang-select").selectOption(lang.code);
    await expect(page.locator("html")).toHaveAttribute("lang", lang.code);
    await expect(page.getByTestId("login-submit")).toHaveText(lang.login);
    await expectNoRawKeys(page);
  }

  await openDemo(page);
  await scan(page, COLA.barcode);
  await scan(page, COLA.barcode);
  for (const lang of LANGUAGES) {
    await page.getByTestId("lang-select").selectOption(lang.code);
    await expect(page.getByTestId("pay-open")).toContainText(lang.pay);
    await expect(page.getByTestId("total-due")).toHaveText(lang.total);
    await expect(page.getByTestId("total-due")).toHaveAttribute("data-value", "25000.00");
    await expect(page.getByTestId("total-due").locator("xpath=..")).toContainText(lang.currency);
    await expectNoRawKeys(page);
  }

  // The printed receipt (shown only to the printer) dates the sale per language.
  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("25 000");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-status")).toBeVisible();
  for (const lang of LANGUAGES) {
    await page.getByTestId("lang-select").selectOption(lang.code);
    const receipt = await page.getByTestId("printed-receipt").textContent();
    expect(receipt).toMatch(lang.date);
    expect(receipt).toContain(`${lang.total} ${lang.currency}`);
  }

  // The last choice survives a reload.
  await page.reload();
  await expect(page.getByTestId("lang-select").first()).toHaveValue("uz");
  await expect(page.locator("html")).toHaveAttribute("lang", "uz");
});

test.describe("on a browser set to Russian", () => {
  test.use({ locale: "ru-RU" });

  test("the first visit speaks Russian", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("login-submit")).toHaveText("Открыть смену");
    await expect(page.getByTestId("lang-select")).toHaveValue("ru");
  });
});
