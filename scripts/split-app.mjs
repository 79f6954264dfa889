// Trunk post_build hook, the first step: splits the app's wasm at its
// `#[wasm_split(..)]` functions, so the first load carries the login and the
// empty checkout while each dialog (payment, customer, report, printer…) and
// the providers' wire code come in parts of their own, fetched on demand and
// in the background (src/ui/on_demand.rs). Trunk cannot split a wasm
// (trunk-rs/trunk#1022), so this replaces trunk's own output for the app:
//
//   target/…/kassa.wasm (linked with --emit-relocs by build.rs)
//     → wasm-split-cli (Leptos' splitter, what cargo-leptos runs): the main
//       module, the parts, and their loader `__wasm_split.js`
//     → the chunks the app part shares merged into it (merge-app-chunks.mjs)
//     → wasm-bindgen on the main module (with the linker's exports the
//       parts need)
//     → wasm-opt -Oz on every module (release)
//
// Every file is named after one hash of this build (`kassa-<hash>…`), so the
// main module, its glue, the loader and the parts always belong together,
// and index.html's references and integrity hashes are rewritten to match.
// Usage outside trunk: `TRUNK_STAGING_DIR=dist TRUNK_PROFILE=release node scripts/split-app.mjs`.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { mergeAppChunks } from "./merge-app-chunks.mjs";

const root = process.env.TRUNK_STAGING_DIR;
if (!root) throw new Error("TRUNK_STAGING_DIR is not set: run me as a trunk hook");
const release = process.env.TRUNK_PROFILE === "release";
const project = fileURLToPath(new URL("..", import.meta.url));
const targetDir = process.env.CARGO_TARGET_DIR ?? join(project, "target");
const linked = join(targetDir, "wasm32-unknown-unknown", release ? "release" : "debug", "kassa.wasm");

const run = (tool, args) => execFileSync(tool, args, { stdio: ["ignore", "ignore", "inherit"] });
const work = mkdtempSync(join(tmpdir(), "kassa-split-"));
try {
  // The splitter's warnings matter: one of them means every part's data
  // stayed in the first load (see SPLIT_SLACK in src/main.rs).
  const split = spawnSync("wasm-split-cli", ["--target", "web", "--out-name", "kassa", linked, work], {
    encoding: "utf8",
    env: { ...process.env, RUST_LOG: "warn", NO_COLOR: "1" },
  });
  if (split.status !== 0) throw new Error(`wasm-split-cli failed:\n${split.stderr}${split.stdout}`);
  const warnings = `${split.stdout}${split.stderr}`.split("\n").filter((line) => line.includes("WARN"));
  const dataInMain = warnings.filter((line) => line.includes("putting it in main module"));
  if (dataInMain.length > 0) {
    throw new Error(`wasm-split kept the parts' data in the first load:\n${dataInMain.join("\n")}\nRaise SPLIT_SLACK in src/main.rs.`);
  }
  for (const line of warnings) console.warn(line);
  const bound = join(work, "bound");
  run("wasm-bindgen", [
    "--target", "web", "--no-typescript", "--keep-lld-exports",
    "--out-dir", bound, "--out-name", "kassa", join(work, "kassa.wasm"),
  ]);

  const loaderPath = join(work, "__wasm_split.js");
  writeFileSync(loaderPath, mergeAppChunks(work, readFileSync(loaderPath, "utf8")));
  const parts = readdirSync(work).filter((name) => /^(split|chunk)_\w+\.wasm$/.test(name));
  const modules = [join(bound, "kassa_bg.wasm"), ...parts.map((name) => join(work, name))];
  if (release) for (const path of modules) run("wasm-opt", ["-Oz", path, "-o", path]);

  const build = createHash("sha256");
  for (const path of modules) build.update(readFileSync(path));
  const prefix = `kassa-${build.digest("hex").slice(0, 16)}`;
  const names = {
    glue: `${prefix}.js`,
    wasm: `${prefix}_bg.wasm`,
    loader: `${prefix}-parts.js`,
    part: (name) => `${prefix}-${name.replace(/^split_/, "")}`,
  };

  // Trunk's own files for the app (unsplit, never to be loaded) make way.
  const staged = readdirSync(root);
  const trunkGlue = staged.find((name) => /^kassa-[0-9a-f]+\.js$/.test(name));
  const trunkWasm = staged.find((name) => /^kassa-[0-9a-f]+_bg\.wasm$/.test(name));
  if (!trunkGlue || !trunkWasm) throw new Error(`no app wasm and glue from trunk in ${root}`);
  for (const name of staged) {
    if (/^kassa-[0-9a-f]+(\.js|_bg\.wasm|-.+\.(js|wasm))(\.br|\.gz)?$/.test(name)) rmSync(join(root, name));
  }

  let loader = readFileSync(join(work, "__wasm_split.js"), "utf8");
  loader = loader.replace(`from "./kassa.js"`, `from "./${names.glue}"`);
  // A part that cannot be fetched (offline) is an expected state the app
  // shows (`part-missing`), not an error of the page.
  if (!loader.includes("console.error(e);")) throw new Error("the parts' loader no longer logs a failed fetch");
  loader = loader.replace("console.error(e);", "console.warn(e);");
  // Each part's fetch starts before the shared chunks it waits for are in;
  // a failed fetch would be an unhandled rejection until then (a page error),
  // though its failure reaches the app through the instantiation.
  const fetches = /const src = (fetch\([^;]*\));/g;
  if (parts.some((name) => name.startsWith("split_")) && !fetches.test(loader)) {
    throw new Error("the parts' loader no longer fetches as expected");
  }
  loader = loader.replace(fetches, "const src = $1; src.catch(() => {});");
  for (const name of parts) {
    const quoted = `"./${name}"`;
    if (!loader.includes(quoted)) throw new Error(`the parts' loader does not fetch ${name}`);
    loader = loader.split(quoted).join(`"./${names.part(name)}"`);
    writeFileSync(join(root, names.part(name)), readFileSync(join(work, name)));
  }
  let glue = readFileSync(join(bound, "kassa.js"), "utf8");
  const importsLoader = /from\s*(["'])\.\/__wasm_split\.js\1/g;
  if (!importsLoader.test(glue)) throw new Error("wasm-bindgen's glue no longer imports the parts' loader");
  glue = glue.replace(importsLoader, `from "./${names.loader}"`);
  const wasm = readFileSync(join(bound, "kassa_bg.wasm"));

  writeFileSync(join(root, names.glue), glue);
  writeFileSync(join(root, names.wasm), wasm);
  writeFileSync(join(root, names.loader), loader);

  // index.html: trunk's references to its files become references to ours,
  // with their integrity hashes; the loader is preloaded with the glue that
  // imports it, so it is not fetched one round trip later.
  const sri = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;
  const indexPath = join(root, "index.html");
  let index = readFileSync(indexPath, "utf8");
  const relink = (before, after, bytes) => {
    const tag = new RegExp(`<link\\b[^>]*${before.replace(/[.]/g, "\\.")}[^>]*>`, "g");
    index = index.replace(tag, (link) =>
      link.split(before).join(after).replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+/, `integrity=$1${sri(bytes)}`),
    );
    index = index.split(before).join(after);
  };
  const glueLink = index.match(new RegExp(`<link\\b[^>]*${trunkGlue.replace(/[.]/g, "\\.")}[^>]*>`));
  relink(trunkGlue, names.glue, glue);
  relink(trunkWasm, names.wasm, wasm);
  if (glueLink) {
    const loaderLink = glueLink[0]
      .split(trunkGlue).join(names.loader)
      .replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+/, `integrity=$1${sri(loader)}`);
    index = index.replace(/(<link\b[^>]*rel=("?)modulepreload\2[^>]*>)/, `$1${loaderLink}`);
  }
  writeFileSync(indexPath, index);
  console.log(`split-app: ${names.glue}, ${names.wasm}, ${parts.length} parts`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
