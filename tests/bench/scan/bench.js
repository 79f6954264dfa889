// Our wasm QR decoder against jsQR and zxing-wasm on the same frames, in the
// same page: every decoder gets the same RGBA ImageData and is timed from
// the call to the decoded strings, so pixel conversion and copies into wasm
// memory count for all of them. Frames whose `expected` is null hold no code:
// they are timed apart (what every frame costs before a code comes into
// view), and any text read in them is a false read. Query:
// ?frames=DIR/&rounds=N.
import { prepareZXingModule, readBarcodes } from "/node_modules/zxing-wasm/dist/es/reader/index.js";

const params = new URLSearchParams(location.search);
const framesDir = new URL(params.get("frames") ?? "/target/scan-bench/", location.href);
const rounds = Number(params.get("rounds") ?? 5);

// The default locateFile fetches the .wasm from a CDN; the bench machine
// only reaches package registries, and a local file keeps the run offline.
prepareZXingModule({
  overrides: {
    locateFile: (path, prefix) =>
      path.endsWith(".wasm") ? `/node_modules/zxing-wasm/dist/reader/${path}` : prefix + path,
  },
});

// Only QR codes are asked for; everything else is zxing-wasm's defaults
// (tryHarder, tryRotate, tryInvert, tryDownscale), as jsQR runs with its
// own (both polarities), since those are what a caller of either gets.
const zxingOptions = { formats: ["QRCode"] };

const decoders = [
  {
    name: "ours",
    decode: (image) => wasm_bindgen.decodeRgba(image.width, image.height, image.data),
  },
  {
    name: "jsQR",
    decode: (image) => {
      const code = jsQR(image.data, image.width, image.height);
      return code ? [code.data] : [];
    },
  },
  {
    name: "zxing-wasm",
    decode: async (image) => (await readBarcodes(image, zxingOptions)).map((result) => result.text),
  },
];

const status = (text) => {
  document.getElementById("status").textContent = text;
};

async function get(name) {
  const response = await fetch(new URL(name, framesDir));
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  return response;
}

async function loadFrames() {
  const manifest = await (await get("frames.json")).json();
  return Promise.all(
    manifest.map(async (frame) => {
      const blob = await (await get(frame.file)).blob();
      // No colour management, so the pixels are the generator's own.
      const bitmap = await createImageBitmap(blob, { colorSpaceConversion: "none", premultiplyAlpha: "none" });
      const context = new OffscreenCanvas(frame.width, frame.height).getContext("2d", { willReadFrequently: true });
      context.drawImage(bitmap, 0, 0);
      return { ...frame, size: `${frame.width}×${frame.height}`, image: context.getImageData(0, 0, frame.width, frame.height) };
    }),
  );
}

async function timeOnce(decoder, frame) {
  const start = performance.now();
  const texts = await decoder.decode(frame.image);
  const ms = performance.now() - start;
  const misread = texts.some((text) => text !== frame.expected);
  return { ms, decoded: frame.expected === null ? texts.length === 0 : texts.includes(frame.expected), misread };
}

// Linear interpolation between closest ranks.
function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}

const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95) };
};

// A frame counts as decoded only if every timed round read the expected
// text, and as misread if any round returned some other text.
function aggregate(runs, keys) {
  return [...Map.groupBy(runs, (run) => keys.map((k) => run[k]).join("\n")).values()].map((group) => ({
    ...Object.fromEntries(keys.map((k) => [k, group[0][k]])),
    frames: group.length,
    decoded: group.filter((run) => run.decoded).length,
    misread: group.filter((run) => run.misread).length,
    ...summary(group.flatMap((run) => run.times)),
  }));
}

async function run() {
  await wasm_bindgen({ module_or_path: "/dist/scan_worker_bg.wasm" });
  await prepareZXingModule({ fireImmediately: true });
  status("Loading frames…");
  const frames = await loadFrames();
  const runsOf = new Map(
    decoders.map((decoder) => [
      decoder,
      frames.map(({ file, category, size, expected }) => ({
        decoder: decoder.name,
        file,
        category,
        size,
        codeless: expected === null,
        times: [],
        decoded: true,
        misread: false,
      })),
    ]),
  );
  // Round 0 warms up (JIT tiers, wasm memory growth) and is not counted;
  // the decoders' order rotates so none always runs first or last.
  for (let round = 0; round <= rounds; round += 1) {
    const order = decoders.map((_, i) => decoders[(i + round) % decoders.length]);
    for (const decoder of order) {
      status(`Round ${round}/${rounds}: ${decoder.name}`);
      for (const [index, frame] of frames.entries()) {
        const { ms, decoded, misread } = await timeOnce(decoder, frame);
        if (round === 0) continue;
        const entry = runsOf.get(decoder)[index];
        entry.times.push(ms);
        entry.decoded &&= decoded;
        entry.misread ||= misread;
      }
    }
  }
  const all = [...runsOf.values()].flat();
  const runs = all.filter((run) => !run.codeless);
  // "misread" of a codeless frame: some text was read where there is none.
  const codeless = all.filter((run) => run.codeless);
  const result = {
    userAgent: navigator.userAgent,
    crossOriginIsolated,
    rounds,
    decoders: decoders.map((decoder) => decoder.name),
    sizes: [...new Set(frames.map((frame) => frame.size))],
    categories: [...new Set(frames.filter((frame) => frame.expected !== null).map((frame) => frame.category))],
    bySize: aggregate(runs, ["decoder", "size"]),
    byCategory: aggregate(runs, ["decoder", "size", "category"]),
    codeless: aggregate(codeless, ["decoder", "size"]),
    byFrame: all.map(({ times, ...run }) => ({ ...run, ...summary(times) })),
  };
  status("Done.");
  document.getElementById("result").textContent = JSON.stringify(result.bySize, null, 2);
  return result;
}

window.benchResult = run().catch((error) => {
  status(`Failed: ${error}`);
  throw error;
});
