// The receipt printer, the cash drawer and the customer display, against a
// test double of WebUSB installed before the app loads: it records every
// transfer's bytes, and can be told to fail as an unplugged printer does.
import { test, expect, scan } from "./fixtures.js";
import { COLA, JASUR, WATER, openDemo } from "./screens.js";

const DRAWER_PULSE = [0x1b, 0x70, 0, 25, 250];
const CUT = [0x1d, 0x56, 66, 3];

/** A USB receipt printer (class 7, bulk OUT endpoint 2) that remembers its pairing. */
function fakeUsbPrinter() {
  window.__printer = { jobs: [], fail: false };
  const configuration = {
    configurationValue: 1,
    interfaces: [{
      interfaceNumber: 0,
      alternate: {
        interfaceClass: 7,
        endpoints: [
          { endpointNumber: 1, direction: "in", type: "bulk" },
          { endpointNumber: 2, direction: "out", type: "bulk" },
        ],
      },
    }],
  };
  const device = {
    opened: false,
    configuration: null,
    async open() { this.opened = true; },
    async selectConfiguration() { this.configuration = configuration; },
    async claimInterface() {},
    async transferOut(endpoint, data) {
      if (endpoint !== 2) throw new DOMException("wrong endpoint", "NotFoundError");
      if (window.__printer.fail) throw new DOMException("The device was disconnected.", "NetworkError");
      window.__printer.jobs.push(Array.from(data));
      return { status: "ok", bytesWritten: data.length };
    },
  };
  const usb = new EventTarget();
  usb.requestDevice = async () => {
    localStorage.setItem("fake-usb-paired", "1");
    return device;
  };
  usb.getDevices = async () => (localStorage.getItem("fake-usb-paired") && !window.__printer.unplugged ? [device] : []);
  // Plugs the printer out or back in, with the events WebUSB fires.
  window.__printer.plug = (inserted) => {
    window.__printer.unplugged = !inserted;
    const event = new Event(inserted ? "connect" : "disconnect");
    event.device = device;
    usb.dispatchEvent(event);
  };
  Object.defineProperty(navigator, "usb", { configurable: true, value: usb });
}

const jobs = (page) => page.evaluate(() => window.__printer.jobs);
const has = (bytes, part) => bytes.some((_, i) => part.every((b, j) => bytes[i + j] === b));
const ascii = (text) => Array.from(text, (c) => c.charCodeAt(0));

async function pair(page) {
  await page.getByTestId("printer-status").click();
  await expect(page.getByTestId("printer-status")).toHaveText("none");
  await page.getByTestId("printer-connect").click();
  await expect(page.getByTestId("printer-status")).toHaveText("ready");
  await closeMenu(page);
}

/** Closes the printer menu and gives the barcode field its focus back. */
async function closeMenu(page) {
  await page.getByTestId("printer-status").click();
  await page.getByTestId("item-barcode-input").focus();
}

async function sell(page, barcode, { cash, card }) {
  await scan(page, barcode);
  await page.getByTestId("pay-open").click();
  if (card) await page.getByTestId("pay-card-input").fill(card);
  if (cash) await page.getByTestId("pay-cash-input").fill(cash);
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("sale-result")).toBeVisible();
  return page.getByTestId("receipt-number").textContent();
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(fakeUsbPrinter);
  await page.addInitScript(() => {
    window.printDialogs = 0;
    window.print = () => (window.printDialogs += 1);
  });
});

test("a paired printer prints each sale once, kicks the drawer for cash only, reprints on request", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  await pair(page);

  // A cash sale: printed by itself, drawer first, cut at the end.
  const first = await sell(page, WATER.barcode, { cash: "5 000" });
  await expect.poll(async () => (await jobs(page)).length).toBe(1);
  let [receipt] = await jobs(page);
  expect(receipt.slice(0, 5)).toEqual([0x1b, 0x40, 0x1b, 0x74, 17]);
  expect(has(receipt, DRAWER_PULSE)).toBe(true);
  expect(has(receipt, ascii(first))).toBe(true);
  expect(has(receipt, ascii("Water Hydrolife 1.5 l"))).toBe(true);
  expect(receipt.slice(-4)).toEqual(CUT);
  expect(has(receipt, ascii("COPY"))).toBe(false);

  // Asked again: a copy, without the drawer, and no print dialog.
  await page.getByTestId("receipt-print").click();
  await expect.poll(async () => (await jobs(page)).length).toBe(2);
  const copy = (await jobs(page))[1];
  expect(has(copy, ascii("COPY"))).toBe(true);
  expect(has(copy, DRAWER_PULSE)).toBe(false);
  expect(await page.evaluate(() => window.printDialogs)).toBe(0);
  await page.getByTestId("sale-new").click();

  // A card sale prints without opening the drawer.
  await sell(page, COLA.barcode, { card: "12 500" });
  await expect.poll(async () => (await jobs(page)).length).toBe(3);
  expect(has((await jobs(page))[2], DRAWER_PULSE)).toBe(false);
  await page.getByTestId("sale-new").click();

  // The drawer by hand.
  await page.getByTestId("printer-status").click();
  await page.getByTestId("drawer-open").click();
  await expect.poll(async () => (await jobs(page)).length).toBe(4);
  expect((await jobs(page))[3]).toEqual([0x1b, 0x40, ...DRAWER_PULSE]);

  // The test page.
  await page.getByTestId("printer-test").click();
  await expect.poll(async () => (await jobs(page)).length).toBe(5);
  expect(has((await jobs(page))[4], ascii("Printer test"))).toBe(true);
  expect(has((await jobs(page))[4], ascii("0123456789"))).toBe(true);

  // The X report counts the drawer openings and reprints from the journal.
  await closeMenu(page);
  await page.getByTestId("report-x").click();
  await expect(page.getByTestId("report-drawer-openings")).toHaveText("2");
  const listed = await page.getByTestId("journal-receipt").first().textContent();
  await page.getByTestId("journal-reprint").first().click();
  await expect.poll(async () => (await jobs(page)).length).toBe(6);
  expect(has((await jobs(page))[5], ascii(listed))).toBe(true);
  expect(await page.evaluate(() => window.printDialogs)).toBe(0);
  await page.getByTestId("report-print").click();
  await expect.poll(async () => (await jobs(page)).length).toBe(7);
  const report = (await jobs(page))[6];
  expect(has(report, ascii("X report"))).toBe(true);
  expect(has(report, ascii("Drawer openings"))).toBe(true);

  // After a reload the pairing is restored without asking.
  await page.reload();
  await expect(page.getByTestId("printer-status")).toHaveText("ready");
});

test("a printer that fails mid-print leaves the sale final and reprints from the journal", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  await pair(page);
  await page.evaluate(() => (window.__printer.fail = true));

  const number = await sell(page, WATER.barcode, { cash: "4 000" });
  await expect(page.getByTestId("printer-status")).toHaveText("error");
  await expect(page.getByTestId("printer-error")).toContainText("did not take the receipt");
  await expect(page.getByTestId("sale-status")).toHaveText("recorded");
  expect(await jobs(page)).toEqual([]);
  await page.getByTestId("sale-new").click();

  // Back on: nothing is printed again until asked, then it prints once.
  await page.evaluate(() => (window.__printer.fail = false));
  await page.getByTestId("report-x").click();
  await expect(page.getByTestId("report-sales-count")).toHaveText("1");
  await expect(page.getByTestId("journal-receipt").first()).toHaveText(number);
  expect(await jobs(page)).toEqual([]);
  await page.getByTestId("journal-reprint").first().click();
  await expect.poll(async () => (await jobs(page)).length).toBe(1);
  expect(has((await jobs(page))[0], ascii(number))).toBe(true);
  await expect(page.getByTestId("printer-status")).toHaveText("ready");
  await expect(page.getByTestId("printer-error")).toBeHidden();
  await page.waitForTimeout(300);
  expect((await jobs(page)).length).toBe(1);

  // Unplugged: an error at once; plugged back in: ready, without asking.
  await page.evaluate(() => window.__printer.plug(false));
  await expect(page.getByTestId("printer-status")).toHaveText("error");
  await page.evaluate(() => window.__printer.plug(true));
  await expect(page.getByTestId("printer-status")).toHaveText("ready");
});

test("without WebUSB and Web Serial the print dialog stays, and the cashier is told why", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "usb", { configurable: true, value: undefined });
    Object.defineProperty(navigator, "serial", { configurable: true, value: undefined });
  });
  await page.goto("/");
  await openDemo(page);
  await page.getByTestId("printer-status").click();
  await expect(page.getByTestId("printer-unsupported")).toContainText("Chrome or Edge");
  await expect(page.getByTestId("printer-connect")).toHaveCount(0);
  await closeMenu(page);
  await sell(page, WATER.barcode, { cash: "4 000" });
  await page.getByTestId("receipt-print").click();
  await expect.poll(() => page.evaluate(() => window.printDialogs)).toBe(1);
});

test("the customer display follows a sale to the thank-you and survives a checkout reload", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  await page.getByTestId("printer-status").click();
  const [display] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByTestId("customer-display-open").click(),
  ]);
  await expect(display.getByTestId("cd-due")).toHaveAttribute("data-value", "0.00");
  await closeMenu(page);

  await scan(page, WATER.barcode);
  await expect(display.getByTestId("cd-line")).toHaveCount(1);
  await expect(display.getByTestId("cd-total")).toHaveAttribute("data-value", "4000.00");
  await scan(page, COLA.barcode);
  await expect(display.getByTestId("cd-line")).toHaveCount(2);
  await expect(display.getByTestId("cd-line").nth(1)).toContainText("Coca-Cola 1.5 l");
  await page.getByTestId("scan-open").click();
  await page.getByTestId("scan-manual-input").fill(JASUR);
  await page.getByTestId("scan-manual-submit").click();
  await expect(display.getByTestId("cd-customer")).toHaveText("Jasur Tursunov");
  await page.getByTestId("bonus-open").click();
  await page.getByTestId("bonus-input").fill("1 000");
  await page.getByTestId("bonus-apply").click();
  await expect(display.getByTestId("cd-due")).toHaveAttribute("data-value", "15500.00");

  // Nothing of the cashier's: no buttons, no token, no customer code.
  await expect(display.locator("button, input, select")).toHaveCount(0);
  const shown = await display.content();
  expect(shown).not.toContain(JASUR);
  expect(shown).not.toContain("demo-branch");

  await page.getByTestId("pay-open").click();
  await page.getByTestId("pay-cash-input").fill("20 000");
  await page.getByTestId("pay-submit").click();
  await expect(display.getByTestId("cd-thanks")).toBeVisible();
  await expect(display.getByTestId("cd-change")).toHaveAttribute("data-value", "4500.00");
  // round(15 500 × 3 %) = 465.
  await expect(display.getByTestId("cd-earned")).toHaveAttribute("data-value", "465.00");
  await page.getByTestId("sale-new").click();
  await expect(display.getByTestId("cd-thanks")).toBeHidden();
  await expect(display.getByTestId("cd-line")).toHaveCount(0);

  // A sale under way, then the checkout reloads: the display forgets the
  // lost cart and follows the next one.
  await scan(page, WATER.barcode);
  await expect(display.getByTestId("cd-line")).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("cart-empty")).toBeVisible();
  await expect(display.getByTestId("cd-line")).toHaveCount(0);
  await scan(page, COLA.barcode);
  await expect(display.getByTestId("cd-line")).toHaveCount(1);

  // Closed and opened again, it shows the sale under way at once.
  await display.close();
  await page.getByTestId("printer-status").click();
  const [again] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByTestId("customer-display-open").click(),
  ]);
  await expect(again.getByTestId("cd-line")).toHaveCount(1);
  await expect(again.getByTestId("cd-total")).toHaveAttribute("data-value", "12500.00");
});

test("the drawer opens by hand only with the supervisor's PIN where one is set", async ({ page }) => {
  // node scripts/supervisor-pin.mjs 2468 --salt 6b617373612d7465737421 --iterations 100000
  const supervisorPin =
    "pbkdf2-sha256$100000$6b617373612d7465737421$a9138d6b8258898b590d6808c7c0b62d720fa80d4b816b9558f27643331eb43b";
  await page.route("**/public/config.json", (route) =>
    route.fulfill({ contentType: "application/json", body: JSON.stringify({ supervisorPin }) }),
  );
  await page.goto("/");
  await openDemo(page);
  await pair(page);
  await page.getByTestId("printer-status").click();
  await expect(page.getByTestId("drawer-open")).toBeDisabled();
  await page.getByTestId("supervisor-pin").fill("1357");
  await page.getByTestId("supervisor-ok").click();
  await expect(page.getByTestId("supervisor-error")).toContainText("Wrong PIN");
  await expect(page.getByTestId("drawer-open")).toBeDisabled();
  expect(await jobs(page)).toHaveLength(0);
  await page.getByTestId("supervisor-pin").fill("2468");
  await page.getByTestId("supervisor-ok").click();
  await page.getByTestId("drawer-open").click();
  await expect.poll(async () => (await jobs(page)).length).toBe(1);
  expect((await jobs(page))[0]).toEqual([0x1b, 0x40, ...DRAWER_PULSE]);
});

test("a refund prints its own receipt once, kicking the drawer for cash only; a reprint goes to the printer", async ({ page }) => {
  await page.goto("/");
  await openDemo(page);
  await pair(page);
  const cash = await sell(page, WATER.barcode, { cash: "4 000" });
  await page.getByTestId("sale-new").click();
  const card = await sell(page, COLA.barcode, { card: "12 500" });
  await page.getByTestId("sale-new").click();
  await expect.poll(async () => (await jobs(page)).length).toBe(2);

  const refunds = [];
  for (const number of [card, cash]) {
    await page.getByTestId("refund-open").click();
    await page.getByTestId("refund-receipt-input").fill(number);
    await page.getByTestId("refund-find").click();
    await page.getByTestId("refund-line").getByTestId("refund-line-qty").fill("1");
    await page.getByTestId("refund-submit").click();
    await expect(page.getByTestId("refund-status")).toHaveText("recorded");
    refunds.push(await page.getByTestId("refund-number").textContent());
    if (number === cash) break;
    await page.keyboard.press("Escape");
  }
  await expect.poll(async () => (await jobs(page)).length).toBe(4);
  const [cardRefund, cashRefund] = (await jobs(page)).slice(2);
  for (const [job, original, refund] of [[cardRefund, card, refunds[0]], [cashRefund, cash, refunds[1]]]) {
    expect(has(job, ascii("REFUND"))).toBe(true);
    expect(has(job, ascii(original))).toBe(true);
    expect(has(job, ascii(refund))).toBe(true);
    expect(has(job, CUT)).toBe(true);
  }
  expect(has(cardRefund, DRAWER_PULSE)).toBe(false);
  expect(has(cashRefund, DRAWER_PULSE)).toBe(true);

  // Asked for again: the printer prints it, the drawer stays shut, no dialog.
  await page.getByTestId("refund-print").click();
  await expect.poll(async () => (await jobs(page)).length).toBe(5);
  const reprint = (await jobs(page))[4];
  expect(has(reprint, ascii(refunds[1]))).toBe(true);
  expect(has(reprint, DRAWER_PULSE)).toBe(false);
  expect(await page.evaluate(() => window.printDialogs)).toBe(0);
});
