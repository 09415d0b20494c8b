// The visitor's own sentence pairs on the Transformer page (issue 14, part 5): the shipped
// example trains, is scored on its held-out tenth, draws attention and translates; bad lines
// are named by number; hostile files are refused with the reason and the model kept; Apply
// keeps the pairs; the link says it does not carry them; and all of it in Chinese on a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { browserSuite, openPage, screenshot, appReady, ROOT, sideScroll } from './harness.mjs';

const env = browserSuite();
const id = (t) => `[data-testid="${t}"]`;

const EXAMPLE = await readFile(join(ROOT, 'assets/pairs/en-zh-animals.tsv'), 'utf8');
const SOURCES = new Set(
  EXAMPLE.split('\n')
    .filter((l) => l && !l.startsWith('#') && l.includes('\t'))
    .map((l) => l.split('\t')[0]),
);

async function openLab(options = {}) {
  const opened = await openPage(env.browser, options);
  await opened.page.goto(`${env.server.url}#/transformer`);
  await appReady(opened.page);
  await opened.page.waitForFunction(
    (sel) => /%$/.test(document.querySelector(sel)?.textContent ?? ''),
    id('tf-token-acc'),
    { timeout: 60_000 },
  );
  return opened;
}

// The held-out examples' sources, as the samples table shows them.
const sampleSources = (page) =>
  page.$$eval(`${id('tf-samples')} tbody tr`, (rows) => rows.map((r) => r.cells[0]?.textContent ?? ''));

// Waits until a new lab on the example's pairs is scored: its held-out rows are the pairs'.
async function pairsLabReady(page) {
  await page.waitForFunction(
    ([sel, sources]) => {
      const rows = [...document.querySelectorAll(`${sel} tbody tr`)];
      return rows.length > 0 && rows.every((r) => sources.includes(r.cells[0]?.textContent));
    },
    [id('tf-samples'), [...SOURCES]],
    { timeout: 60_000 },
  );
  await page.waitForSelector(`${id('tf-train')}:not([disabled])`, { timeout: 60_000 });
}

async function pickPairs(page) {
  await page.selectOption(id('tf-data-source'), { index: 1 });
  await page.waitForSelector(id('tf-data-panel'));
}

test('the example trains: held-out scores, attention, translation; Apply keeps the pairs; the link says so', async () => {
  const { context, page, problems } = await openLab();
  await pickPairs(page);
  assert.equal(await page.textContent(id('tf-data-privacy')), 'Your pairs stay in this browser: nothing is uploaded.');
  assert.match(await page.textContent(id('tf-data-status')), /^Paste pairs/);
  await page.click(id('tf-data-example'));
  await page.waitForFunction((sel) => /^500 pairs, /.test(document.querySelector(sel)?.textContent ?? ''), id('tf-data-status'));
  const status = await page.textContent(id('tf-data-status'));
  assert.match(status, /^500 pairs, \d+ characters; 50 held out\.$/);
  assert.equal(await page.locator(`${id('tf-data-preview')} tbody tr`).count(), 8);
  assert.ok((await page.inputValue(id('tf-data-text'))).includes('\t'), 'the box holds the example');
  await pairsLabReady(page);
  assert.ok(!(await page.isVisible(id('tf-task'))), 'the built-in task choice is hidden');

  // Train a few seconds: the held-out numbers, the charts and the attention map follow.
  await page.click(id('tf-train'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) >= 60, id('tf-step-count'), {
    timeout: 30_000,
  });
  await page.click(id('tf-train'));
  await page.waitForSelector(`${id('tf-train')}[aria-pressed="false"]`);
  assert.match(await page.textContent(id('tf-token-acc')), /%$/);
  assert.match(await page.textContent(id('tf-exact')), /%$/);
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.dataset.testLoss) > 0, id('tf-formula'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.nonblank === 'true', id('tf-attention'));
  const held = await sampleSources(page);
  assert.ok(held.every((s) => SOURCES.has(s)), held.join(' | '));

  // Translate a source of the pairs; a character they lack is named.
  const source = [...SOURCES][0];
  await page.fill(id('tf-input'), source);
  await page.click(id('tf-translate'));
  await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '').length > 0, id('tf-output'));
  console.log(`own pairs: ${await page.textContent(id('tf-step-count'))} steps, token accuracy ` +
    `${await page.textContent(id('tf-token-acc'))}; "${source}" → "${await page.textContent(id('tf-output'))}"`);
  await page.fill(id('tf-input'), `${source}☃`);
  await page.click(id('tf-translate'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('☃'), id('tf-input-error'));

  // The link carries the settings, not the pairs, and the page says so.
  assert.ok(await page.isVisible(id('tf-share-pairs-note')));
  assert.match(await page.textContent(id('tf-share-pairs-note')), /not your pairs/);
  const url = await page.getAttribute(id('tf-share'), 'data-url');
  assert.ok(!url.includes('task='), url);
  await screenshot(page, 'own-pairs-en');

  // Apply and reset with another batch keeps the pairs.
  await page.fill(id('tf-batch'), '16');
  await page.waitForSelector(`${id('tf-reset')}:not([disabled])`);
  await page.click(id('tf-reset'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '0', id('tf-step-count'));
  await pairsLabReady(page);
  assert.match(await page.getAttribute(id('tf-share'), 'data-url'), /batch=16/);
  assert.equal(await page.textContent(id('tf-data-status')), status);

  // Opened elsewhere, the link trains its settings on the dates, with no refusal.
  const other = await openPage(env.browser);
  await other.page.goto(url.replace(/^https?:\/\/[^/]+\//, `${env.server.url}`));
  await appReady(other.page);
  await other.page.waitForFunction((sel) => /%$/.test(document.querySelector(sel)?.textContent ?? ''), id('tf-token-acc'), {
    timeout: 60_000,
  });
  assert.ok(!(await other.page.isVisible(id('tf-link-refused'))));
  assert.deepEqual(other.problems, []);
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad lines are named, hostile files are refused with the reason, and the model is kept', async () => {
  const { context, page, problems } = await openLab();
  await pickPairs(page);
  const before = await sampleSources(page);
  const refused = async (name, buffer, expect) => {
    await page.setInputFiles(id('tf-data-upload'), { name, mimeType: 'text/plain', buffer });
    await page.waitForFunction(
      ([sel, re]) => new RegExp(re).test(document.querySelector(sel)?.textContent ?? ''),
      [id('tf-data-status'), expect.source],
    );
    assert.ok(await page.locator(`${id('tf-data-status')}.bad`).isVisible(), name);
  };
  await refused('binary.tsv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x0a]), /not UTF-8 text \(from line 2 on\)/);
  await refused('huge.tsv', Buffer.alloc(3 * 1024 * 1024, 0x61), /^Not read: the file is 3/);
  // Too few good lines: refused, the bad ones named by number.
  await page.fill(id('tf-data-text'), 'cat\tkatze\nno separator here\ndog,hund\nlonely,\n');
  await page.click(id('tf-data-read'));
  await page.waitForFunction((sel) => /^Not enough to train/.test(document.querySelector(sel)?.textContent ?? ''), id('tf-data-status'));
  const said = await page.textContent(id('tf-data-status'));
  assert.match(said, /line 2: no tab or comma/);
  assert.match(said, /line 4: the source or the target is empty/);
  await screenshot(page, 'own-pairs-refused-en');
  // The model is the dates' still.
  assert.deepEqual(await sampleSources(page), before);
  assert.match(await page.getAttribute(id('tf-share'), 'data-url'), /task=dates/);

  // A file dropped on the picker is read and used, its bad lines named.
  const lines = EXAMPLE.split('\n').filter((l) => l.includes('\t')).slice(0, 60).map((l) => l.replace('\t', ','));
  lines.splice(3, 0, 'nothing to split');
  await page.evaluate(
    ([sel, text]) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      const label = document.querySelector(sel).closest('label');
      label.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      label.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [id('tf-data-upload'), lines.join('\n')],
  );
  await page.waitForFunction((sel) => /^60 pairs, /.test(document.querySelector(sel)?.textContent ?? ''), id('tf-data-status'));
  const dropped = await page.textContent(id('tf-data-status'));
  assert.match(dropped, /1 lines? skipped: line 4: no tab or comma/);
  assert.ok(!/Not used/.test(dropped), dropped);
  await pairsLabReady(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Chinese on a phone: the privacy line, the status, and the example trains', async () => {
  const { context, page, problems } = await openLab({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  await pickPairs(page);
  assert.equal(await page.textContent(id('tf-data-privacy')), '句对只留在本浏览器中，不会上传。');
  await page.click(id('tf-data-example'));
  await page.waitForFunction((sel) => /^500 个句对/.test(document.querySelector(sel)?.textContent ?? ''), id('tf-data-status'));
  assert.match(await page.textContent(id('tf-data-status')), /留出 50 个/);
  await pairsLabReady(page);
  for (let i = 1; i <= 3; i++) {
    await page.click(id('tf-step'));
    await page.waitForFunction(([sel, n]) => document.querySelector(sel)?.textContent === String(n), [id('tf-step-count'), i]);
  }
  assert.match(await page.textContent(id('tf-share-pairs-note')), /不带你的句对/);
  const overflow = await sideScroll(page);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await screenshot(page, 'own-pairs-zh-phone');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a run on the pairs comes back after a reload, with its pairs in their panel', async () => {
  const { context, page, problems } = await openLab();
  await pickPairs(page);
  await page.click(id('tf-data-example'));
  await page.waitForFunction((sel) => /^500 pairs, /.test(document.querySelector(sel)?.textContent ?? ''), id('tf-data-status'));
  const status = await page.textContent(id('tf-data-status'));
  await pairsLabReady(page);
  await page.click(id('tf-train'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) >= 30, id('tf-step-count'), {
    timeout: 30_000,
  });
  await page.click(id('tf-train'));
  await page.locator(id('tf-saved'), { hasText: /Saved in this browser at step/ }).waitFor({ timeout: 30_000 });
  const step = await page.textContent(id('tf-step-count'));

  await page.reload();
  await appReady(page);
  await page.locator(id('tf-saved'), { hasText: `Restored from this browser at step ${step}` }).waitFor({ timeout: 60_000 });
  await pairsLabReady(page);
  assert.equal(await page.textContent(id('tf-step-count')), step);
  assert.equal(await page.inputValue(id('tf-data-source')), await page.$eval(`${id('tf-data-source')} option:nth-child(2)`, (o) => o.value));
  assert.equal(await page.textContent(id('tf-data-status')), status, 'the same pairs, read back');
  assert.ok((await page.inputValue(id('tf-data-text'))).split('\n').length === 500, 'the box holds the pairs');
  assert.ok(!(await page.isVisible(id('tf-task'))), 'the built-in task choice stays hidden');
  await screenshot(page, 'own-pairs-restored');
  assert.deepEqual(problems, []);
  await context.close();
});
