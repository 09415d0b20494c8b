// The worker round trip with real work (GEMM timed in the worker), and recovery from crashes
// in the worker and on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { browserSuite, openPage, screenshot, appReady, ROOT } from './harness.mjs';

const env = browserSuite();

// Opens the Performance chapter and presses Measure: nothing heavy starts by itself.
async function measure(page, query = '') {
  await page.goto(`${env.server.url}${query}#/performance`);
  await appReady(page);
  await page.click('[data-testid="perf-gemm-run"]');
}

async function gemmFigures(page) {
  const rows = page.locator('[data-testid="perf-gemm"] tbody tr');
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="perf-gemm"] tbody tr').length === 7,
    null,
    { timeout: 60_000 },
  );
  return rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.gflops)));
}

test('the Performance chapter shows GEMM GFLOP/s measured in the worker, with progress', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await page.goto(`${env.server.url}#/performance`);
  await appReady(page);
  // Nothing is measured on arrival, which a phone's battery would pay for: Measure starts it.
  await page.waitForTimeout(1_000);
  assert.equal(await page.locator('[data-testid="perf-gemm-progress"]').count(), 0);
  assert.equal(await page.locator('[data-testid="perf-train-progress"]').count(), 0);
  assert.match(await page.textContent('[data-testid="perf-gemm"]'), /Not measured yet: press Measure/);
  await page.click('[data-testid="perf-gemm-run"]');
  await page.waitForSelector('[data-testid="perf-gemm-progress"]', { timeout: 30_000 });
  const gflops = await gemmFigures(page);
  for (const g of gflops) assert.ok(Number.isFinite(g) && g > 0.05, `GFLOP/s figure ${g}`);
  console.log(`GEMM GFLOP/s in the worker: ${gflops.map((g) => g.toFixed(1)).join(', ')}`);
  // Then the seed autoencoder trains on real MNIST digits at batch 32, 128 and 256.
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="perf-train"] tbody tr').length === 3,
    null,
    { timeout: 90_000 },
  );
  const train = await page
    .locator('[data-testid="perf-train"] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [Number(tr.dataset.batch), Number(tr.dataset.samplesPerSec)]));
  assert.deepEqual(train.map(([b]) => b), [32, 128, 256]);
  for (const [, sps] of train) assert.ok(sps > 100, `samples/s ${sps}`);
  const memory = await page.textContent('[data-testid="perf-memory"]');
  const kernel = await page.textContent('[data-testid="perf-train"] p.muted');
  console.log(`seed AE samples/s at batch 32/128/256: ${train.map(([, s]) => s.toFixed(0)).join(' / ')}; memory ${memory}; ${kernel}`);
  assert.match(memory, /^\d+(\.\d)? MB$/);
  // A screen reader hears each measurement end, with its figures.
  const said = (testid) => page.textContent(`[data-testid="${testid}"]`);
  assert.match(await said('perf-gemm-announce'), /^Finished\. Matrix multiply \(GEMM\) in the worker\. fastest .+, [\d.]+ GFLOP\/s; slowest .+, [\d.]+ GFLOP\/s$/);
  await page.waitForFunction(() => document.querySelector('[data-testid="perf-train-announce"]')?.textContent.startsWith('Finished'));
  assert.match(await said('perf-train-announce'), /^Finished\. Training the seed autoencoder\. batch 32: [\d,]+ samples\/s; batch 128: [\d,]+ samples\/s; batch 256: [\d,]+ samples\/s$/);
  // The formula with the first row's own numbers: 2mnk / t gives back its GFLOP/s.
  const value = Number(await page.textContent('[data-testid="perf-formula-value"]'));
  assert.ok(Math.abs(value - gflops[0]) < 0.051, `formula ${value}, table ${gflops[0]}`);
  await screenshot(page, 'performance-gemm');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Stop is answered while the worker trains: the run ends within 100 ms of the click', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await measure(page);
  await gemmFigures(page);
  // The training benchmark follows the GEMM figures; let it load and train.
  await page.waitForFunction(
    () => document.querySelector('[data-testid="perf-train-progress"]')?.getAttribute('value') === '1',
    null,
    { timeout: 60_000 },
  );
  const ms = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const gone = () => !document.querySelector('[data-testid="perf-train-progress"]');
        const t0 = performance.now();
        const obs = new MutationObserver(() => {
          if (gone()) {
            obs.disconnect();
            resolve(performance.now() - t0);
          }
        });
        obs.observe(document.body, { childList: true, subtree: true });
        document.querySelector('[data-testid="perf-train-cancel"]').click();
      }),
  );
  console.log(`Stop answered in ${ms.toFixed(1)} ms while training`);
  assert.ok(ms < 100, `Stop took ${ms} ms`);
  // Stopped before its figures: said so, with none.
  await page.waitForFunction(() => document.querySelector('[data-testid="perf-train-announce"]')?.textContent === 'Stopped. Training the seed autoencoder.');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a panic in the worker shows the error banner, and the restarted worker works', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await measure(page, '?selftest=panic');
  await gemmFigures(page);
  await page.click('[data-testid="selftest-panic"]');
  const banner = page.locator('[data-testid="error-banner"]');
  await banner.waitFor({ timeout: 10_000 });
  assert.match(await banner.textContent(), /deliberate panic inside the worker/);
  await screenshot(page, 'worker-panic-banner');
  // The new worker answers real work.
  await appReady(page);
  await page.click('[data-testid="perf-gemm-run"]');
  await page.waitForSelector('[data-testid="perf-gemm-progress"]');
  const gflops = await gemmFigures(page);
  assert.ok(gflops.every((g) => g > 0));
  await banner.locator('button').click();
  assert.equal(await banner.count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a panic on the page shows the error banner instead of a dead page', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await page.goto(`${env.server.url}?selftest=panic#/overview`);
  await appReady(page);
  await page.click('[data-testid="selftest-app-panic"]');
  const banner = page.locator('.banner-fatal[data-testid="error-banner"]');
  await banner.waitFor({ timeout: 10_000 });
  assert.match(await banner.textContent(), /deliberate panic on the page/);
  await screenshot(page, 'app-panic-banner');
  // The one expected console line is the panic itself; anything else is a problem.
  assert.deepEqual(
    problems.filter((p) => !p.includes('deliberate panic on the page') && !p.includes('unreachable')),
    [],
  );
  await banner.locator('button').click();
  await appReady(page);
  await context.close();
});

test('the worker trains the seed autoencoder to the same losses as native code (1e-5 relative)', async () => {
  const reference = JSON.parse(
    await readFile(join(ROOT, 'tests/fixtures/seed_ae_100_steps.json'), 'utf8'),
  ).losses;
  const { context, page, problems } = await openPage(env.browser);
  await page.goto(`${env.server.url}?selftest#/overview`);
  await appReady(page);
  await page.click('[data-testid="selftest-determinism"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="selftest-losses"]')?.dataset.losses,
    null,
    { timeout: 60_000 },
  );
  const losses = (await page.getAttribute('[data-testid="selftest-losses"]', 'data-losses'))
    .split(',')
    .map(Number);
  assert.equal(losses.length, reference.length);
  const rel = losses.map((l, i) => Math.abs(l - reference[i]) / Math.abs(reference[i]));
  const worst = Math.max(...rel);
  console.log(`wasm vs native over ${losses.length} steps: worst relative difference ${worst.toExponential(2)}`);
  assert.ok(worst <= 1e-5, `worst relative difference ${worst} at step ${rel.indexOf(worst)}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a truncated MNIST asset is refused with a message that says what is wrong', async () => {
  const { context, page, problems } = await openPage(env.browser);
  const asset = await readFile(join(ROOT, 'dist/assets/mnist/mnist-10k.bin.gz'));
  await context.route('**/mnist-10k.bin.gz', (route) =>
    route.fulfill({ status: 200, contentType: 'application/gzip', body: asset.subarray(0, 100_000) }),
  );
  await measure(page);
  const banner = page.locator('[data-testid="error-banner"]');
  await banner.waitFor({ timeout: 60_000 });
  const text = await banner.textContent();
  assert.match(text, /MNIST asset is corrupt/);
  assert.match(text, /truncated/);
  await screenshot(page, 'mnist-truncated');
  // The core's error crosses as a value, so it is worded again in the language switched to.
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  const zh = await banner.textContent();
  assert.match(zh, /MNIST 数据文件已损坏：/);
  assert.match(zh, /truncated/);
  assert.ok(!/is corrupt/.test(zh), zh);
  // The worker is still usable: the GEMM figures are in, and a new run can start.
  assert.equal(await page.isDisabled('[data-testid="perf-train-run"]'), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Stop while the digits are still loading cancels the run that was waiting for them', async () => {
  const { context, page, problems } = await openPage(env.browser);
  const asset = await readFile(join(ROOT, 'dist/assets/mnist/mnist-10k.bin.gz'));
  let release;
  const held = new Promise((ok) => (release = ok));
  await context.route('**/mnist-10k.bin.gz', async (route) => {
    await held;
    await route.fulfill({ status: 200, contentType: 'application/gzip', body: asset });
  });
  await measure(page);
  await page.waitForSelector('[data-testid="perf-train-progress"]', { timeout: 60_000 });
  await page.click('[data-testid="perf-train-cancel"]');
  await page.waitForSelector('[data-testid="perf-train-progress"]', { state: 'detached', timeout: 2_000 });
  release();
  // The digits arrive after the Stop: nothing may start training on its own.
  await page.waitForTimeout(3_000);
  assert.equal(await page.locator('[data-testid="perf-train-progress"]').count(), 0);
  assert.equal(await page.locator('[data-testid="perf-train"] tbody tr').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Performance chapter shows the committed benchmark beside this browser’s figure', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await page.goto(`${env.server.url}#/performance`);
  await appReady(page);
  // A row per system, a column per batch size.
  const table = '[data-testid="perf-bench-table"]';
  const columns = await page.$$eval(`${table} thead th`, (th) => th.map((h) => h.textContent));
  assert.deepEqual(columns, ['samples/s', 'Batch 32', 'Batch 128', 'Batch 256']);
  const systems = await page.$$eval(`${table} tbody tr[data-system] th`, (th) => th.map((h) => h.textContent));
  assert.deepEqual(systems, ['gradlab, 1 worker', 'gradlab, all cores', 'TF.js wasm', 'TF.js cpu', 'PyTorch, 1 thread', 'PyTorch, all threads', 'This browser']);
  const figures = await page.$$eval(`${table} tbody tr[data-system]:not(.yours) td`, (td) => td.map((d) => Number(d.textContent.replace(/,/g, ''))));
  assert.equal(figures.length, 18);
  assert.ok(figures.every((f) => f > 0), `${figures}`);
  const ratios = (kind) => page.$$eval(`${table} td[data-ratio-kind="${kind}"]`, (td) => td.map((d) => Number(d.dataset.ratio)));
  const vsWasm = await ratios('wasm');
  assert.ok(vsWasm.length === 3 && vsWasm.every((r) => r > 1), `${vsWasm}`);
  // Every core against native PyTorch on every thread: a ratio at every batch size.
  const vsTorch = await ratios('torch');
  assert.ok(vsTorch.length === 3 && vsTorch.every((r) => r > 0), `${vsTorch}`);
  // Four columns fit the prose column: nothing scrolls sideways at 1280 px.
  const wrap = await page.$eval(table, (t) => [t.parentElement.scrollWidth, t.parentElement.clientWidth]);
  assert.ok(wrap[0] <= wrap[1], `the table is ${wrap[0]} px wide in ${wrap[1]} px`);
  assert.match(await page.textContent('[data-testid="perf-bench-machine"]'), /\d{4}-\d{2}-\d{2}/);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="perf-bench-chart"]')?.dataset.bars) >= 9);
  // Its name reads every committed bar, as the table does.
  const named = await page.getAttribute('[data-testid="perf-bench-chart"]', 'aria-label');
  assert.match(named, /^samples\/s: Batch 32: gradlab, 1 worker [\d,]+, gradlab, all cores [\d,]+, TF\.js wasm [\d,]+, PyTorch, 1 thread [\d,]+, PyTorch, all threads [\d,]+; Batch 128: /);
  await screenshot(page, 'performance-bench-en');
  assert.deepEqual(problems, []);
  await context.close();
});

// A page kept open across a deploy meets a worker of the new build: the handshake must say so
// and send nothing, rather than fail on every message. The init script flips one character of
// the build id in the worker's Ready message (postcard: variant 0, length 16, the id's bytes).
const OTHER_BUILD = () => {
  const Original = window.Worker;
  window.Worker = class extends Original {
    set onmessage(handler) {
      let patched = false;
      super.onmessage = (e) => {
        const d = e.data;
        if (!patched && d instanceof Uint8Array && d[0] === 0 && d[1] === 16) {
          d[2] = d[2] === 0x30 ? 0x31 : 0x30;
          patched = true;
        }
        handler(e);
      };
    }
  };
};

test('a worker from another build asks for a reload instead of running', async () => {
  for (const [locale, text] of [['en-US', /new version of gradlab is available: reload/], ['zh-CN', /有新版本可用：请刷新页面/]]) {
    const { context, page, problems } = await openPage(env.browser, { locale });
    await page.addInitScript(OTHER_BUILD);
    await page.goto(`${env.server.url}#/overview`);
    const banner = page.locator('[data-testid="error-banner"]');
    await banner.waitFor({ timeout: 30_000 });
    assert.match(await banner.textContent(), text);
    assert.equal(await page.locator('[data-testid="worker-status"] .worker-dot.ready').count(), 0);
    assert.match(await page.textContent('[data-testid="worker-status"]'), locale === 'en-US' ? /New version/ : /有新版本/);
    assert.equal(await page.locator('[data-testid="reload"]').count(), 1);
    await screenshot(page, `worker-new-version-${locale.slice(0, 2)}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
  // The Reload button loads the page again; with the real worker it then starts as usual.
  const { context, page, problems } = await openPage(env.browser);
  await page.addInitScript(OTHER_BUILD);
  await page.goto(`${env.server.url}#/overview`);
  await page.locator('[data-testid="reload"]').waitFor({ timeout: 30_000 });
  await Promise.all([page.waitForEvent('load'), page.click('[data-testid="reload"]')]);
  assert.deepEqual(problems, []);
  await context.close();
});

// The worker builds, best first: a relaxed-SIMD one where the engine has it, and the plain one.
const LOADERS = ['worker_relaxed_loader.js', 'worker_loader.js'];

// Serves `files` (names in dist/) as 404s to this page alone.
async function missing(page, files) {
  for (const file of files) {
    await page.route(`**/${file}`, (route) => route.fulfill({ status: 404, body: 'not found' }));
  }
}

test('a relaxed-SIMD worker that fails to load falls back to the plain one, with no banner', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await missing(page, [LOADERS[0]]);
  await measure(page);
  assert.equal(await page.locator('[data-testid="error-banner"]').count(), 0);
  // The plain build runs: the Performance chapter names the kernel it got.
  await page.waitForSelector('[data-testid="perf-train"] p.muted', { timeout: 90_000 });
  assert.match(await page.textContent('[data-testid="perf-train"] p.muted'), /SIMD128, multiply then add/);
  assert.deepEqual(problems.filter((p) => !p.includes(LOADERS[0])), []);
  await context.close();
});

for (const [what, files] of [
  ['both loaders are missing', LOADERS],
  ["both builds' wasm is missing", ['worker_relaxed_bg.wasm', 'worker_bg.wasm']],
]) {
  test(`when ${what}, a banner names what failed within 10 s`, async () => {
    const { context, page, problems } = await openPage(env.browser);
    await missing(page, files);
    const t0 = Date.now();
    await page.goto(`${env.server.url}#/autoencoder`);
    const banner = page.locator('[data-testid="error-banner"]');
    await banner.waitFor({ timeout: 10_000 });
    const seconds = (Date.now() - t0) / 1000;
    console.log(`worker load failure (${what}) shown after ${seconds.toFixed(1)} s`);
    const text = await banner.textContent();
    assert.match(text, /could not start/);
    for (const loader of LOADERS) assert.ok(text.includes(loader), `the banner names ${loader}: ${text}`);
    await page.waitForSelector('[data-testid="worker-status"] .worker-dot.down');
    await screenshot(page, `worker-load-failure-${files[0].replace(/\W/g, '-')}`);
    assert.deepEqual(problems.filter((p) => !files.some((f) => p.includes(f))), []);
    await context.close();
  });
}

test('a worker that stops answering is restarted, with a message', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await page.goto(`${env.server.url}?selftest#/overview`);
  await appReady(page);
  const t0 = Date.now();
  await page.click('[data-testid="selftest-hang"]');
  const banner = page.locator('[data-testid="error-banner"]');
  await banner.waitFor({ timeout: 15_000 });
  console.log(`a silent worker was declared dead after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  assert.match(await banner.textContent(), /stopped answering/);
  await appReady(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a worker that runs out of memory says so, with the settings, and comes back', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await page.goto(`${env.server.url}?selftest#/overview`);
  await appReady(page);
  await page.click('[data-testid="selftest-oom"]');
  const banner = page.locator('[data-testid="error-banner"]');
  await banner.waitFor({ timeout: 30_000 });
  const text = await banner.textContent();
  console.log(`out-of-memory banner: ${text}`);
  assert.match(text, /ran out of memory/);
  assert.match(text, /asked for [\d.]+ MB more with [\d.]+ MB in use/);
  await screenshot(page, 'worker-out-of-memory');
  await appReady(page);
  // The trap that ends the worker is the only console line.
  assert.deepEqual(problems.filter((p) => !/unreachable|Aborted/.test(p)), []);
  await context.close();
});
