// Uptrend's service worker: after one visit the site keeps working offline.
//
// boot.js registers it as sw.js?build=<the build's hashed wasm name>, so every deploy installs a new
// worker with its own cache (`uptrend-<build>`); activating it deletes the caches of older builds, so a
// re-deploy never leaves a stale app. Install caches the app shell (index.html and every asset it names)
// and the data (data/index.json, the snapshots it lists and the pack it names). Requests are then served:
// - hashed assets (trunk's `name-<hash>.ext`): from the cache, else the network;
// - the page, boot.js and data/: from the network (revalidating the HTTP cache, so newly published
//   snapshots show on reload), stored for offline use; from the cache when the network fails.
// Everything is relative to the worker's scope, so the site works under any sub-path.

const BUILD = new URL(self.location.href).searchParams.get("build") || "unversioned";
const CACHE = `uptrend-${BUILD}`;
const SCOPE = self.registration.scope;
const PAGE = new URL("./", SCOPE).href;
const MANIFEST = new URL("data/index.json", SCOPE).href;
const HASHED = /-[0-9a-f]{6,}(_bg)?\.[a-z0-9]+$/;

// The URLs of the assets a page names (href, src and the start-up script's data-uptrend-* attributes)
// that lie inside the scope.
const assetsOf = (html) =>
  [...html.matchAll(/(?:href|src|data-uptrend-js|data-uptrend-wasm)="([^"]+)"/g)]
    .map((match) => new URL(match[1], PAGE).href)
    .filter((url) => url.startsWith(SCOPE));

// The manifest, every snapshot it lists and its pack, resolved against it like the app does; failures are
// skipped (the site shows its own errors for missing data).
const cacheData = async (cache) => {
  const response = await fetch(MANIFEST, { cache: "no-cache" });
  if (!response.ok) {
    return;
  }
  // Read once, stored from the bytes: no clone whose unread half could hold back the other.
  const body = await response.arrayBuffer();
  await cache.put(MANIFEST, new Response(body, { headers: response.headers }));
  const manifest = JSON.parse(new TextDecoder().decode(body));
  const entries = Array.isArray(manifest.snapshots) ? [...manifest.snapshots] : [];
  // The pack the site reads instead of the snapshots (`uptrend pack`); the snapshots stay cached for
  // when the site cannot use it.
  if (typeof manifest.packed === "string") {
    entries.push(manifest.packed);
  }
  await Promise.all(
    entries
      .filter((entry) => typeof entry === "string")
      .map((entry) => new URL(entry, MANIFEST).href)
      .filter((url) => url.startsWith(SCOPE))
      .map(async (url) => {
        const snapshot = await fetch(url, { cache: "no-cache" });
        if (snapshot.ok) {
          await cache.put(url, snapshot);
        }
      }),
  );
};

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch(PAGE, { cache: "no-cache" });
      if (!page.ok) {
        throw new Error(`the page answered ${page.status}`);
      }
      const html = await page.text();
      await cache.put(PAGE, new Response(html, { headers: page.headers }));
      const assets = assetsOf(html);
      await cache.addAll([...new Set(assets)]);
      await cacheData(cache).catch(() => undefined);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith("uptrend-") && name !== CACHE).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

// Responses are handed to the page at once and stored alongside (the event waits for the storing): awaiting
// the storing first would let the page's unread half of the cloned body hold back the copy.
const cacheFirst = async (event, request) => {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok) {
    event.waitUntil(cache.put(request, response.clone()));
  }
  return response;
};

// The network's answer (stored under `key` when it is a success), or the stored one when the network
// fails; an HTTP error such as 404 is the answer, not a reason to show old data.
const networkFirst = async (event, request, key) => {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request, { cache: "no-cache" });
    if (response.ok) {
      event.waitUntil(cache.put(key, response.clone()));
    }
    return response;
  } catch (offline) {
    const cached = await cache.match(key);
    if (cached) {
      return cached;
    }
    throw offline;
  }
};

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) {
    return;
  }
  const url = new URL(request.url);
  if (request.mode === "navigate") {
    // Every view of the site is the one page with another query string.
    const isPage = url.href.split(/[?#]/)[0] === PAGE || url.pathname.endsWith("/index.html");
    event.respondWith(isPage ? networkFirst(event, new Request(PAGE), PAGE) : fetch(request));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(event, request));
  } else {
    event.respondWith(networkFirst(event, request, url.href.split("#")[0]));
  }
});
