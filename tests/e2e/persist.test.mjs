// Training survives a reload (issue 14): a lab that trained is kept in the browser's IndexedDB;
// a reload brings it back at the same step with the same curves, paused, with Resume, and it
// trains on; "Start over" deletes it. A visit alone stores nothing; after training only the
// `gradlab` database exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, screenshot, appReady, numberIn } from './harness.mjs';

const env = browserSuite();
const id = (t) => `[data-testid="${t}"]`;

// The link makes the first model small and quick; a reload without it restores the kept run.
const LINK = '#/autoencoder?widths=784-32-2&batch=32&seed=2';
const PLAIN = '#/autoencoder';

const WORDS = {
  'en-US': { never: /kept in this browser once it runs/, saved: /Saved in this browser at step (\d+)/, restored: /Restored from this browser at step (\d+)/, forgotten: /Started over/, resume: 'Resume' },
  'zh-CN': { never: /训练会保存在此浏览器中/, saved: /保存在此浏览器中（第 (\d+) 步）/, restored: /已从此浏览器恢复到第 (\d+) 步/, forgotten: /已重新开始/, resume: '继续训练' },
};

async function savedText(page, pattern) {
  await page.locator(id('ae-saved'), { hasText: pattern }).waitFor({ timeout: 60_000 });
  return page.textContent(id('ae-saved'));
}

async function databases(page) {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
}

for (const locale of ['en-US', 'zh-CN']) {
  test(`a reload brings the autoencoder back where it paused, and Start over forgets it (${locale})`, async () => {
    const w = WORDS[locale];
    const { context, page, problems } = await openPage(env.browser, { locale });
    await page.goto(`${env.server.url}${LINK}`);
    await appReady(page);
    await page.locator(`${id('ae-train')}:not([disabled])`).waitFor({ timeout: 90_000 });
    assert.match(await savedText(page, w.never), w.never);
    assert.deepEqual(await databases(page), [], 'a visit alone stores nothing');

    await page.click(id('ae-train'));
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) > 30, id('ae-step-count'));
    await page.click(id('ae-train'));
    const saved = (await savedText(page, w.saved)).match(w.saved);
    const step = await numberIn(page, 'ae-step-count');
    assert.equal(Number(saved[1]), step, 'saved at the step shown');
    const points = await page.getAttribute(id('ae-loss-chart'), 'data-points');
    assert.deepEqual(await databases(page), ['gradlab'], 'after training only the gradlab database');
    await screenshot(page, `persist-saved-${locale}`);

    await page.goto(`${env.server.url}${PLAIN}`);
    await page.reload();
    await appReady(page);
    const restored = (await savedText(page, w.restored)).match(w.restored);
    assert.equal(Number(restored[1]), step);
    await page.locator(`${id('ae-train')}:not([disabled])`).waitFor({ timeout: 90_000 });
    assert.equal(await numberIn(page, 'ae-step-count'), step, 'the same step');
    assert.equal((await page.textContent(id('ae-train'))).trim(), w.resume, 'paused, with Resume');
    assert.equal(await page.inputValue(id('ae-widths')), '32-2', 'the kept settings');
    await page.waitForFunction(
      ([sel, n]) => document.querySelector(sel)?.getAttribute('data-points') === n,
      [id('ae-loss-chart'), points],
    );
    await screenshot(page, `persist-restored-${locale}`);

    await page.click(id('ae-train'));
    await page.waitForFunction(([sel, s]) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) > s + 10, [id('ae-step-count'), step]);
    await page.click(id('ae-train'));
    await savedText(page, w.saved);

    await page.click(id('ae-forget'));
    await savedText(page, w.forgotten);
    await page.locator(`${id('ae-train')}:not([disabled])`).waitFor({ timeout: 60_000 });
    assert.equal(await numberIn(page, 'ae-step-count'), 0);
    await page.reload();
    await appReady(page);
    await page.locator(`${id('ae-train')}:not([disabled])`).waitFor({ timeout: 90_000 });
    assert.equal(await numberIn(page, 'ae-step-count'), 0, 'a reload after Start over starts fresh');
    assert.match(await savedText(page, w.never), w.never);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a reload brings the Transformer back at the same step, with its curves, and it trains on', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await page.goto(`${env.server.url}#/transformer?task=reversal&seed=4`);
  await appReady(page);
  await page.locator(`${id('tf-train')}:not([disabled])`).waitFor({ timeout: 90_000 });
  await page.click(id('tf-train'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) > 40, id('tf-step-count'), { timeout: 60_000 });
  await page.click(id('tf-train'));
  await page.locator(id('tf-saved'), { hasText: /Saved in this browser at step/ }).waitFor({ timeout: 30_000 });
  const step = await numberIn(page, 'tf-step-count');
  const points = Number(await page.getAttribute(id('tf-loss-chart'), 'data-points'));
  const scores = Number(await page.getAttribute(id('tf-acc-chart'), 'data-points'));
  // A fresh page shows no translation until asked, so the first text to appear is the answer.
  const translate = async () => {
    await page.fill(id('tf-input'), 'gradlab');
    await page.click(id('tf-translate'));
    await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '').length > 0, id('tf-output'));
    return page.textContent(id('tf-output'));
  };
  const answer = await translate();

  await page.goto(`${env.server.url}#/transformer`);
  await page.reload();
  await appReady(page);
  await page.locator(id('tf-saved'), { hasText: `Restored from this browser at step ${step}` }).waitFor({ timeout: 60_000 });
  await page.locator(`${id('tf-train')}:not([disabled])`).waitFor({ timeout: 90_000 });
  assert.equal(await numberIn(page, 'tf-step-count'), step, 'the same step');
  assert.equal((await page.textContent(id('tf-train'))).trim(), 'Resume');
  assert.equal(await page.inputValue(id('tf-seed')), '4', 'the kept settings');
  // The kept curves come back, and the restored model's fresh held-out score joins them.
  await page.waitForFunction(
    ([sel, n]) => Number(document.querySelector(sel)?.getAttribute('data-points')) >= n,
    [id('tf-loss-chart'), points],
  );
  await page.waitForFunction(
    ([sel, n]) => Number(document.querySelector(sel)?.getAttribute('data-points')) > n,
    [id('tf-acc-chart'), scores],
  );
  // The same weights answer the same sentence the same way. (The held-out score is not
  // compared: the paused page shows the last scheduled evaluation, the restored one scores
  // the restored step afresh.)
  assert.equal(await translate(), answer, 'the same model');
  assert.match(await page.textContent(id('tf-token-acc')), /^\d+\.\d%$/);
  await screenshot(page, 'persist-tf-restored');

  await page.click(id('tf-train'));
  await page.waitForFunction(([sel, s]) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) > s + 5, [id('tf-step-count'), step]);
  await page.click(id('tf-train'));
  await page.click(id('tf-forget'));
  await page.locator(id('tf-saved'), { hasText: /Started over/ }).waitFor();
  await page.locator(`${id('tf-train')}:not([disabled])`).waitFor({ timeout: 90_000 });
  assert.equal(await numberIn(page, 'tf-step-count'), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a worker crash brings the autoencoder back from its last save, paused, and it trains on', async () => {
  const { context, page, problems } = await openPage(env.browser);
  await page.goto(`${env.server.url}?selftest${LINK}`);
  await appReady(page);
  await page.locator(`${id('ae-train')}:not([disabled])`).waitFor({ timeout: 90_000 });
  await page.click(id('ae-train'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) > 30, id('ae-step-count'));
  await page.click(id('ae-train'));
  await savedText(page, WORDS['en-US'].saved);
  const step = await numberIn(page, 'ae-step-count');

  await page.click(id('selftest-panic'));
  await page.locator(id('error-banner')).waitFor({ timeout: 10_000 });
  const recovered = /The worker stopped, and training came back from its last save at step (\d+)/;
  const said = (await savedText(page, recovered)).match(recovered);
  assert.equal(Number(said[1]), step);
  await page.locator(`${id('ae-train')}:not([disabled])`).waitFor({ timeout: 90_000 });
  assert.equal(await numberIn(page, 'ae-step-count'), step, 'nothing lost since the save');
  assert.equal((await page.textContent(id('ae-train'))).trim(), 'Resume');
  await screenshot(page, 'persist-recovered');
  await page.click(id('ae-train'));
  await page.waitForFunction(([sel, s]) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) > s + 10, [id('ae-step-count'), step]);
  await page.click(id('ae-train'));
  assert.deepEqual(problems, []);
  await context.close();
});

// Storage that fails says so on the status line, and training goes on. A private window or a
// policy can refuse IndexedDB outright (here: `open` throws, as Firefox's private windows did);
// a full quota is Chromium's own, made small through the DevTools protocol.
const STORAGE_FAILURES = [
  {
    name: 'refused',
    said: /does not let the page store anything/,
    prepare: (context) =>
      context.addInitScript(() => {
        IDBFactory.prototype.open = () => {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        };
      }),
  },
  {
    name: 'full',
    said: /storage is full: training goes on, but is not saved/,
    prepare: async (context, page) => {
      const cdp = await context.newCDPSession(page);
      // 64 KB: the first record of this small model (51,154 weights and two Adam moments each,
      // about 0.6 MB) does not fit.
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: env.server.url.replace(/\/$/, ''), quotaSize: 64 * 1024 });
    },
  },
];

for (const failure of STORAGE_FAILURES) {
  test(`storage that is ${failure.name} is said, and training goes on`, async () => {
    const { context, page, problems } = await openPage(env.browser);
    await failure.prepare(context, page);
    await page.goto(`${env.server.url}${LINK}`);
    await appReady(page);
    await page.locator(`${id('ae-train')}:not([disabled])`).waitFor({ timeout: 90_000 });
    await page.click(id('ae-train'));
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) > 30, id('ae-step-count'));
    await page.click(id('ae-train'));
    await savedText(page, failure.said);
    const step = await numberIn(page, 'ae-step-count');
    await screenshot(page, `persist-storage-${failure.name}`);
    await page.click(id('ae-train'));
    await page.waitForFunction(([sel, s]) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) > s + 10, [id('ae-step-count'), step]);
    await page.click(id('ae-train'));
    await savedText(page, failure.said);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
