// Trunk post_build hook (release builds): moves the module script trunk
// writes into index.html to start the wasm app (import the glue, init the
// wasm) into a file of its own, `start-<hash>.js` with an integrity hash,
// so the page runs under a Content-Security-Policy without inline scripts
// (deploy/csp.mjs). Then it checks that index.html holds no other inline
// script, no <style> element and no style or on… attribute: each would be
// refused by that policy and only show up as a broken page on a server that
// sends it, so the build fails here instead.
// Usage outside trunk: `TRUNK_STAGING_DIR=dist TRUNK_PROFILE=release node scripts/external-loader.mjs`.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = process.env.TRUNK_STAGING_DIR;
if (!root) throw new Error("TRUNK_STAGING_DIR is not set: run me as a trunk hook");
// `trunk serve` sends no CSP and injects its own reload script.
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
const base = process.env.TRUNK_PUBLIC_URL ?? "/";

const indexPath = join(root, "index.html");
let index = readFileSync(indexPath, "utf8");

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const inline = (attributes) => !/\bsrc\s*=/i.test(attributes);
const loaders = [...index.matchAll(SCRIPT)].filter(([, attributes, body]) => inline(attributes) && /\bimport\b/.test(body));
if (loaders.length !== 1) throw new Error(`expected trunk's one inline loader in index.html, found ${loaders.length}`);
const [[element, attributes, body]] = loaders;
if (!/\btype\s*=\s*"?module"?/i.test(attributes)) throw new Error("trunk's loader is no longer a module script");

const bytes = Buffer.from(body.trim() + "\n");
const name = `start-${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.js`;
const integrity = `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
writeFileSync(join(root, name), bytes);
index = index.replace(element, `<script type="module" src="${base}${name}" integrity="${integrity}"></script>`);

const problems = [];
for (const [, scriptAttributes] of index.matchAll(SCRIPT)) {
  if (inline(scriptAttributes)) problems.push("an inline <script>");
}
for (const [tag] of index.matchAll(/<[a-z][^>]*>/gi)) {
  if (/^<style\b/i.test(tag)) problems.push("a <style> element");
  const attribute = tag.match(/\s(style|on[a-z]+)\s*=/i);
  if (attribute) problems.push(`a ${attribute[1]} attribute in ${tag}`);
}
if (problems.length) {
  throw new Error(`index.html would break under the CSP of deploy/csp.mjs: ${problems.join("; ")}`);
}
writeFileSync(indexPath, index);
console.log(`external-loader: trunk's loader moved to ${name}`);
