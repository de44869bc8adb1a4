// Nahda's service worker: keeps the apps in the browser's cache, so that after one visit they open
// and work with no network at all. On install it precaches the field app (HTML, WebAssembly,
// JavaScript, CSS, the form pack, the area list, the icon, the sealing worker). The coordinator
// app and the XLSForm worker, which a field user never needs, are cached file by file when first
// fetched, and precached with each new build once they have been used. The build writes the file
// lists and a build id into this file (scripts/post-build.sh); a new build means a new cache, and
// old caches are removed.
const BUILD = "__NAHDA_BUILD__";
const FILES = __NAHDA_FILES__;
const LATER = __NAHDA_LATER__;
const CACHE = "nahda-" + BUILD;
const COORDINATOR_PAGE = "./coordinator.html";

const inGroup = (group, url) => group.some((file) => new URL(file, self.location).pathname === url.pathname);

// A group is in use when an older cache holds any of its files, or (for the coordinator app)
// when a page of it is open while this worker installs: the first visit went straight to it.
async function used(name, group) {
  for (const file of group) {
    if (await caches.match(file, { ignoreSearch: true })) return true;
  }
  if (name !== "coordinator") return false;
  const open = await self.clients.matchAll({ includeUncontrolled: true, type: "window" });
  return open.some((client) => inGroup(group, new URL(client.url)));
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(FILES);
    for (const [name, group] of Object.entries(LATER)) {
      if (await used(name, group)) await cache.addAll(group);
    }
  })());
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

// Answers from the cache; a file of a group cached when first used is kept once fetched.
async function cachedOrFetched(request, key) {
  const hit = await caches.match(key, { cacheName: CACHE, ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  const url = new URL(request.url);
  if (response.ok && Object.values(LATER).some((group) => inGroup(group, url))) {
    const copy = response.clone();
    const cache = await caches.open(CACHE);
    await cache.put(key, copy);
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    const page = inGroup([COORDINATOR_PAGE], url) ? COORDINATOR_PAGE : "./index.html";
    event.respondWith(cachedOrFetched(request, new URL(page, self.location).href));
    return;
  }
  event.respondWith(cachedOrFetched(request, request));
});
