// Makes the page cross-origin isolated on hosts that cannot send the COOP/COEP headers, by
// registering coi-sw.js, which adds them in the browser (docs/HOSTING.md). A classic script in
// <head>, so it runs before the app starts loading, under the page's `script-src 'self'`.
//
// It does nothing when the page is isolated already (the host sends the headers, or coi-sw.js
// controls the page), when the browser has no service workers (plain http away from localhost,
// Firefox's private windows), or when the address asks for ?coi=0. Unisolated, the page trains
// over transferable buffers instead of shared memory: every core still works, a little slower.
//
// Reload policy. A page's headers are fixed when it loads, so a first visit becomes isolated
// only by loading again once coi-sw.js controls it: this script reloads it then, once, as
// visitors of coi-serviceworker sites expect. Only if all of these hold:
//   - the page is not isolated (nothing to gain otherwise);
//   - it had no controller when it loaded and got one since: coi-sw.js took it over now, on
//     first install. A page controlled from the start that is still not isolated would not be
//     isolated by a reload either; and an update of coi-sw.js in a tab the visitor is training
//     in (controlled from the start) never reloads it;
//   - it was not itself loaded by a reload. The reload this script makes is one, so the page it
//     brings can never reload again: no loop, whatever the browser does with the worker, and no
//     storage needed to remember it (the browser keeps only what the visitor chose). The price:
//     a first visit that the visitor reloads before the worker takes over stays unisolated
//     until it loads again.
(() => {
  'use strict';
  if (window.crossOriginIsolated) return;
  let container;
  try {
    container = navigator.serviceWorker;
  } catch {
    return; // Its getter throws where service workers are denied (a sandboxed frame).
  }
  if (!container) return;
  if (new URLSearchParams(location.search).get('coi') === '0') return;

  const navigation = performance.getEntriesByType('navigation')[0];
  // A browser that cannot say how the page was loaded counts as a reload: never reload then.
  const loadedByReload = !navigation || navigation.type === 'reload';
  if (!container.controller && !loadedByReload) {
    container.addEventListener('controllerchange', () => {
      if (container.controller && !window.crossOriginIsolated) location.reload();
    });
  }
  // Refused (a browser setting, a storage quota): the page stays as it is, on the fallback.
  container.register('coi-sw.js', { scope: './' }).catch(() => {});
})();
