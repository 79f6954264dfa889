import { chromium } from "@playwright/test";
import { startCaddy } from "../caddy.js";
import { chromiumLaunch } from "../chromium.js";
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const ROUNDS = Number(process.env.ROUNDS ?? 3);
function markScreens() {
  const marks = {};
  window.kassaMarks = marks;
  new MutationObserver(() => {
    if (!marks.login && document.querySelector('[data-testid="login-demo"]')) marks.login = performance.now();
  }).observe(document, { childList: true, subtree: true });
}
const caddy = await startCaddy({ dist: "dist", httpsPort: 8447, httpPort: 8448 });
try {
  const browser = await chromium.launch({ ...chromiumLaunch, args: [...chromiumLaunch.args, `--ignore-certificate-errors-spki-list=${caddy.spki}`] });
  for (let i = 0; i < ROUNDS; i++) {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.addInitScript(markScreens);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", NETWORK);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(`${caddy.origin}/`, { waitUntil: "commit" });
    await page.getByTestId("login-demo").waitFor();
    const r = await page.evaluate(() => ({
      marks: window.kassaMarks,
      nav: performance.getEntriesByType("navigation").map((e) => [e.responseEnd, e.domInteractive]),
      res: performance.getEntriesByType("resource").map((e) => [e.name.split("/").pop(), Math.round(e.startTime), Math.round(e.responseEnd), e.encodedBodySize]),
    }));
    console.log(`login ${Math.round(r.marks.login)} nav ${r.nav.map((x) => x.map(Math.round))}`);
    for (const x of r.res) console.log("   ", x.join(" "));
    await context.close();
  }
  await browser.close();
} finally {
  await caddy.stop();
}
