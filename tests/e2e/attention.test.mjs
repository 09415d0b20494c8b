// The Self-attention chapter: softmax(QKᵀ/√dₖ + M)·V computed on the page, step by step, on a
// sentence the visitor types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, screenshot, appReady, goChapter } from './harness.mjs';

const env = browserSuite();

const id = (t) => `[data-testid="${t}"]`;

// The softmax as drawn: rows of numbers from the heatmap's data-values.
async function weights(page) {
  const text = await page.getAttribute(id('attn-weights'), 'data-values');
  return text.split(';').map((row) => row.split(',').map(Number));
}

async function entropy(page) {
  return Number(await page.getAttribute(id('attn-entropy'), 'data-value'));
}

// Waits until `read` gives something other than `before`.
async function changed(page, read, before) {
  for (let i = 0; i < 50; i++) {
    const now = await read(page);
    if (JSON.stringify(now) !== JSON.stringify(before)) return now;
    await page.waitForTimeout(40);
  }
  throw new Error('the figure did not change');
}

async function openChapter(options) {
  const opened = await openPage(env.browser, options);
  await opened.page.goto(`${env.server.url}#/attention`);
  await appReady(opened.page);
  await opened.page.waitForSelector(id('attn-x'));
  return opened;
}

test('the softmax rows sum to 1, the causal mask zeroes the future, and √dₖ sets the entropy', async () => {
  const { context, page, problems } = await openChapter();
  const words = (await page.inputValue(id('attn-tokens'))).trim().split(/\s+/);
  assert.ok(words.length >= 5, `default sentence: ${words.join(' ')}`);

  // Step 1 shows Q, K and V of the head shown, with the tokens as row labels.
  for (const m of ['attn-q', 'attn-k', 'attn-v']) {
    assert.equal(await page.getAttribute(id(m), 'data-nonblank'), 'true', m);
  }
  assert.equal(await page.locator(`${id('attn-q-numbers')} tbody tr`).count(), words.length);
  await screenshot(page, 'attention-step1-en');

  await page.click(id('attn-step-5'));
  await page.waitForSelector(id('attn-weights'));
  const full = await weights(page);
  assert.equal(full.length, words.length);
  for (const row of full) {
    assert.equal(row.length, words.length);
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4, `row sums to ${row}`);
    assert.ok(row.every((p) => p > 0), 'without a mask every word gets some weight');
  }
  const sums = (await page.getAttribute(id('attn-weights'), 'data-row-sums')).split(';').map(Number);
  assert.ok(sums.every((s) => Math.abs(s - 1) < 1e-4), `row sums ${sums}`);

  // The causal mask: row i keeps weight only on keys j ≤ i, and still sums to 1.
  await page.check(id('attn-causal-toggle'));
  const causal = await changed(page, weights, full);
  causal.forEach((row, i) => {
    row.forEach((p, j) => {
      if (j > i) assert.equal(p, 0, `row ${i}, key ${j}`);
      else assert.ok(p > 0, `row ${i}, key ${j}`);
    });
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4);
  });
  assert.equal(causal[0][0], 1, 'the first word can only look at itself');
  await page.click(id('attn-step-4'));
  const masked = await page.getAttribute(id('attn-masked'), 'data-nonblank');
  assert.equal(masked, 'true');
  assert.match(await page.textContent(id('attn-masked-numbers')), /−∞/);
  await page.uncheck(id('attn-causal-toggle'));

  // √dₖ: at dₖ = 64, dropping the division saturates the softmax.
  await page.click(id('attn-step-5'));
  const at4 = await entropy(page);
  await page.selectOption(id('attn-dk'), '64');
  const before64 = await changed(page, entropy, at4);
  await page.uncheck(id('attn-scale-toggle'));
  const unscaled = await changed(page, entropy, before64);
  console.log(`mean row entropy at dk = 64: ${before64.toFixed(3)} nats scaled, ${unscaled.toFixed(3)} unscaled`);
  assert.ok(unscaled < 0.7 * before64, `entropy ${before64} → ${unscaled}`);
  await screenshot(page, 'attention-unscaled-en');
  await page.check(id('attn-scale-toggle'));
  assert.ok(Math.abs((await changed(page, entropy, unscaled)) - before64) < 1e-6);

  // Step 7: one map per head, the concatenation and the output.
  await page.selectOption(id('attn-dk'), '4');
  await page.selectOption(id('attn-heads'), '4');
  await page.click(id('attn-step-7'));
  for (let h = 0; h < 4; h++) {
    assert.equal(await page.getAttribute(id(`attn-weights-head-${h}`), 'data-nonblank'), 'true');
  }
  // The concatenated heads: 12 column headers after the empty corner cell.
  assert.equal(await page.locator(`${id('attn-concat-numbers')} thead th`).count(), 12);
  assert.match(await page.innerHTML(id('attn-formula')), /class="hl"[^>]*><mtext>MultiHead/);
  await screenshot(page, 'attention-heads-en');

  // The keyboard steps too.
  await page.focus(id('attn-step-7'));
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getAttribute(id('attn-step'), 'data-step'), '6');

  assert.deepEqual(problems, []);
  await context.close();
});

// The cell a heatmap's keyboard cursor (or last tap) is on, as [row, column].
async function cursor(page, testid) {
  const at = await page.getAttribute(id(testid), 'data-cursor');
  return at === null ? null : at.split(',').map(Number);
}

// The readout under the map: "row → col: 0.123", with the number as drawn.
async function readout(page) {
  const text = await page.textContent(`.matrix-view:has(${id('attn-weights')}) .hover-readout`);
  // The page writes a true minus (U+2212), which Number() does not read.
  return Number(text.match(/: (−?[\d.]+)$/)[1].replace('−', '-'));
}

test('a heatmap is read by the keyboard alone: focus starts on the largest weight, arrows move, the page stays', async () => {
  const { context, page, problems } = await openChapter();
  await page.click(id('attn-step-5'));
  await page.waitForSelector(id('attn-weights'));
  const w = await weights(page);
  // Focused, the cursor starts where a sighted reader looks first.
  await page.focus(id('attn-weights'));
  const [r0, k0] = await cursor(page, 'attn-weights');
  assert.equal(w[r0][k0], Math.max(...w.flat()));
  const near = async (v) => assert.ok(Math.abs((await readout(page)) - v) <= 6e-4, `readout ${await readout(page)}, drawn ${v}`);
  await near(w[r0][k0]);
  const y = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('Home');
  await page.keyboard.press(r0 > 0 ? 'ArrowUp' : 'ArrowDown');
  const r1 = r0 > 0 ? r0 - 1 : r0 + 1;
  assert.deepEqual(await cursor(page, 'attn-weights'), [r1, 0]);
  await near(w[r1][0]);
  await page.keyboard.press('End');
  assert.deepEqual(await cursor(page, 'attn-weights'), [r1, w[0].length - 1]);
  // The arrows moved the cursor, not the page.
  assert.equal(await page.evaluate(() => window.scrollY), y);
  await screenshot(page, 'attention-heat-keyboard-en');
  // Tab leaves the map, and the cursor goes with the focus.
  await page.keyboard.press('Tab');
  assert.equal(await cursor(page, 'attn-weights'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone a tap reads a heatmap cell, and a head\'s map opens as a table with its words', async () => {
  const { context, page, problems } = await openChapter({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, hasTouch: true });
  await page.click(id('attn-step-5'));
  const map = page.locator(id('attn-weights'));
  await map.scrollIntoViewIfNeeded();
  const w = await weights(page);
  const box = await map.boundingBox();
  await page.tap(id('attn-weights'), { position: { x: box.width * 0.75, y: box.height * 0.75 } });
  const [r, k] = await cursor(page, 'attn-weights');
  assert.ok(Math.abs((await readout(page)) - w[r][k]) <= 6e-4, `readout against ${w[r][k]}`);
  await screenshot(page, 'attention-heat-tap-zh-phone');
  // Step 7's head maps have no numbers beside them: each opens as a table, labelled as drawn.
  await page.selectOption(id('attn-heads'), '2');
  await page.click(id('attn-step-7'));
  await page.click(id('attn-weights-head-1-table-toggle'));
  const table = page.locator(id('attn-weights-head-1-table'));
  await table.waitFor();
  assert.equal(await page.getAttribute(id('attn-weights-head-1-table-toggle'), 'aria-expanded'), 'true');
  assert.match(await page.textContent(id('attn-weights-head-1-table-toggle')), /隐藏表格/);
  const cols = await table.locator('thead th').allTextContents();
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ label: tr.querySelector('th').textContent, cells: [...tr.querySelectorAll('td')].map((td) => Number(td.textContent)) })));
  // One row and one column per token of the sentence, the same tokens both ways.
  assert.equal(cols.length, w.length);
  assert.deepEqual(rows.map((x) => x.label), cols, 'self-attention: the rows and columns are the same words');
  for (const row of rows) {
    assert.equal(row.cells.length, w.length);
    assert.ok(Math.abs(row.cells.reduce((a, b) => a + b, 0) - 1) < 0.01, `a row of weights sums to ${row.cells}`);
  }
  await table.scrollIntoViewIfNeeded();
  await screenshot(page, 'attention-heat-table-zh-phone');
  assert.deepEqual(problems, []);
  await context.close();
});

test('more than 12 words is refused with a message, and the figures clear rather than show the last sentence', async () => {
  const { context, page, problems } = await openChapter({ viewport: { width: 390, height: 844 } });
  await page.click(id('attn-step-5'));
  const shown = await weights(page);
  await page.fill(id('attn-tokens'), 'one two three four five six seven eight nine ten eleven twelve thirteen');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('13'), id('attn-tokens-error'));
  assert.match(await page.textContent(id('attn-tokens-error')), /12/);
  assert.equal(await page.getAttribute(id('attn-tokens'), 'aria-invalid'), 'true');
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.values === '', id('attn-weights'));
  assert.equal(await page.getAttribute(id('attn-weights'), 'data-nonblank'), 'false');
  assert.equal(await page.getAttribute(id('attn-entropy'), 'data-value'), '');
  await screenshot(page, 'attention-too-many-phone');

  // Empty is refused the same way.
  await page.fill(id('attn-tokens'), 'the cat');
  await changed(page, weights, shown);
  await page.fill(id('attn-tokens'), '');
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.values === '', id('attn-weights'));
  assert.notEqual(await page.textContent(id('attn-tokens-error')), '');

  // One token: its entropy is zero, never "−0.000".
  await page.fill(id('attn-tokens'), 'cat');
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.value === '0.000000', id('attn-entropy'));
  assert.match(await page.textContent(id('attn-entropy')), /^0\.000 /);

  await page.fill(id('attn-tokens'), 'the cat saw the dog');
  const fresh = await changed(page, weights, shown);
  assert.equal(fresh.length, 5);
  assert.equal(await page.textContent(id('attn-tokens-error')), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Chinese the chapter speaks Chinese and starts from a Chinese sentence', async () => {
  const { context, page, problems } = await openChapter({ locale: 'zh-CN' });
  assert.match(await page.inputValue(id('attn-tokens')), /[\u4e00-\u9fff]/);
  assert.match(await page.textContent(id('attn-step-text')), /[\u4e00-\u9fff]/);
  await page.click(id('attn-step-5'));
  await page.check(id('attn-causal-toggle'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.values?.includes('0.000000'), id('attn-weights'));
  await screenshot(page, 'attention-zh');
  assert.deepEqual(problems, []);
  await context.close();
});

test('once the Transformer has trained, its first encoder layer is stepped through on typed characters', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await page.goto(`${env.server.url}#/attention`);
  await appReady(page);
  assert.equal(await page.isVisible(id('attn-trained-missing')), true);
  assert.equal(await page.isDisabled(`${id('attn-source')} option[value="trained"]`), true);

  // A few hundred steps of the date task, then back to this chapter in the same visit.
  await goChapter(page, 'transformer');
  await page.waitForFunction((sel) => /%$/.test(document.querySelector(sel)?.textContent ?? ''), id('tf-token-acc'), { timeout: 60_000 });
  await page.click(id('tf-train'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) >= 300, id('tf-step-count'), { timeout: 60_000 });
  await goChapter(page, 'attention');
  await page.waitForSelector(id('attn-x'));
  assert.equal(await page.isVisible(id('attn-trained-missing')), false);

  await page.selectOption(id('attn-source'), 'trained');
  await page.waitForFunction((sel) => /d_model = \d+/.test(document.querySelector(sel)?.textContent ?? ''), id('attn-model-info'));
  console.log(await page.textContent(id('attn-model-info')));
  const input = await page.inputValue(id('attn-tokens'));
  assert.ok(input.length > 0 && [...input].length <= 12, input);
  await page.click(id('attn-step-5'));
  await page.waitForFunction(([sel, n]) => document.querySelector(sel)?.dataset.values?.split(';').length === n, [id('attn-weights'), [...input].length]);
  const sums = (await page.getAttribute(id('attn-weights'), 'data-row-sums')).split(';').map(Number);
  assert.ok(sums.every((s) => Math.abs(s - 1) < 1e-4), `row sums ${sums}`);
  await screenshot(page, 'attention-trained-en');

  await page.fill(id('attn-tokens'), '12/11/2026');
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.values?.split(';').length === 10, id('attn-weights'));
  await page.fill(id('attn-tokens'), '12§11');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('§'), id('attn-tokens-error'));
  assert.deepEqual(problems, []);
  await context.close();
});
