// Nahda's service worker: keeps the whole app (HTML, WebAssembly, JavaScript, CSS, the form
// pack, the area list, the icons, the sealing worker) in the browser's cache, so that after one visit the app opens
// and works with no network at all. The build writes the file list and a build id into this
// file (scripts/post-build.sh); a new build means a new cache, and old caches are removed.
const BUILD = "__NAHDA_BUILD__";
const FILES = __NAHDA_FILES__;
const CACHE = "nahda-" + BUILD;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("nahda-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(caches.match("./index.html", { cacheName: CACHE }).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit || fetch(request).then((response) => {
      // The XLSForm worker is not precached (the field never uses it): kept once fetched, so
      // that it works offline after its first use.
      if (response.ok && new URL(request.url).pathname.includes("/nahda-xlsform")) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }))
  );
});
