// gradlab's service worker, for hosts that cannot send headers (GitHub Pages and the like).
//
// The training workers share their gradients in a SharedArrayBuffer, which a browser hands out
// only to a cross-origin isolated page: one served with Cross-Origin-Opener-Policy: same-origin
// and Cross-Origin-Embedder-Policy: require-corp. A host that sends those (www/_headers,
// www/.htaccess, docs/HOSTING.md) never gets here: coi-register.js registers this worker only
// when the page is not isolated already. This worker only adds the headers, in the browser, to
// the site's own responses. It caches nothing and stores nothing: every request is fetched as
// it would be without it, through the browser's ordinary HTTP cache.

'use strict';

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // The consent require-corp asks of every embedded file, stated outright. Only the site's own
  // pages load through this worker, and their loads are same-origin, which pass without it.
  'Cross-Origin-Resource-Policy': 'same-origin',
};

// Take over at once, rather than when every tab of the site has closed: the first visit is the
// one that needs isolation (coi-register.js reloads it once this worker controls it).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Returning without respondWith leaves a request to the browser, exactly as with no worker.
  // Only GETs: the site loads its pages, scripts, styles and data with nothing else.
  if (request.method !== 'GET') return;
  // fetch() throws on this combination (DevTools sends it); let the browser answer it.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  const url = new URL(request.url);
  // Another origin's response must carry its own consent (CORP or CORS); adding it here would
  // defeat require-corp. The site loads nothing from elsewhere anyway.
  if (url.origin !== self.location.origin) return;
  // ?coi=0 asks for the page without isolation (coi-register.js): its document goes untouched,
  // so the page takes the fallback even once this worker is installed.
  if (request.mode === 'navigate' && url.searchParams.get('coi') === '0') return;
  event.respondWith(fetch(request).then(isolated));
});

// The response with the isolation headers added, its body still streaming from the network.
function isolated(response) {
  // Opaque, opaque-redirect (a navigation's redirect, followed by the browser with a new
  // request this worker sees again), error and CORS responses are passed on as they are, and
  // so is a followed redirect: a new Response would lose its final URL, against which a script
  // resolves its imports.
  if (response.type !== 'basic' || response.redirected) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
