/*
 * StrideScope offline service worker (written into dist/sw.js by scripts/lib/sw-plugin.mjs at build time).
 * After one visit the app shell, the WASM files and the default pose model are cached, so a full analysis runs with
 * the network off. Same-origin GET requests only; nothing is ever fetched from another origin.
 *  - navigations: the network first (a new version when online), the cached page when offline;
 *  - everything else: the cache first, then the network (and the response is cached: other models, once used).
 */
const PRECACHE = __PRECACHE__;
const CACHE = 'stridescope-__VERSION__';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const k of await caches.keys()) if (k.startsWith('stridescope-') && k !== CACHE) await caches.delete(k);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'offline-ready?') {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(CACHE);
        const have = await Promise.all(PRECACHE.map((u) => cache.match(u)));
        event.source.postMessage({ type: 'offline-ready', ready: have.every(Boolean), files: PRECACHE.length, version: CACHE });
      })(),
    );
  }
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const res = await fetch(req);
          const cache = await caches.open(CACHE);
          if (res.ok) await cache.put('/index.html', res.clone());
          return res;
        } catch {
          return (await caches.match('/index.html', { ignoreVary: true })) ?? (await caches.match('/', { ignoreVary: true })) ?? Response.error();
        }
      })(),
    );
    return;
  }
  event.respondWith(
    (async () => {
      // ignoreVary: module scripts and workers are requested in CORS mode (an Origin header) and the server may send Vary
      const cached = await caches.match(req, { ignoreSearch: true, ignoreVary: true });
      if (cached) return cached;
      const res = await fetch(req);
      if (res.ok && res.type === 'basic' && !req.headers.has('range')) {
        const cache = await caches.open(CACHE);
        await cache.put(req, res.clone());
      }
      return res;
    })(),
  );
});
