// Usage: node scripts/size.mjs DIR — what a browser downloads from DIR, raw
// and brotli (quality 11, as a static host would serve it), in four groups:
// the app's first load, the QR decoder worker fetched in idle time once the
// checkout opens, the demo backend's worker fetched when a demo shift opens (never on
// a tablet working against a real server), and the service worker the
// browser installs in the background once the app runs (not part of what
// the screens need to appear). A benchmark that prints figures: missing the first-load target
// is reported, never an error (exit 0), so it cannot fail a build.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

// Issue 8: what a tablet downloads before its first screen, brotli.
const FIRST_LOAD_TARGET_KB = 200;

const dir = process.argv[2] ?? "dist";
const files = readdirSync(dir).filter((name) => /\.(wasm|js|css)$/.test(name)).sort();
if (!files.some((name) => name.endsWith(".wasm"))) {
  console.error(`no .wasm in ${dir}: build first`);
  process.exit(1);
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const row = (name, raw, brotli) =>
  console.log(`${name.padEnd(40)} raw ${kb(raw).padStart(10)}  brotli ${kb(brotli).padStart(9)}`);

// The workers' loader (src/web/worker_loader.js) comes with the first worker started.
const scanner = (name) => name.startsWith("scan_worker") || name === "worker_loader.js";
const demo = (name) => name.startsWith("demo_worker");
const printer = (name) => name.startsWith("print_worker");
const display = (name) => name.startsWith("customer_display");
const serviceWorker = (name) => name === "sw.js";
// The app's parts (scripts/split-app.mjs): dialogs, panels, the catalog
// reader and the providers' wire code, each fetched the first time it is
// needed; the chunk_* files hold code that several parts share.
const part = (name) => /^kassa-[0-9a-f]+-.+\.wasm$/.test(name);
// The app behind the login (src/ui/front_door.rs): one file, the chunks it
// shares merged into it (scripts/merge-app-chunks.mjs).
const app = (name) => /^kassa-[0-9a-f]+-app\.wasm$/.test(name);
const groups = [
  ["first load (the login)", (name) => !part(name) && !scanner(name) && !demo(name) && !printer(name) && !display(name) && !serviceWorker(name)],
  ["the checkout, fetched in the background once the login shows", app],
  ["app parts, each fetched the first time it is needed", (name) => part(name) && !app(name)],
  ["scanner, fetched in the background once the checkout opens", scanner],
  ["demo backend, fetched when a demo shift opens", demo],
  ["printer layout and code pages, fetched when a printer is first used", printer],
  ["customer display, loaded by its own window", display],
  ["service worker, installed in the background", serviceWorker],
];
const all = { raw: 0, brotli: 0 };
const subtotals = [];
for (const [title, member] of groups) {
  console.log(`-- ${title}`);
  const sum = { raw: 0, brotli: 0 };
  for (const name of files.filter(member)) {
    const bytes = readFileSync(join(dir, name));
    const packed = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
    sum.raw += bytes.length;
    sum.brotli += packed;
    row(name, bytes.length, packed);
  }
  row("subtotal", sum.raw, sum.brotli);
  subtotals.push(sum);
  all.raw += sum.raw;
  all.brotli += sum.brotli;
}
row("total", all.raw, all.brotli);

const [firstLoad, checkoutLoad, , scannerLoad] = subtotals;
const met = firstLoad.brotli <= FIRST_LOAD_TARGET_KB * 1024;
console.log(
  `\nfirst load (the login): ${kb(firstLoad.brotli)} brotli — ` +
    `target ≤ ${FIRST_LOAD_TARGET_KB} KB: ${met ? "met" : "NOT met"}`,
);
console.log(`login and empty checkout: ${kb(firstLoad.brotli + checkoutLoad.brotli)} brotli`);
console.log(`scanner, in the background once the checkout opens: ${kb(scannerLoad.brotli)} brotli — target ≤ 200 KB`);
