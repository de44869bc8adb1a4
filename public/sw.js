// Nahda's service worker: keeps the apps in the browser's cache, so that after one visit they open
// and work with no network at all. On install it precaches the field app (HTML, WebAssembly,
// JavaScript, CSS, the form pack, the area list, the icon, the sealing worker). The coordinator
// app and the XLSForm worker, which not every device needs, are cached each as a whole, from one
// version, the first time one of their files is asked for, and precached with every later
// version once used. The build writes the file lists and a build id into this file
// (scripts/post-build.sh); a new build means a new cache, and old caches are removed.
const BUILD = "__NAHDA_BUILD__";
const FILES = __NAHDA_FILES__;
const LATER = __NAHDA_LATER__;
const CACHE = "nahda-" + BUILD;
const COORDINATOR_PAGE = "./coordinator.html";

const path = (file) => new URL(file, self.location).pathname;
const inGroup = (group, url) => group.some((file) => path(file) === url.pathname);
// Fetched past the browser's HTTP cache (revalidated), so a new version never stores an older
// copy the browser kept.
const fresh = (files) => files.map((file) => new Request(file, { cache: "no-cache" }));

// A group is in use when an older cache holds any of its files, or (for the coordinator app)
// when a page of it is open: a first visit went straight to it.
async function used(name, group) {
  for (const key of await caches.keys()) {
    if (key === CACHE || !key.startsWith("nahda-")) continue;
    const cache = await caches.open(key);
    for (const file of group) {
      if (await cache.match(file, { ignoreSearch: true })) return true;
    }
  }
  if (name !== "coordinator") return false;
  const open = await self.clients.matchAll({ includeUncontrolled: true, type: "window" });
  return open.some((client) => inGroup(group, new URL(client.url)));
}

// Adds the groups in use that this version's cache lacks; with no network they stay out (and
// are fetched whole the next time they are opened online).
async function keepUsedGroups() {
  const cache = await caches.open(CACHE);
  for (const [name, group] of Object.entries(LATER)) {
    if ((await cache.match(group[0])) || !(await used(name, group))) continue;
    await cache.addAll(fresh(group)).catch(() => {});
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(fresh(FILES)))
      .then(keepUsedGroups)
  );
});

// A group first opened while this version waited was cached by the version before: it is
// fetched again for this one before the older caches go.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    keepUsedGroups()
      .then(() => caches.keys())
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("nahda-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  // The version at work cached a group the first time it was used: this waiting version keeps
  // it too, from the network while it answers, so taking the update later, offline, loses
  // nothing.
  const group = LATER[event.data?.keep];
  if (group) event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(fresh(group))).catch(() => {}));
});

// Answers from the cache. A file of a group cached when first used brings its whole group into
// the cache first, so its files are of one version; if that cannot be stored (a full disk), the
// file is fetched alone.
async function cachedOrFetched(request, key) {
  const hit = await caches.match(key, { cacheName: CACHE, ignoreSearch: true });
  if (hit) return hit;
  const url = new URL(typeof key === "string" ? key : key.url);
  const name = Object.keys(LATER).find((n) => inGroup(LATER[n], url));
  if (name) {
    const cache = await caches.open(CACHE);
    const stored = await cache.addAll(fresh(LATER[name])).then(
      () => cache.match(key, { ignoreSearch: true }),
      () => undefined
    );
    if (stored) {
      self.registration.waiting?.postMessage({ keep: name });
      return stored;
    }
  }
  return fetch(request);
}

// What a person sees instead of the browser's error page when the coordinator app was never
// opened on this device and there is no network: the field app, which says so (src/ui/app.rs).
const backToTheFieldApp = () =>
  new Response('<!doctype html><meta http-equiv="refresh" content="0; url=./?coordinator-unavailable">', {
    headers: { "Content-Type": "text/html; charset=utf-8" },
  });

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (inGroup([COORDINATOR_PAGE], url)) {
      event.respondWith(cachedOrFetched(request, new URL(COORDINATOR_PAGE, self.location).href).catch(backToTheFieldApp));
      return;
    }
    event.respondWith(cachedOrFetched(request, new URL("./index.html", self.location).href));
    return;
  }
  event.respondWith(cachedOrFetched(request, request));
});
