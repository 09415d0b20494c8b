// The site under its strict Content-Security-Policy, and what it keeps about the visitor.
// Every browser test runs under the policy (server.mjs sends it, harness.mjs fails a test on any
// violation); these tests prove that the policy is really there, that a violation really fails a
// test, and that nothing leaves the origin or stays in the browser unasked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, appReady } from './harness.mjs';

const env = browserSuite();

const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

test('the page and its workers carry the strict policy, and the page has no inline script', async () => {
  const { context, page, problems } = await openPage(env.browser);
  const response = await page.goto(`${env.server.url}#/autoencoder`);
  const header = response.headers()['content-security-policy'];
  for (const directive of [...POLICY, "frame-ancestors 'none'"]) {
    assert.ok(header.includes(directive), `the header lacks ${directive}: ${header}`);
  }
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.equal(meta, POLICY.join('; '));
  assert.equal(await page.locator('script:not([src])').count(), 0);
  await appReady(page);
  // The worker scripts get the policy from their own response; a <meta> cannot reach them.
  for (const file of ['worker_loader.js', 'worker_relaxed_loader.js', 'worker.js']) {
    const r = await page.request.get(new URL(file, env.server.url).href);
    assert.equal(r.status(), 200, file);
    assert.ok(r.headers()['content-security-policy'].includes("worker-src 'self'"), file);
  }
  // A lab trains under the policy: canvases, the worker and its wasm all allowed.
  await page.click('[data-testid="ae-train"]');
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="ae-step-count"]')?.textContent.replace(/,/g, '')) >= 20,
    null,
    { timeout: 60_000 },
  );
  await page.click('[data-testid="ae-train"]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a violation fails the test: the page reports it and so does the browser, to the server', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await page.goto(`${env.server.url}#/overview`);
  await appReady(page);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
  });
  assert.equal(await page.evaluate(() => window.__ran), undefined, 'the inline script was blocked');
  // The page's own event at once, the browser's report to report-uri a little later.
  await waitFor(() => problems.some((p) => p.startsWith('page console.error: CSP violation: script-src')));
  await waitFor(() => problems.some((p) => /^CSP violation: script-src\S* blocked inline/.test(p)));
  await context.close();
});

test('nothing leaves the origin, and the browser keeps only the language the visitor chose', async () => {
  const { context, page, problems } = await openPage(env.browser);
  const origin = new URL(env.server.url).origin;
  const elsewhere = [];
  context.on('request', (r) => {
    if (new URL(r.url()).origin !== origin) elsewhere.push(r.url());
  });
  await page.goto(`${env.server.url}#/overview`);
  await appReady(page);
  const slugs = await page.$$eval('nav a[data-testid^="nav-"]', (links) =>
    links.map((a) => a.dataset.testid),
  );
  assert.ok(slugs.length >= 8, `found ${slugs.length} chapters`);
  for (const slug of slugs) {
    await page.click(`[data-testid="${slug}"]`);
    await page.waitForTimeout(300);
  }
  // Nothing is stored until the visitor picks a language; then only that.
  assert.deepEqual(await storage(page), { local: {}, session: 0, cookies: 0, databases: [], caches: [] });
  await page.click('[data-testid="lang-switch"]');
  const kept = await storage(page);
  assert.deepEqual(Object.keys(kept.local), ['gradlab.lang']);
  assert.deepEqual({ ...kept, local: {} }, { local: {}, session: 0, cookies: 0, databases: [], caches: [] });
  assert.deepEqual(elsewhere, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('after training, the browser keeps only the gradlab database, with only that lab\'s run', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await page.goto(`${env.server.url}#/autoencoder?widths=784-16-2&batch=16&seed=1`);
  await appReady(page);
  const train = '[data-testid="ae-train"]';
  await page.locator(`${train}:not([disabled])`).waitFor({ timeout: 90_000 });
  assert.deepEqual((await storage(page)).databases, [], 'a visit alone stores nothing');
  await page.click('[data-testid="ae-step"]');
  await page.locator('[data-testid="ae-saved"]', { hasText: /step 1\b/ }).waitFor({ timeout: 30_000 });
  const kept = await storage(page);
  assert.deepEqual({ ...kept, databases: [] }, { local: {}, session: 0, cookies: 0, databases: [], caches: [] });
  assert.deepEqual(kept.databases, ['gradlab']);
  const keys = await page.evaluate(
    () =>
      new Promise((done) => {
        const open = indexedDB.open('gradlab');
        open.onsuccess = () => {
          const all = open.result.transaction('runs').objectStore('runs').getAllKeys();
          all.onsuccess = () => done(all.result);
        };
      }),
  );
  assert.deepEqual(keys, ['ae']);
  assert.deepEqual(problems, []);
  await context.close();
});

async function storage(page) {
  return page.evaluate(async () => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: sessionStorage.length,
    cookies: document.cookie.length,
    databases: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
  }));
}

async function waitFor(condition, ms = 10_000) {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out: ${condition}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
