// Trunk post_build hook (release builds), the last one: writes NAME.br
// (brotli, quality 11) and NAME.gz (gzip, level 9) beside every wasm, js,
// css, html and json file of the build, so a web server sends them as they
// are (Caddy `precompressed`, nginx `brotli_static`/`gzip_static`) instead
// of compressing on the fly at a lower level, or not at all. node's zlib
// is the encoder: the reference brotli and zlib, nothing to install.
// A copy that would not be smaller is not written (the server then sends
// the file itself), and stale copies from an earlier run are removed.
// Runs after precache.mjs, so sw.js is compressed too and the copies never
// enter the precache list (the service worker stores each file once; the
// browser has decoded it by then).
// Usage outside trunk, after editing files in dist/ (with precache.mjs
// first, for a new build id): `node scripts/precompress.mjs dist`.
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = /\.(wasm|js|css|html|json|webmanifest)$/;
const COPIES = [
  [".br", (bytes, mode) =>
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: mode,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    })],
  [".gz", (bytes) => gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION })],
];

const root = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!root) throw new Error("usage: node scripts/precompress.mjs DIST (or run me as a trunk hook)");
// Debug builds are served by `trunk serve`, which compresses nothing.
if (process.env.TRUNK_STAGING_DIR && process.env.TRUNK_PROFILE !== "release") process.exit(0);

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

const all = files(root);
for (const path of all.filter((path) => COPIES.some(([suffix]) => path.endsWith(suffix)))) rmSync(path);

let plain = 0;
const packed = { ".br": 0, ".gz": 0 };
for (const path of all.filter((path) => COMPRESSIBLE.test(path))) {
  const bytes = readFileSync(path);
  const mode = path.endsWith(".wasm") ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT;
  plain += bytes.length;
  for (const [suffix, compress] of COPIES) {
    const copy = compress(bytes, mode);
    if (copy.length >= bytes.length) continue;
    writeFileSync(path + suffix, copy);
    packed[suffix] += copy.length;
  }
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`precompress: ${kb(plain)} → brotli ${kb(packed[".br"])}, gzip ${kb(packed[".gz"])}`);
