// Data-parallel training over every core (src/jobs/team.rs, src/worker/team.rs): two workers
// train the seed autoencoder to the losses of one, within 1e-3 relative over 100 steps, both
// with shared memory (the site's COOP/COEP headers) and without (no headers, no service
// worker: the shares travel as transferred buffers); a helper that dies is replaced; and the
// Performance chapter lets the visitor choose the workers and says how many cores are in use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, serveDistUnisolated, appReady, goChapter, openPage, screenshot } from './harness.mjs';
import { openGradlab } from '../../bench/systems.mjs';

const env = browserSuite();
const id = (t) => `[data-testid="${t}"]`;

// A host without COOP and COEP.
let bare;
before(async () => {
  bare = await serveDistUnisolated('/');
});
after(() => bare?.close());

/// The worst relative difference between two workers' losses and one worker's.
async function compare(gradlab) {
  const one = await gradlab.losses(1);
  const two = await gradlab.losses(2);
  assert.equal(one.length, 100);
  assert.equal(two.length, 100);
  // Deterministic for a given number of workers: the same additions in the same order.
  assert.deepEqual(await gradlab.losses(2), two);
  const rel = one.map((l, i) => Math.abs(two[i] - l) / Math.abs(l));
  const worst = Math.max(...rel);
  assert.ok(worst <= 1e-3, `step ${rel.indexOf(worst)}: ${two[rel.indexOf(worst)]} against ${one[rel.indexOf(worst)]}`);
  assert.ok(two[99] < 0.5 * two[0], `two workers learn: ${two[0]} → ${two[99]}`);
  return worst;
}

test('2 workers train to the losses of 1 within 1e-3 over 100 steps, sharing memory', async () => {
  const gradlab = await openGradlab(env.browser, env.server.url);
  assert.equal(gradlab.isolated, true, 'the site headers make the page cross-origin isolated');
  const worst = await compare(gradlab);
  console.log(`shared memory: 2 workers against 1, worst relative difference ${worst.toExponential(2)}`);
  assert.deepEqual(gradlab.problems, []);
  await gradlab.context.close();
});

test('without cross-origin isolation the page still trains on 2 workers, over transferred buffers', async () => {
  const gradlab = await openGradlab(env.browser, bare.url, { serviceWorkers: 'block' });
  assert.equal(gradlab.isolated, false);
  const worst = await compare(gradlab);
  console.log(`transferred buffers: 2 workers against 1, worst relative difference ${worst.toExponential(2)}`);
  const r = await gradlab.train({ batch: 128, ms: 300, seed: 0, replicas: 2 });
  assert.equal(r.replicas, 2);
  // Playwright's own notice that it blocked the service worker is the only message.
  assert.deepEqual(gradlab.problems.filter((p) => !/Service Worker registration blocked/.test(p)), []);
  await gradlab.context.close();
});

test('a helper worker that dies fails its job with a message, and the next job replaces it', async () => {
  const gradlab = await openGradlab(env.browser, env.server.url);
  const before = await gradlab.losses(3);
  const workers = gradlab.page.workers();
  assert.equal(workers.length, 3, 'the page\'s worker and its two helpers');
  // The first helper, not the last: the helpers after it keep their ranks and ports.
  const job = gradlab.train({ batch: 128, ms: 3000, seed: 0, replicas: 3 }).then(
    () => 'finished',
    (e) => e.message,
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  await workers[1].evaluate(() => setTimeout(() => {
    throw new Error('helper stopped by the test');
  }));
  assert.match(await job, /A worker training beside this one was lost.*worker 1: .*helper stopped by the test/);
  assert.deepEqual(await gradlab.losses(3), before, 'a new helper took the place of the dead one');
  assert.equal(gradlab.page.workers().length, 3);
  assert.deepEqual(gradlab.problems, []);
  await gradlab.context.close();
});

for (const locale of ['en-US', 'zh-CN']) {
  test(`the Performance chapter trains on the workers the visitor chooses and says so (${locale})`, async () => {
    const { context, page, problems } = await openPage(env.browser, { locale });
    await page.goto(`${env.server.url}#/overview`);
    await appReady(page);
    await goChapter(page, 'performance');
    const cores = await page.evaluate(() => Math.min(8, Math.max(1, navigator.hardwareConcurrency || 1)));
    const options = await page.$$eval(`${id('perf-train-workers')} option`, (o) => o.map((x) => x.value));
    assert.deepEqual(options, Array.from({ length: cores }, (_, i) => String(i + 1)));
    // Every core by default.
    assert.equal(await page.inputValue(id('perf-train-workers')), String(cores));
    const line = page.locator(id('perf-cores'));
    const zh = locale === 'zh-CN';
    if (cores > 1) {
      assert.match(await line.textContent(), zh ? /共享内存/ : /shared memory/);
    }
    await page.selectOption(id('perf-train-workers'), '1');
    assert.match(await line.textContent(), zh ? new RegExp(`使用 ${cores} 个核心中的 1 个`) : new RegExp(`^1 of ${cores} cores in use\\.$`));
    await page.selectOption(id('perf-train-workers'), String(cores));
    await page.click(id('perf-train-run'));
    await page.waitForSelector(`${id('perf-train')} tr[data-batch="256"][data-workers="${cores}"]`, { timeout: 60_000 });
    const rows = await page.$$eval(`${id('perf-train')} tbody tr`, (r) =>
      r.map((x) => [Number(x.dataset.batch), Number(x.dataset.workers), Number(x.dataset.samplesPerSec)]),
    );
    assert.deepEqual(rows.map(([b]) => b), [32, 128, 256]);
    for (const [batch, workers, rate] of rows) {
      // A batch is split only when every worker gets at least 32 rows (src/jobs/team.rs).
      assert.equal(workers, Math.floor(batch / cores) >= 32 ? cores : 1, `batch ${batch}`);
      assert.ok(rate > 0, `${rate} samples/s`);
    }
    assert.match(await line.textContent(), zh ? new RegExp(`使用 ${cores} 个核心中的 ${cores} 个`) : new RegExp(`^${cores} of ${cores} cores in use`));
    await page.locator(id('perf-train')).scrollIntoViewIfNeeded();
    await screenshot(page, `performance-workers-${locale}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
