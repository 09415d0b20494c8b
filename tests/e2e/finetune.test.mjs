// The pretraining, fine-tuning and scale chapter: both experiments run in the worker with small
// step budgets, draw their curves and fill their tables; a run can be stopped and keeps what it drew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, screenshot, appReady, goChapter } from './harness.mjs';

const env = browserSuite();
const id = (t) => `[data-testid="${t}"]`;
const points = async (page, t) => Number(await page.getAttribute(id(t), 'data-points'));

async function openChapter(options) {
  const opened = await openPage(env.browser, options);
  await opened.page.goto(`${env.server.url}#/finetune`);
  await appReady(opened.page);
  await opened.page.waitForSelector(id('ft-run'));
  return opened;
}

test('a K = 100 comparison draws three curves and fills a table row', async () => {
  const { context, page, problems } = await openChapter();
  await page.fill(id('ft-steps'), '120');
  await page.fill(id('ft-pretrain-steps'), '400');
  await page.selectOption(id('ft-labels'), '100');
  const t0 = Date.now();
  await page.click(id('ft-run'));
  await page.waitForSelector(id('ft-progress'), { state: 'visible' });
  await page.waitForSelector(`${id('ft-table')} tr[data-k="100"]`, { timeout: 180_000 });
  const cells = await page.locator(`${id('ft-table')} tr[data-k="100"] td`).allTextContents();
  console.log(`K = 100 after ${(Date.now() - t0) / 1000} s: probe ${cells[0]}, fine-tune ${cells[1]}, scratch ${cells[2]}, gain ${cells[3]} pts`);
  for (const c of cells.slice(0, 3)) assert.match(c, /^\d+\.\d%$/);
  // Three curves of eval points each.
  assert.ok((await points(page, 'ft-chart')) >= 3 * 8, `${await points(page, 'ft-chart')} points`);
  // Accuracy against K is not left empty after the first K: a point per method.
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.points === '3', id('ft-k-chart'));
  // …drawn, not covered by the "nothing to draw yet" note.
  assert.equal(await page.locator(`.chart-plot:has(${id('ft-k-chart')}) .chart-empty`).isHidden(), true);
  await page.locator(id('ft-chart')).scrollIntoViewIfNeeded();
  await screenshot(page, 'finetune-k100-en');
  // A screen reader hears that the run finished, and what the charts show now.
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.startsWith('Finished.'), id('ft-announce'));
  const said = await page.textContent(id('ft-announce'));
  console.log(`announced: ${said}`);
  assert.match(said, /Linear probe \d+\.\d+ at step 120/);
  assert.match(said, new RegExp(`From scratch ${Number(cells[2].replace('%', '')).toFixed(2)}`));

  // A second run reuses the pretrained encoder, and Stop keeps the partial curves.
  await page.selectOption(id('ft-labels'), '10');
  await page.click(id('ft-run'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('K = 10:'), id('ft-progress-stage'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.dataset.points) > 0, id('ft-chart'));
  await page.click(id('ft-stop'));
  await page.waitForSelector(id('ft-stopped'), { state: 'visible' });
  assert.ok((await points(page, 'ft-chart')) > 0);
  assert.equal(await page.locator(`${id('ft-table')} tbody tr`).count(), 1, 'a stopped K adds no row');
  assert.equal(await page.isEnabled(id('ft-run')), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a scale run with a tiny budget draws the log-log chart with one point per size', async () => {
  const { context, page, problems } = await openChapter({ locale: 'zh-CN' });
  await page.fill(id('scale-tokens'), '2000');
  const t0 = Date.now();
  await page.click(id('scale-run'));
  // Done when every size has its exact match (the last column) and the Run button is back.
  await page.waitForFunction(
    ([table, run]) =>
      document.querySelectorAll(`${table} tbody tr`).length === 5 &&
      ![...document.querySelectorAll(`${table} tbody tr td:last-child`)].some((td) => td.textContent === '–') &&
      !document.querySelector(run).disabled,
    [id('scale-table'), id('scale-run')],
    { timeout: 300_000 },
  );
  assert.match(await page.textContent(id('scale-fit')), /α = \d/);
  const rows = page.locator(`${id('scale-table')} tbody tr`);
  assert.equal(await rows.count(), 5);
  const params = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.params)));
  assert.deepEqual([...params].sort((a, b) => a - b), params, 'sizes grow');
  assert.ok(params[0] < 20_000 && params[4] > 300_000, `${params}`);
  assert.ok((await points(page, 'scale-chart')) >= 5, `${await points(page, 'scale-chart')} points`);
  console.log(`scale, 2,000 tokens per size: ${(Date.now() - t0) / 1000} s; ${await page.textContent(id('scale-fit'))}`);
  await page.locator(id('scale-chart')).scrollIntoViewIfNeeded();
  await screenshot(page, 'scale-zh');

  // Results survive leaving the chapter.
  await goChapter(page, 'overview');
  await goChapter(page, 'finetune');
  // The chapter renders on hashchange, after the click returns: wait for it, then count.
  await page.waitForSelector(`${id('scale-table')} tbody tr`, { timeout: 5_000 });
  assert.equal(await page.locator(`${id('scale-table')} tbody tr`).count(), 5);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a sequence model pretrained on English dates is fine-tuned on Chinese ones beside scratch', async () => {
  const { context, page, problems } = await openChapter({ viewport: { width: 390, height: 844 } });
  await page.fill(id('seq-pretrain-steps'), '40');
  await page.fill(id('seq-steps'), '30');
  const t0 = Date.now();
  await page.click(id('seq-run'));
  await page.waitForFunction((sel) => !document.querySelector(sel).disabled, id('seq-run'), { timeout: 300_000 });
  const summary = await page.textContent(id('seq-exact'));
  console.log(`sequence fine-tuning, 40 + 2 × 30 steps: ${(Date.now() - t0) / 1000} s; ${summary}`);
  assert.equal((summary.match(/%/g) ?? []).length, 3, summary);
  assert.ok((await points(page, 'seq-chart')) >= 4);
  await page.locator(id('seq-chart')).scrollIntoViewIfNeeded();
  await screenshot(page, 'finetune-seq-phone');
  assert.deepEqual(problems, []);
  await context.close();
});
