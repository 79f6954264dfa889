// Starts one of Kassa's workers, each its own wasm, named by the page
// (src/web/worker.rs): wasm-bindgen's glue, then the wasm. A start that fails
// (file missing, blocked, corrupt) is told to the page; left unhandled it
// would only reach the worker's own console and the page would wait forever.
importScripts(`./${self.name}.js`);
wasm_bindgen({ module_or_path: `./${self.name}_bg.wasm` }).catch(() => self.postMessage({ failed: true }));
