// Kassa's service worker: the app shell offline, and updates only when the
// cashier says so. scripts/precache.mjs (a trunk post_build hook) writes this
// file to dist/sw.js behind two constants taken from the build output:
// BUILD, a content hash of everything below, and PRECACHE, every built file.
/* global BUILD, PRECACHE */

// One cache per build, so an old version keeps its own files until the new
// one takes over; only our own caches (the prefix) are ever deleted.
const PREFIX = "kassa-";
const CACHE = PREFIX + BUILD;
const SHELL = new Set(PRECACHE.map((path) => new URL(path, self.location).href));
const INDEX = new URL("./index.html", self.location).href;
const ROOT = new URL("./", self.location).href;
const TAKE_OVER = "kassa:take-over";

self.addEventListener("install", (event) => {
  // `reload` skips the HTTP cache: the shell must be this build's bytes.
  const requests = [...SHELL].map((url) => new Request(url, { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
  // No skipWaiting here: a new version waits for the cashier (the update
  // banner), so it never replaces the page in the middle of a sale.
});

self.addEventListener("message", (event) => {
  if (event.data === TAKE_OVER) self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      // Controls the page of the very first visit too, so it works offline
      // without a second load. A page that was already controlled only gets
      // here after the cashier asked for the update.
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  // Anything that is not a GET of our own shell — the loyalty API on its own
  // origin, posts, other sites — is left to the network untouched.
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.hash = "";
  const page = url.origin + url.pathname;
  if (request.mode === "navigate" && (page === ROOT || page === INDEX)) {
    // Cache first, not network first: the cached index.html names exactly the
    // hashed wasm/js/css of the same cache, so the page always runs one whole
    // build; a network-first page could switch versions on any reload, behind
    // the update banner's back, and on a dropping shop Wi-Fi it would wait for
    // a timeout before opening. New versions arrive through sw.js instead.
    event.respondWith(fromCache(INDEX, request));
  } else if (SHELL.has(url.href)) {
    event.respondWith(fromCache(url.href, request));
  }
});

// The precached copy, or the network if the cache was cleared under us.
function fromCache(key, request) {
  return caches
    .open(CACHE)
    .then((cache) => cache.match(key))
    .then((cached) => cached ?? fetch(request));
}
