// Usage: node scripts/size.mjs DIR — sizes of the .wasm and .js files in DIR.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const files = readdirSync(dir).filter((name) => /\.(wasm|js)$/.test(name)).sort();
if (files.length === 0) {
  console.error(`no .wasm or .js in ${dir}: build first`);
  process.exit(1);
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let raw = 0;
let brotli = 0;
for (const name of files) {
  const bytes = readFileSync(join(dir, name));
  const packed = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  raw += bytes.length;
  brotli += packed;
  console.log(`${name.padEnd(40)} raw ${kb(bytes.length).padStart(10)}  brotli ${kb(packed).padStart(9)}`);
}
console.log(`${"total".padEnd(40)} raw ${kb(raw).padStart(10)}  brotli ${kb(brotli).padStart(9)}`);
