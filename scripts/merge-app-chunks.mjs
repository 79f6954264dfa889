// Part of scripts/split-app.mjs: folds the chunks the app part shares into
// the app part's own file.
//
// wasm-split puts each function reached by several parts into a chunk named
// by the set of parts that reach it. The app behind the login (the `app`
// part, src/ui/front_door.rs) shares code with every dialog, which made 77
// chunks for it: 96 KB brotli in 78 requests, where the same code weighed
// about half of that inside one module. Every other part is only ever
// loaded from inside the app, so a chunk the app shares is always needed
// by the time anything else asks for it: it can travel in the app's file.
//
// The parts and chunks import exactly three things, the main module's
// memory, function table and a global, and export nothing: each fills its
// functions into the shared table and its data into memory at fixed
// places. binaryen's wasm-merge joins such modules; a stub module named
// after the import module makes all of them import the three things once
// (wasm-merge does not fold identical imports), through module `host`,
// which the loader then provides.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// What rustc's wasm32 target emits. Not --all-features: wasm-merge would
// then write imports in an encoding no browser reads yet.
const FEATURES = [
  "--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-sign-ext", "--enable-mutable-globals",
  "--enable-nontrapping-float-to-int", "--enable-reference-types", "--enable-multivalue",
  "--enable-call-indirect-overlong",
];
const CHUNK = /\/\* ([^*]+) \*\/\nconst (__chunk_\d+) = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/(chunk_\d+\.wasm)", import\.meta\.url\)\);\n\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\n\}\n, \[\]\);\n/g;
const APP = /export const __wasm_split_load_app = wrapAsyncCb\(makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/split_app\.wasm", import\.meta\.url\)\);\n\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\n\}\n, \[[^\]]*\]\)\);\n/;

const tool = (name, args) => execFileSync(name, args, { stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 30 });

/** Merges the app's chunks in `work` (wasm-split's output) into
 * `split_app.wasm`, removes their files and returns the parts' loader
 * rewritten to match. */
export function mergeAppChunks(work, loader) {
  const shared = [...loader.matchAll(CHUNK)].filter(([, sharers]) =>
    sharers.split(",").map((sharer) => sharer.trim()).includes("app"),
  );
  if (!APP.test(loader)) throw new Error("the parts' loader no longer loads the app part as expected");
  if (shared.length === 0) return loader;

  const app = join(work, "split_app.wasm");
  const imports = tool("wasm-dis", [...FEATURES, app]).toString("utf8").split("\n")
    .filter((line) => /^\s*\(import "__wasm_split" /.test(line));
  if (imports.length !== 3) throw new Error(`the app part imports ${imports.length} things, not memory, table and global`);
  const stubText = [
    "(module",
    ...imports.map((line) => line.replace('"__wasm_split"', '"host"')),
    ...imports.map((line) => {
      const [, name, kind, id] = line.match(/\(import "__wasm_split" "([^"]+)" \((memory|table|global) (\$\S+)/);
      return ` (export "${name}" (${kind} ${id}))`;
    }),
    ")",
  ].join("\n");
  const stubWat = join(work, "host.wat");
  const stub = join(work, "host.wasm");
  writeFileSync(stubWat, stubText);
  tool("wasm-as", [...FEATURES, stubWat, "-o", stub]);
  const merged = join(work, "app-merged.wasm");
  tool("wasm-merge", [
    ...FEATURES, stub, "__wasm_split", app, "app",
    ...shared.flatMap(([, , , file]) => [join(work, file), file]),
    "-o", merged,
  ]);
  // The features named in the file, as rustc names them, for the optimiser
  // that runs after this (wasm-merge writes no such section).
  tool("wasm-opt", [...FEATURES, "--emit-target-features", merged, "-o", app]);
  for (const path of [merged, stub, stubWat, ...shared.map(([, , , file]) => join(work, file))]) rmSync(path);

  const first = loader.indexOf(shared[0][0]);
  const appLoad = [
    "/* app, with the chunks it shares (scripts/merge-app-chunks.mjs) */",
    "const __app = makeLoad(() => {",
    '    const src = fetch(new URL("./split_app.wasm", import.meta.url));',
    "    return async (imports) => (WebAssembly.instantiateStreaming(src, { host: imports.__wasm_split }));",
    "}",
    ", []);",
    "",
  ].join("\n");
  let rewritten = loader.slice(0, first) + appLoad + loader.slice(first);
  for (const [block, , name] of shared) rewritten = rewritten.replace(block, `const ${name} = __app;\n`);
  return rewritten.replace(APP, "export const __wasm_split_load_app = wrapAsyncCb(__app);\n");
}
