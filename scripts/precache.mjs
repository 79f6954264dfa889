// Trunk post_build hook: writes sw.js from src/web/sw.js with the list of every
// file of this build (so the precache is never written by hand) and a build id
// that is a hash of their bytes (so any change makes a new cache and an update).
// Usage outside trunk: `TRUNK_STAGING_DIR=dist node scripts/precache.mjs`.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const SW = "sw.js";
const root = process.env.TRUNK_STAGING_DIR;
if (!root) throw new Error("TRUNK_STAGING_DIR is not set: run me as a trunk hook");
const template = readFileSync(new URL("../src/web/sw.js", import.meta.url));

// Every file trunk staged, except dotfiles (trunk's lock), sw.js itself (the
// browser fetches sw.js on its own to look for updates) and the .br/.gz
// copies of scripts/precompress.mjs (the server's business: the browser
// stores what it decoded, under the file's own name).
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}
const paths = files(root)
  .map((path) => relative(root, path).split(sep).join("/"))
  .filter((path) => path !== SW && !/\.(br|gz)$/.test(path))
  .sort();

const hash = createHash("sha256").update(template);
for (const path of paths) hash.update(`\0${path}\0`).update(readFileSync(join(root, path)));
const build = hash.digest("hex").slice(0, 16);

const precache = paths.map((path) => `./${path}`);
const head = `const BUILD = ${JSON.stringify(build)};\nconst PRECACHE = ${JSON.stringify(precache, null, 1)};\n`;
writeFileSync(join(root, SW), head + template);
console.log(`sw.js: build ${build}, ${precache.length} files precached`);
