// Cross-origin isolation, which the training workers need to share their gradients in a
// SharedArrayBuffer (docs/HOSTING.md): from the host's COOP/COEP headers (www/_headers) with no
// service worker; from coi-sw.js on a host without those headers, after one reload; and, with
// neither, the page still works unisolated, on transferable buffers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, serveDistUnisolated, openPage, appReady } from './harness.mjs';

// The test server as the site's _headers have it: COOP and COEP among them.
const env = browserSuite();

// A host that cannot send COOP and COEP, under a sub-path as such hosts serve a project.
let bare;
before(async () => {
  bare = await serveDistUnisolated('/gradlab/');
});
after(() => bare?.close());

// Whether the page and each of its workers is isolated, and whether shared memory is there.
async function isolation(page) {
  const workers = await Promise.all(page.workers().map((w) => w.evaluate(() => self.crossOriginIsolated)));
  return {
    page: await page.evaluate(() => window.crossOriginIsolated),
    workers: [...new Set(workers)],
    sharedMemory: await page.evaluate(() => typeof SharedArrayBuffer === 'function'),
  };
}

const scopes = (page) =>
  page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => new URL(r.scope).pathname));

test("with the host's headers the page is isolated at once, with no service worker", async () => {
  const { context, page, problems } = await openPage(env.browser);
  const response = await page.goto(`${env.server.url}#/overview`);
  assert.equal(response.headers()['cross-origin-opener-policy'], 'same-origin');
  assert.equal(response.headers()['cross-origin-embedder-policy'], 'require-corp');
  await appReady(page);
  assert.deepEqual(await isolation(page), { page: true, workers: [true], sharedMemory: true });
  assert.deepEqual(await scopes(page), []);
  assert.deepEqual(context.serviceWorkers(), []);
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation')[0].type), 'navigate');
  assert.deepEqual(problems, []);
  await context.close();
});

test('without the headers, coi-sw.js isolates the first visit with one reload; ?coi=0 opts out', async () => {
  const { context, page, problems } = await openPage(env.browser);
  const documents = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) documents.push(r.url());
  });
  const started = Date.now();
  const response = await page.goto(`${bare.url}#/overview`);
  assert.equal(response.headers()['cross-origin-opener-policy'], undefined);
  // The first load registers the worker, which takes control; the page reloads once, isolated.
  await page.waitForFunction(() => window.crossOriginIsolated, null, { timeout: 10_000 });
  const isolatedAfter = Date.now() - started;
  await appReady(page);
  assert.deepEqual(await isolation(page), { page: true, workers: [true], sharedMemory: true });
  const state = await page.evaluate(() => ({
    type: performance.getEntriesByType('navigation')[0].type,
    controller: new URL(navigator.serviceWorker.controller.scriptURL).pathname,
    hash: location.hash,
  }));
  assert.deepEqual(state, { type: 'reload', controller: '/gradlab/coi-sw.js', hash: '#/overview' });
  assert.deepEqual(await scopes(page), ['/gradlab/']);
  // It caches nothing: the browser keeps the worker's registration and no data.
  assert.deepEqual(await page.evaluate(() => caches.keys()), []);
  // Exactly one reload: the reloaded page never reloads again.
  await page.waitForTimeout(300);
  assert.equal(documents.length, 2, documents.join(' '));
  console.log(`isolated ${isolatedAfter} ms after the first visit began`);

  // With the worker installed, ?coi=0 still gives the unisolated page, which works.
  await page.goto(`${bare.url}?coi=0#/overview`);
  await appReady(page);
  assert.deepEqual(await isolation(page), { page: false, workers: [false], sharedMemory: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test('with no service workers and no headers, the page works unisolated', async () => {
  const { context, page, problems } = await openPage(env.browser, { serviceWorkers: 'block' });
  await page.goto(`${bare.url}#/overview`);
  await appReady(page);
  assert.deepEqual(await isolation(page), { page: false, workers: [false], sharedMemory: false });
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation')[0].type), 'navigate');
  // Playwright answers the registration with a warning of its own: the only message.
  assert.deepEqual(problems, ['page console.warning: Service Worker registration blocked by Playwright']);
  await context.close();
});
