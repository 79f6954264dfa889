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

const codeless = result.codeless ?? [];
if (codeless.length > 0) {
  lines.push(
    "",
    "Frames with no code in view (false reads: any text read in one):",
    "",
    table(
      ["decoder", "size", "median ms", "p95 ms", "false reads", "×ours"],
      result.sizes.flatMap((size) =>
        result.decoders.map((decoder) => {
          const row = find(codeless, { decoder, size });
          const base = find(codeless, { decoder: ours, size });
          return [decoder, size, ms(row.medianMs), ms(row.p95Ms), `${row.misread}/${row.frames}`, `${(row.medianMs / base.medianMs).toFixed(1)}×`];
        }),
      ),
    ),
  );
}

// Issue 18's targets: against zxing-wasm in the same run, at both sizes.
const check = (ok) => (ok ? "met" : "MISSED");
for (const size of result.sizes) {
  const mine = find(result.bySize, { decoder: ours, size });
  const zxing = find(result.bySize, { decoder: "zxing-wasm", size });
  if (!mine || !zxing) continue;
  lines.push(
    "",
    `Targets at ${size}: median ≤ zxing-wasm's: ${ms(mine.medianMs)} vs ${ms(zxing.medianMs)} ms ` +
      `(theirs ÷ ours ${(zxing.medianMs / mine.medianMs).toFixed(1)}), ${check(mine.medianMs <= zxing.medianMs)}; ` +
      `decode rate ≥ zxing-wasm's: ${mine.decoded} vs ${zxing.decoded}, ${check(mine.decoded >= zxing.decoded)}.`,
  );
}
const empty = find(codeless, { decoder: ours, size: "640×480" });
if (empty) {
  lines.push("", `Target for a frame with no code at 640×480: median ≤ 3 ms: ${ms(empty.medianMs)} ms, ${check(empty.medianMs <= 3)}.`);
}

const slowest = result.byFrame
  .filter((frame) => frame.decoder === ours && !frame.codeless)
  .sort((a, b) => b.medianMs - a.medianMs)
  .slice(0, 5);
lines.push(
  "",
  `Slowest frames for ${ours}: ${slowest.map((f) => `${f.file} ${ms(f.medianMs)} ms${f.decoded ? "" : " (not decoded)"}`).join(", ")}.`,
);
console.log(lines.join("\n"));
