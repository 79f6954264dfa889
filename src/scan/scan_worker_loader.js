// Starts the decoder worker: wasm-bindgen's glue, then our wasm. A start that
// fails (file missing, blocked, corrupt) is told to the page, which tries
// again a few times and then tells the cashier; left unhandled it would only
// reach the worker's own console and the scanner would wait forever.
importScripts("./scan_worker.js");
wasm_bindgen({ module_or_path: "./scan_worker_bg.wasm" }).catch(() => self.postMessage({ failed: true }));
