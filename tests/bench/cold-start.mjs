// Cold start of the release build on a cheap tablet's profile in Chromium,
// served by the reference Caddy configuration (deploy/Caddyfile: HTTPS,
// HTTP/2, the build's brotli copies) and by a plain static server (python's
// http.server: HTTP/1.1, nothing compressed). Prints, per server, the median
// over the rounds (and the range) from navigation start to the login screen
// and to the demo checkout on screen (the demo button pressed as soon as it is
// there), and the bytes that crossed the network until login.
// Profile: CPU 4× slower, 1.6 Mbit/s down, 750 kbit/s up, 150 ms round
// trip, the HTTP cache off, a fresh browser profile each round; the service
// worker is blocked (its install runs in the background after the app
// started and is not on the way to either figure). A figure, not a test.
// Usage: node tests/bench/cold-start.mjs (scripts/bench-start.sh builds first).
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { startCaddy } from "../caddy.js";
import { chromiumLaunch, waitFor } from "../chromium.js";

const ROUNDS = Number(process.env.COLD_START_ROUNDS ?? 5);
const plainPort = Number(process.env.KASSA_BENCH_PORT ?? 8385);
const tlsPort = Number(process.env.KASSA_BENCH_TLS_PORT ?? 8447);
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const CPU_SLOWDOWN = 4;

// Times (ms since navigation start) at which the screens appear, and the
// demo button's press, noted by the page itself as its DOM changes.
function markScreens() {
  const marks = {};
  window.kassaMarks = marks;
  const note = (name, selector) => {
    if (!marks[name] && document.querySelector(selector)) marks[name] = performance.now();
  };
  new MutationObserver(() => {
    note("login", '[data-testid="login-demo"]');
    note("checkout", '[data-testid="cart-empty"]');
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener("click", () => (marks.press ??= performance.now()), true);
}

async function round(browser, url) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.addInitScript(markScreens);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  let bytes = 0;
  cdp.on("Network.loadingFinished", (event) => (bytes += event.encodedDataLength));
  await page.goto(url, { waitUntil: "commit" });
  await page.getByTestId("login-demo").waitFor();
  const bytesAtLogin = bytes;
  await page.getByTestId("login-demo").click();
  await page.getByTestId("cart-empty").waitFor();
  const marks = await page.evaluate(() => window.kassaMarks);
  await context.close();
  return { ...marks, bytes: bytesAtLogin };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => (ms / 1000).toFixed(2);
const summary = (values) => `${seconds(median(values))} s (${seconds(Math.min(...values))}–${seconds(Math.max(...values))})`;

const caddy = await startCaddy({ dist: "dist", httpsPort: tlsPort, httpPort: tlsPort + 1 });
const python = spawn("python3", ["-m", "http.server", String(plainPort), "--bind", "127.0.0.1", "--directory", "dist"], {
  stdio: "ignore",
});
try {
  await waitFor(`http://127.0.0.1:${plainPort}/index.html`);
  const browser = await chromium.launch({
    ...chromiumLaunch,
    args: [...chromiumLaunch.args, `--ignore-certificate-errors-spki-list=${caddy.spki}`],
  });
  const servers = [
    ["reference Caddy (HTTPS, HTTP/2, brotli)", `${caddy.origin}/`],
    ["python http.server (HTTP/1.1, uncompressed)", `http://127.0.0.1:${plainPort}/`],
  ];
  console.log(
    `cold start, ${ROUNDS} rounds each: CPU ${CPU_SLOWDOWN}× slower, 1.6 Mbit/s, 150 ms RTT, no cache; ` +
      `load average ${loadavg().map((load) => load.toFixed(1)).join(" ")} on ${cpus().length} cores\n`,
  );
  console.log("| server | login | demo checkout | press → checkout | KB to login |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, url] of servers) {
    const runs = [];
    for (let i = 0; i < ROUNDS; i += 1) runs.push(await round(browser, url));
    const kb = (median(runs.map((run) => run.bytes)) / 1024).toFixed(1);
    console.log(
      `| ${name} | ${summary(runs.map((run) => run.login))} | ${summary(runs.map((run) => run.checkout))} | ` +
        `${summary(runs.map((run) => run.checkout - run.press))} | ${kb} |`,
    );
  }
  await browser.close();
} finally {
  python.kill();
  await caddy.stop();
}
