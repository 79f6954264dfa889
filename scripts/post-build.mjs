// Trunk's one post_build hook: runs the build's finishing steps one after
// another. trunk 0.22 starts all hooks of a stage at once (hooks.rs spawns
// each as its own task), and these steps each work on what the one before
// left: split-app.mjs replaces trunk's app files with the split ones,
// short-imports.mjs and external-loader.mjs both rewrite index.html,
// precache.mjs hashes the final bytes and lists the start file, and
// precompress.mjs compresses what the others wrote, sw.js included.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const STEPS = ["split-app.mjs", "short-imports.mjs", "external-loader.mjs", "precache.mjs", "precompress.mjs"];
for (const step of STEPS) {
  execFileSync(process.execPath, [fileURLToPath(new URL(step, import.meta.url))], { stdio: "inherit" });
}
