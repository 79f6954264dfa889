// Drives the QR decoder benchmark page (tests/bench/scan/) in the system
// Chromium and prints its figures as markdown tables; the raw result goes
// to OUT.json. scripts/bench-scan.sh makes the frames and serves the page.
// Usage: node scripts/bench-scan.mjs PAGE_URL OUT.json
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { chromium } from "@playwright/test";
import { chromiumLaunch, waitFor } from "../tests/chromium.js";

const [pageUrl, outFile] = process.argv.slice(2);
if (!pageUrl || !outFile) {
  console.error("usage: node scripts/bench-scan.mjs PAGE_URL OUT.json");
  process.exit(2);
}

await waitFor(pageUrl);
// Other work on the machine skews every figure; the load says how much.
const loadAtStart = loadavg()[0];
// The e2e tests' flags, so figures compare with those runs.
const browser = await chromium.launch(chromiumLaunch);
let result;
try {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") console.error(`console: ${message.text()}`);
  });
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.benchResult !== undefined);
  result = await page.evaluate(() => window.benchResult);
  result.browser = `Chromium ${browser.version()}`;
} finally {
  await browser.close();
}
writeFileSync(outFile, JSON.stringify(result, null, 2) + "\n");

const ms = (value) => value.toFixed(2);
const rate = ({ decoded, frames }) => `${decoded}/${frames} (${Math.round((100 * decoded) / frames)} %)`;
const find = (rows, fields) => rows.find((row) => Object.entries(fields).every(([k, v]) => row[k] === v));
const table = (header, rows) =>
  [
    `| ${header.join(" | ")} |`,
    `|${header.map((_, i) => (i < 2 ? "---" : "---:")).join("|")}|`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");

const [ours] = result.decoders;
const lines = [
  `${result.browser}, ${result.rounds} timed rounds after a warm-up, ` +
    `timer ${result.crossOriginIsolated ? "5 µs (cross-origin isolated)" : "100 µs (not isolated)"}, ` +
    `load average ${loadAtStart.toFixed(2)} at start.`,
  "",
  table(
    ["decoder", "size", "median ms", "p95 ms", "decode rate", "×ours"],
    result.sizes.flatMap((size) =>
      result.decoders.map((decoder) => {
        const row = find(result.bySize, { decoder, size });
        const base = find(result.bySize, { decoder: ours, size });
        return [decoder, size, ms(row.medianMs), ms(row.p95Ms), rate(row), `${(row.medianMs / base.medianMs).toFixed(1)}×`];
      }),
    ),
  ),
  "",
  "Decoded frames and median ms per category:",
  "",
  table(
    ["category", "size", ...result.decoders],
    result.categories.flatMap((category) =>
      result.sizes.map((size) => [
        category,
        size,
        ...result.decoders.map((decoder) => {
          const row = find(result.byCategory, { decoder, size, category });
          return `${row.decoded}/${row.frames} · ${ms(row.medianMs)}`;
        }),
      ]),
    ),
  ),
];

const misreads = result.bySize.filter((row) => row.misread > 0);
if (misreads.length > 0) {
  lines.push("", `Misreads (another text than expected): ${misreads.map((row) => `${row.decoder} ${row.size}: ${row.misread}`).join(", ")}.`);
}

// The issue's targets, on the frame size it names.
const target = "640×480";
const mine = find(result.bySize, { decoder: ours, size: target });
const jsqr = find(result.bySize, { decoder: "jsQR", size: target });
if (mine && jsqr) {
  const check = (ok) => (ok ? "met" : "MISSED");
  lines.push(
    "",
    `Targets at ${target}: median ≤ 5 ms: ${ms(mine.medianMs)} ms, ${check(mine.medianMs <= 5)}; ` +
      `≥ 2× faster than jsQR: ${(jsqr.medianMs / mine.medianMs).toFixed(1)}×, ${check(jsqr.medianMs >= 2 * mine.medianMs)}; ` +
      `decode rate ≥ jsQR's: ${mine.decoded} vs ${jsqr.decoded}, ${check(mine.decoded >= jsqr.decoded)}.`,
  );
}

const slowest = result.byFrame
  .filter((frame) => frame.decoder === ours)
  .sort((a, b) => b.medianMs - a.medianMs)
  .slice(0, 5);
lines.push(
  "",
  `Slowest frames for ${ours}: ${slowest.map((f) => `${f.file} ${ms(f.medianMs)} ms${f.decoded ? "" : " (not decoded)"}`).join(", ")}.`,
);
console.log(lines.join("\n"));
