// The Content-Security-Policy for a Kassa deployment, from its config.json.
//
// Usage: node deploy/csp.mjs [--caddy | --nginx] [CONFIG]
//   CONFIG   the deployment's config.json (default: public/config.json)
//   --caddy  prints a Caddyfile line:  header Content-Security-Policy "…"
//   --nginx  prints an nginx line:     add_header Content-Security-Policy "…" always;
//   neither  prints the bare policy.
//
// The browser talks to the loyalty providers and the store server directly,
// so `connect-src` must name their origins, and only those: every string in
// config.json that is an http(s) URL counts (whatever the key, so a provider
// added to config.json later needs no change here). A cashier who types
// another server address on the login screen is then refused by the browser.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export function originsOf(config) {
  const origins = new Set();
  const visit = (value) => {
    if (typeof value === "string") {
      let url;
      try {
        url = new URL(value);
      } catch {
        return;
      }
      if (url.protocol === "https:" || url.protocol === "http:") origins.add(url.origin);
    } else if (value && typeof value === "object") {
      Object.values(value).forEach(visit);
    }
  };
  visit(config);
  return [...origins].sort();
}

export function policyFor(config) {
  return [
    // Nothing is allowed unless named below.
    "default-src 'none'",
    // Our own files only; 'wasm-unsafe-eval' lets them compile WebAssembly
    // (the app, the QR decoder and the demo backend), nothing else: no
    // inline script, no eval.
    "script-src 'self' 'wasm-unsafe-eval'",
    // Stylesheets from files; style attributes are never written into the
    // HTML (Leptos sets styles through the CSSOM, which CSP allows).
    "style-src 'self'",
    // The icons; data: is the empty favicon of index.html.
    "img-src 'self' data:",
    ["connect-src", "'self'", ...originsOf(config)].join(" "),
    // The scanner's and the demo's Web Workers, and the service worker.
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function main(args) {
  const format = args.find((arg) => arg.startsWith("--"));
  const path = args.find((arg) => !arg.startsWith("--")) ?? "public/config.json";
  const policy = policyFor(JSON.parse(readFileSync(path, "utf8")));
  switch (format) {
    case undefined:
      return policy;
    case "--caddy":
      return `header Content-Security-Policy "${policy}"`;
    case "--nginx":
      return `add_header Content-Security-Policy "${policy}" always;`;
    default:
      throw new Error(`unknown option ${format}: --caddy, --nginx or none`);
  }
}

if (fileURLToPath(import.meta.url) === resolve(process.argv[1] ?? "")) console.log(main(process.argv.slice(2)));
