// Trunk post_build hook (release builds): gives the app's wasm imports short
// names. wasm-bindgen names each import after its JS function plus a 16-digit
// hash (`__wbg_append_24889ba5c72546c0`), and every name is written twice, in
// the wasm's import section and in the JS glue that provides it; random hex
// does not compress, so those names alone cost about 4 KB of the first
// load's brotli. Emscripten does the same at its JS/wasm boundary (binaryen's
// `--minify-imports`); binaryen cannot rewrite wasm-bindgen's glue, so this
// hook renames both sides itself and refreshes the subresource integrity
// hashes trunk wrote into index.html for the two files.
// Usage outside trunk: `TRUNK_STAGING_DIR=dist TRUNK_PROFILE=release node scripts/short-imports.mjs`.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = process.env.TRUNK_STAGING_DIR;
if (!root) throw new Error("TRUNK_STAGING_DIR is not set: run me as a trunk hook");
// Debug builds keep wasm-bindgen's names, which say what each import is.
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

// The app only (trunk's `kassa-<hash>.js` and `kassa-<hash>_bg.wasm`); the
// workers are fetched on demand and keep their names.
const names = readdirSync(root);
const glueName = names.find((name) => /^kassa-[0-9a-f]+\.js$/.test(name));
const wasmName = names.find((name) => /^kassa-[0-9a-f]+_bg\.wasm$/.test(name));
if (!glueName || !wasmName) throw new Error(`no app wasm and glue in ${root}`);

const wasm = readFileSync(join(root, wasmName));
const glueBefore = readFileSync(join(root, glueName));
let glue = glueBefore.toString("utf8");

// --- the wasm binary: LEB128 and the import section ---
function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}
function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}
function skipLimits(bytes, at) {
  const flags = bytes[at++];
  [, at] = readLeb(bytes, at);
  if (flags & 1) [, at] = readLeb(bytes, at);
  return at;
}
// Where an import's description (after its two names) ends.
function skipImportDescription(bytes, at) {
  const kind = bytes[at++];
  switch (kind) {
    case 0: // function: type index
    case 4: // tag: attribute, type index
      if (kind === 4) at++;
      return readLeb(bytes, at)[1];
    case 1: // table: reference type, limits
      return skipLimits(bytes, at + 1);
    case 2: // memory: limits
      return skipLimits(bytes, at);
    case 3: // global: value type, mutability
      return at + 2;
    default:
      throw new Error(`import kind ${kind} unknown: wasm format changed?`);
  }
}
const text = (bytes) => bytes.toString("utf8");
const withLength = (buffer) => Buffer.concat([leb(buffer.length), buffer]);

// Short names in the order imports appear: a, b, …, z, A, …, $, _, then two characters.
const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$_";
function shortName(index) {
  let name = "";
  do {
    name = ALPHABET[index % ALPHABET.length] + name;
    index = Math.floor(index / ALPHABET.length) - 1;
  } while (index >= 0);
  return name;
}

if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmName} is not wasm`);
const sections = [wasm.subarray(0, 8)];
let renamed = 0;
let at = 8;
while (at < wasm.length) {
  const start = at;
  const id = wasm[at++];
  let size;
  [size, at] = readLeb(wasm, at);
  const body = wasm.subarray(at, at + size);
  at += size;
  if (id !== 2) {
    sections.push(wasm.subarray(start, at));
    continue;
  }
  let [count, p] = readLeb(body, 0);
  const entries = [leb(count)];
  for (let i = 0; i < count; i++) {
    let length;
    [length, p] = readLeb(body, p);
    const module = body.subarray(p, (p += length));
    [length, p] = readLeb(body, p);
    const field = text(body.subarray(p, (p += length)));
    const end = skipImportDescription(body, p);
    const description = body.subarray(p, end);
    p = end;
    // Only what the glue provides as a single `name:function…` key is ours
    // to rename; anything else keeps its name.
    const key = `${field}:`;
    let name = field;
    if (glue.split(key).length === 2) {
      name = shortName(renamed++);
      glue = glue.replace(key, `${name}:`);
    }
    entries.push(withLength(module), withLength(Buffer.from(name)), description);
  }
  const section = Buffer.concat(entries);
  sections.push(Buffer.from([2]), leb(section.length), section);
}
const shortened = Buffer.concat(sections);
writeFileSync(join(root, wasmName), shortened);
writeFileSync(join(root, glueName), glue);

// index.html's integrity attributes, or the browser refuses the new bytes.
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
const indexPath = join(root, "index.html");
let index = readFileSync(indexPath, "utf8");
for (const [before, after] of [
  [wasm, shortened],
  [glueBefore, Buffer.from(glue)],
]) {
  index = index.split(sri(before)).join(sri(after));
}
writeFileSync(indexPath, index);
console.log(`short-imports: ${renamed} imports renamed, wasm ${wasm.length} → ${shortened.length} bytes`);
