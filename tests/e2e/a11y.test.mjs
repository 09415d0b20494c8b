// Every learner (issue 17, part 1): axe-core finds no serious or critical violation on any
// chapter, in English and Chinese, on a 1280 px screen and a 390 px phone. axe-core is a dev
// dependency of the tests (package.json) and never ships; it is put into the page through the
// DevTools protocol, so the site's strict policy stays as it is and is still watched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { browserSuite, openPage, appReady, ROOT } from './harness.mjs';

const env = browserSuite();
const AXE = await readFile(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const CHAPTERS = ['overview', 'history', 'autoencoder', 'vae', 'attention', 'transformer', 'finetune', 'performance', 'applications', 'references'];

// The violations axe calls serious or critical, each with the elements it found.
async function violations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

// What axe does not check: a select whose chosen text is cut off, and a slider too thin to
// touch (44 px, WCAG 2.5.5's target size).
async function cramped(page) {
  return page.evaluate(() => {
    const found = [];
    const ctx = document.createElement('canvas').getContext('2d');
    for (const s of document.querySelectorAll('select')) {
      if (!s.offsetParent) continue;
      const cs = getComputedStyle(s);
      ctx.font = cs.font;
      // The room inside the padding, less Chromium's drop-down arrow; every option, since any
      // may be chosen.
      const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
      for (const o of s.options) {
        if (ctx.measureText(o.textContent).width > room) found.push(`select ${s.dataset.testid} cuts "${o.textContent}"`);
      }
    }
    // Chromium names a figure by aria-label or aria-labelledby only, never by its figcaption.
    for (const f of document.querySelectorAll('figure')) {
      if (f.offsetParent && !f.getAttribute('aria-label')?.trim() && !f.hasAttribute('aria-labelledby')) {
        found.push(`a figure has no name: ${f.textContent.slice(0, 60)}`);
      }
    }
    // A table is read as "table, 6 columns" and nothing else unless it has a name; a header cell
    // with no words names its column with nothing. Hidden tables too: their toggle opens them.
    for (const t of document.querySelectorAll('table')) {
      if (!t.caption?.textContent.trim() && !t.getAttribute('aria-label')?.trim()) {
        found.push(`a table has no name: ${t.dataset.testid ?? t.textContent.slice(0, 60)}`);
      }
      for (const th of t.querySelectorAll('th')) {
        if (!th.textContent.trim()) found.push(`an empty header cell in ${t.dataset.testid ?? t.caption?.textContent}`);
      }
    }
    // A canvas that takes focus says what it is.
    for (const c of document.querySelectorAll('canvas[tabindex]')) {
      if (!c.getAttribute('role') || !c.getAttribute('aria-label')?.trim()) found.push(`canvas ${c.dataset.testid} has no role or name`);
    }
    for (const r of document.querySelectorAll('input[type="range"]')) {
      const h = r.getBoundingClientRect().height;
      if (r.offsetParent && h < 44) found.push(`slider ${r.dataset.testid} is ${h} px tall`);
    }
    return found;
  });
}

for (const [locale, width] of [['en-US', 1280], ['en-US', 390], ['zh-CN', 1280], ['zh-CN', 390]]) {
  test(`no serious or critical axe-core violation on any chapter (${locale}, ${width} px)`, async () => {
    const { context, page, problems } = await openPage(env.browser, { locale, viewport: { width, height: 900 } });
    await page.goto(env.server.url);
    await appReady(page);
    const found = [];
    for (const slug of CHAPTERS) {
      await page.goto(`${env.server.url}#/${slug}`);
      await page.locator(`[data-testid="chapter-${slug}"]`).waitFor();
      // The labs' figures mount once the worker has built their first model.
      if (['autoencoder', 'vae', 'transformer'].includes(slug)) {
        const prefix = { autoencoder: 'ae', vae: 'vae', transformer: 'tf' }[slug];
        await page.locator(`[data-testid="${prefix}-train"]:not([disabled])`).waitFor({ timeout: 90_000 });
      }
      for (const v of await violations(page)) found.push(`#/${slug}: ${v}`);
      for (const v of await cramped(page)) found.push(`#/${slug}: ${v}`);
    }
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// The keyboard alone trains a lab: Tab to Start, Enter trains, Enter pauses; the polite status
// line says where the run stands; Apply and reset keeps focus (on the progress line while the
// model is built, then back on the button); charts are named by their latest values.
test('the keyboard alone trains and resets a lab, focus is kept, and the run is announced', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await page.goto(`${env.server.url}#/autoencoder?widths=784-32-2&batch=32&seed=2`);
  await appReady(page);
  const train = page.locator('[data-testid="ae-train"]');
  await page.locator('[data-testid="ae-train"]:not([disabled])').waitFor({ timeout: 90_000 });
  await train.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="ae-step-count"]')?.textContent.replace(/,/g, '')) > 30);
  // While it trains, the status line speaks at most every 5 s: it has spoken once by now.
  await page.waitForFunction(() => /^Training, step [\d,]+: Test loss /.test(document.querySelector('[data-testid="ae-announce"]')?.textContent ?? ''));
  await page.evaluate(() => {
    const line = document.querySelector('[data-testid="ae-announce"]');
    window.spoken = [];
    new MutationObserver(() => window.spoken.push(line.textContent)).observe(line, { childList: true, characterData: true, subtree: true });
  });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^Paused, step [\d,]+: Test loss \d/.test(document.querySelector('[data-testid="ae-announce"]')?.textContent ?? ''));
  // The pause is said once, with the stopped model's own step and loss.
  await page.waitForTimeout(500);
  const paused = (await page.evaluate(() => window.spoken)).filter((t) => t.startsWith('Paused'));
  assert.equal(paused.length, 1, `said ${JSON.stringify(paused)}`);
  const step = (await page.textContent('[data-testid="ae-step-count"]')).trim();
  const said = (await page.textContent('[data-testid="ae-announce"]')).match(/step ([\d,]+):/)[1];
  assert.equal(said, step, 'the step it paused at');
  assert.equal(await page.getAttribute('[data-testid="ae-announce"]', 'aria-live'), 'polite');
  const label = await page.getAttribute('[data-testid="ae-loss-chart"]', 'aria-label');
  assert.match(label, /against step: train [\d.]+ at step [\d,]+; test [\d.]+ at step [\d,]+/);
  // The chart as a table, one key press away, ends on the numbers its name gives.
  await page.focus('[data-testid="ae-loss-chart-table-toggle"]');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('[data-testid="ae-loss-chart-table-toggle"]', 'aria-expanded'), 'true');
  const last = await page.$$eval('[data-testid="ae-loss-chart-table"] tbody tr', (trs) =>
    [...trs.at(-1).querySelectorAll('th, td')].map((c) => c.textContent),
  );
  const [, value, at] = label.match(/test ([\d.]+) at step ([\d,]+)/);
  assert.deepEqual([last[0], last[2]], [at, value], `last row ${last}`);

  await page.focus('[data-testid="ae-reset"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="ae-step-count"]')?.textContent === '0');
  await page.locator('[data-testid="ae-train"]:not([disabled])').waitFor({ timeout: 90_000 });
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'ae-reset');
  // From Reset, Shift+Tab twice reaches Start again.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'ae-train');
  assert.deepEqual(problems, []);
  await context.close();
});
