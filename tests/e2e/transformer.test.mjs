// The Transformer lab: it learns the date task in the worker, its attention heatmaps are drawn
// for each kind and head and can be scrubbed back, and it translates typed input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, screenshot, appReady, recordFrameGaps, numberIn, pauseAnswered, sideScroll } from './harness.mjs';

const env = browserSuite();

const id = (t) => `[data-testid="${t}"]`;
const percent = async (page, t) => Number((await page.textContent(id(t))).replace('%', ''));

// Counts the bytes the worker posts to the page, by wrapping Worker before the app starts.
// Messages of 256 KB or more are the saved-run checkpoints (every weight and both Adam moments,
// about every 10 s, for the browser's storage; the largest live figure, an attention map set,
// is about 45 KB): they are counted apart, so that the live figures' rate is what is bounded.
const COUNT_WORKER_BYTES = () => {
  const Original = window.Worker;
  window.__workerBytes = 0;
  window.__checkpoints = [];
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const n = e.data?.byteLength ?? 0;
        if (n >= 256 * 1024) window.__checkpoints.push(n);
        else window.__workerBytes += n;
      });
    }
  };
};

async function openLab(options = {}) {
  const opened = await openPage(env.browser, options);
  await opened.page.addInitScript(COUNT_WORKER_BYTES);
  await opened.page.goto(`${env.server.url}#/transformer`);
  await appReady(opened.page);
  await opened.page.waitForFunction(
    (sel) => /%$/.test(document.querySelector(sel)?.textContent ?? ''),
    id('tf-token-acc'),
    { timeout: 60_000 },
  );
  return opened;
}

test('the date task trains: 30 s lifts held-out token accuracy to 50% or more', async () => {
  const { context, page, problems } = await openLab();
  const start = await percent(page, 'tf-token-acc');
  const stopGaps = await recordFrameGaps(page);
  const bytes0 = await page.evaluate(() => window.__workerBytes);
  const t0 = Date.now();
  await page.click(id('tf-train'));
  // Poll the figures, to note when held-out exact match first reaches 95%.
  let reached = null;
  while (Date.now() - t0 < 30_000) {
    await page.waitForTimeout(250);
    if (reached === null && (await percent(page, 'tf-exact')) >= 95) {
      reached = { train: await page.textContent(id('tf-train-time')), wall: (Date.now() - t0) / 1000 };
    }
  }
  const token = await percent(page, 'tf-token-acc');
  const exact = await percent(page, 'tf-exact');
  const kbPerSec = (await page.evaluate(() => window.__workerBytes) - bytes0) / 1024 / ((Date.now() - t0) / 1000);
  const checkpoints = await page.evaluate(() => window.__checkpoints);
  const gaps = await stopGaps();
  console.log(
    `transformer, dates, 30 s: token accuracy ${start}% → ${token}%, exact match ${exact}%, ` +
      `${await numberIn(page, 'tf-step-count')} steps, ${await page.textContent(id('tf-throughput'))} tokens/s; ` +
      `worker traffic ${kbPerSec.toFixed(1)} KB/s, and ${checkpoints.length} checkpoints of ` +
      `${((checkpoints[0] ?? 0) / 1024 ** 2).toFixed(2)} MB; frame gaps p95 ${gaps.p95.toFixed(1)} ms, max ${gaps.max.toFixed(1)} ms`,
  );
  assert.ok(token >= 50, `token accuracy ${token}%`);
  // The loss formula carries the chart's last held-out value, to four significant digits.
  // (Both read at once: training goes on.)
  const formula = page.locator(id('tf-formula'));
  const [charted, shown] = await page.evaluate(() => [
    Number(document.querySelector('[data-testid="tf-formula"]').dataset.testLoss),
    Number(document.querySelector('[data-testid="tf-formula-value"]').textContent),
  ]);
  assert.ok(Number.isFinite(charted) && charted > 0, `charted loss ${charted}`);
  assert.ok(Math.abs(shown - charted) <= 5e-4 * charted + 1e-6, `formula ${shown}, chart ${charted}`);
  assert.match(await formula.textContent(), /nats/);
  assert.ok(kbPerSec < 200, `worker traffic ${kbPerSec} KB/s`);
  // Saved about every 10 s while training: 30 s gives three, four at most.
  assert.ok(checkpoints.length >= 2 && checkpoints.length <= 4, `${checkpoints.length} checkpoints`);
  // The benchmark figure (reported, not asserted): when 95% exact match was first shown. The
  // held-out set is scored every 3 s of training, so this is late by up to that much.
  console.log(
    reached
      ? `95% exact match first shown at ${reached.train} of training (${reached.wall.toFixed(1)} s after Start)`
      : 'exact match stayed under 95% for 30 s',
  );
  await page.click(id('tf-train'));
  await page.waitForSelector(`${id('tf-train')}[aria-pressed="false"]`);

  // Heatmaps: drawn for each kind; another head draws another map.
  for (const kind of ['Encoder self', 'Decoder masked self', 'Cross']) {
    await page.selectOption(id('tf-attn-kind'), { label: kind });
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.nonblank === 'true', id('tf-attention'));
  }
  const head0 = await page.getAttribute(id('tf-attention'), 'data-hash');
  await page.selectOption(id('tf-attn-head'), { index: 1 });
  await page.waitForFunction(([sel, h]) => document.querySelector(sel)?.dataset.hash !== h, [id('tf-attention'), head0]);
  // Scrubbing back to step 0 shows the untrained model's map.
  const live = await page.getAttribute(id('tf-attention'), 'data-hash');
  await page.locator(id('tf-scrub')).fill('0');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '0', id('tf-scrub-step'));
  assert.notEqual(await page.getAttribute(id('tf-attention'), 'data-hash'), live);
  await page.selectOption(id('tf-attn-head'), { value: 'all' });
  await page.waitForSelector(id('tf-attention-head-3'));
  await page.locator(id('tf-scrub')).fill(String(await page.getAttribute(id('tf-scrub'), 'max')));
  await screenshot(page, 'transformer-en');

  // Typed input is translated; an unknown character is pointed out.
  await page.fill(id('tf-input'), 'Nov 28, 26');
  await page.click(id('tf-translate'));
  await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '').length > 0, id('tf-output'));
  const written = await page.textContent(id('tf-output'));
  console.log(`"Nov 28, 26" → "${written}"`);
  // The next-character probabilities: one row per step (the end too), each summing to 1, and
  // the likeliest of each step is what was written.
  const steps = await page.$$eval(`${id('tf-next-probs')} tbody tr`, (trs) =>
    trs.map((tr) => ({ sum: Number(tr.dataset.sum), first: tr.querySelector('td .mono').textContent })),
  );
  assert.equal(steps.length, [...written].length + 1, JSON.stringify(steps));
  for (const s of steps) assert.ok(Math.abs(s.sum - 1) < 1e-4, `a step sums to ${s.sum}`);
  assert.equal(steps.map((s) => s.first).join(''), `${written}</s>`);
  await page.fill(id('tf-input'), '28 November 2026 ☃');
  await page.click(id('tf-translate'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('☃'), id('tf-input-error'));
  // Many unknown characters: one line, each distinct one named once, ten at most.
  await page.fill(id('tf-input'), 'éüßøéüßø');
  await page.click(id('tf-translate'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.startsWith('4 '), id('tf-input-error'));
  assert.equal(await page.textContent(id('tf-input-error')), '4 characters this model does not know: “é”, “ü”, “ß”, “ø”');
  // Clearing the field clears the old refusal; sending it empty asks for a sentence.
  await page.fill(id('tf-input'), '');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '', id('tf-input-error'));
  await page.click(id('tf-translate'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'Type a sentence to translate.', id('tf-input-error'));
  // A pasted megabyte is refused as too long, in one short line.
  await page.fill(id('tf-input'), 'é'.repeat(1 << 20));
  await page.click(id('tf-translate'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.startsWith('Too long'), id('tf-input-error'));
  assert.ok((await page.textContent(id('tf-input-error'))).length < 100);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a refused field disables Start and One step until it is fixed', async () => {
  const { context, page, problems } = await openLab();
  await page.waitForSelector(`${id('tf-step')}:not([disabled])`);
  await page.fill(id('tf-heads'), '3');
  await page.fill(id('tf-d-model'), '64');
  await page.waitForSelector(`${id('tf-train')}[disabled]`);
  assert.equal(await page.getAttribute(id('tf-step'), 'disabled'), '');
  assert.equal(await page.getAttribute(id('tf-reset'), 'disabled'), '');
  await page.fill(id('tf-heads'), '4');
  await page.waitForSelector(`${id('tf-train')}:not([disabled])`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Transformer lab in Chinese on a phone, with a step and a translation', async () => {
  const { context, page, problems } = await openLab({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  await page.click(id('tf-step'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '1', id('tf-step-count'));
  await page.fill(id('tf-input'), '2026年11月28日');
  await page.click(id('tf-translate'));
  await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '').length > 0, id('tf-output'));
  assert.match(await page.textContent(id('tf-translate')), /翻译/);
  // The next-character probabilities, headed in Chinese: one row per step, each summing to 1.
  // The likeliest character of each step is what was written, and the end mark unless the
  // model (one step old) wrote to its length limit first.
  const written = await page.textContent(id('tf-output'));
  const steps = await page.$$eval(`${id('tf-next-probs')} tbody tr`, (trs) =>
    trs.map((tr) => ({ sum: Number(tr.dataset.sum), first: tr.querySelector('td .mono').textContent })),
  );
  for (const s of steps) assert.ok(Math.abs(s.sum - 1) < 1e-4, `a step sums to ${s.sum}`);
  assert.ok([written, `${written}</s>`].includes(steps.map((s) => s.first).join('')), JSON.stringify(steps));
  assert.match(await page.textContent(`${id('tf-next-probs')} thead`), /[\u4e00-\u9fff]/);
  const overflow = await sideScroll(page);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await screenshot(page, 'transformer-zh-phone');
  assert.deepEqual(problems, []);
  await context.close();
});

test('at the largest settings the budget admits, Pause answers within 200 ms', async () => {
  const { context, page, problems } = await openLab();
  // The date task at d_ff 256 and batch 64 (src/jobs/budget_tests.rs pins it as admitted).
  await page.fill(id('tf-d-ff'), '256');
  await page.fill(id('tf-batch'), '64');
  await page.waitForSelector(`${id('tf-reset')}:not([disabled])`);
  await page.click(id('tf-reset'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '0', id('tf-step-count'));
  await page.waitForSelector(`${id('tf-train')}:not([disabled])`, { timeout: 60_000 });
  await page.click(id('tf-train'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.textContent) >= 5, id('tf-step-count'), {
    timeout: 60_000,
  });
  const pauseMs = await pauseAnswered(page, 'tf-train');
  console.log(`Transformer pause at d_ff 256, batch 64 answered in ${pauseMs.toFixed(1)} ms`);
  assert.ok(pauseMs < 200, `pause took ${pauseMs} ms`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a new lab says how far its preparation has got', async () => {
  const { context, page, problems } = await openPage(env.browser);
  // Every text the starting line shows, sampled in the page every 10 ms from the start.
  await page.addInitScript(() => {
    window.__startingTexts = [];
    setInterval(() => {
      const text = document.querySelector('[data-testid="tf-starting"]')?.textContent?.trim();
      const last = window.__startingTexts[window.__startingTexts.length - 1];
      if (text && text !== last) window.__startingTexts.push(text);
    }, 10);
  });
  await page.goto(`${env.server.url}#/transformer`);
  await appReady(page);
  await page.waitForFunction(
    (sel) => /%$/.test(document.querySelector(sel)?.textContent ?? ''),
    id('tf-token-acc'),
    { timeout: 60_000 },
  );
  const texts = await page.evaluate(() => window.__startingTexts);
  console.log(`transformer, preparing: ${texts.join(' | ')}`);
  const progress = /^(Building the data set|Scoring the untrained model on the test set): \d+%$/;
  assert.ok(texts.some((t) => progress.test(t)), texts.join(' | '));
  assert.ok(!(await page.isVisible(id('tf-starting'))), 'the line goes once the lab is scored');
  assert.deepEqual(problems, []);
  await context.close();
});
