// Links that reproduce a run (issue 14): a link restores every field, the share button gives it
// back, a bad parameter is refused beside its field while the rest applies, and two fresh pages
// opened on one link train alike, loss for loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, screenshot, appReady } from './harness.mjs';

const env = browserSuite();
const id = (t) => `[data-testid="${t}"]`;

async function open(hash, options = {}) {
  const opened = await openPage(env.browser, options);
  await opened.page.goto(`${env.server.url}${hash}`);
  await appReady(opened.page);
  return opened;
}

// The query of a share button's link, as a map.
async function sharedParams(page, prefix) {
  const url = await page.getAttribute(id(`${prefix}-share`), 'data-url');
  assert.ok(url.startsWith(env.server.url), url);
  return Object.fromEntries(new URL(url).hash.split('?')[1].split('&').map((p) => p.split('=')));
}

test('a link restores every field of each lab, and Copy link gives the same link back', async () => {
  const labs = [
    {
      hash: '#/autoencoder?widths=784-64-2&loss=bce&lr=0.002&batch=32&optimizer=sgd&seed=3',
      prefix: 'ae',
      fields: { 'ae-widths': '64-2', 'ae-lr': '0.002', 'ae-batch': '32', 'ae-seed': '3' },
    },
    {
      hash: '#/vae?widths=784-128-16&beta=2&lr=0.0005&batch=128&optimizer=adam&seed=9',
      prefix: 'vae',
      fields: { 'vae-widths': '128-16', 'vae-lr': '0.0005', 'vae-batch': '128', 'vae-seed': '9' },
    },
    {
      hash: '#/transformer?task=reversal&enc_layers=1&dec_layers=1&heads=2&d_model=32&d_ff=64&dropout=0&lr=0.002&batch=32&seed=4',
      prefix: 'tf',
      fields: {
        'tf-enc-layers': '1', 'tf-dec-layers': '1', 'tf-heads': '2', 'tf-d-model': '32', 'tf-d-ff': '64',
        'tf-lr': '0.002', 'tf-batch': '32', 'tf-seed': '4',
      },
    },
  ];
  for (const lab of labs) {
    const { context, page, problems } = await open(lab.hash);
    await page.locator(`${id(`${lab.prefix}-train`)}:not([disabled])`).waitFor({ timeout: 60_000 });
    for (const [testid, value] of Object.entries(lab.fields)) {
      assert.equal(await page.inputValue(id(testid)), value, `${lab.prefix}: ${testid}`);
    }
    const opened = Object.fromEntries(lab.hash.split('?')[1].split('&').map((p) => p.split('=')));
    const shared = await sharedParams(page, lab.prefix);
    for (const [key, value] of Object.entries(opened)) {
      assert.equal(shared[key], value, `${lab.prefix}: ${key} in ${JSON.stringify(shared)}`);
    }
    assert.equal(await page.isVisible(id(`${lab.prefix}-link-refused`)), false);
    // The model in the worker is the link's: nothing is pending against the form.
    assert.equal(await page.isVisible(id(`${lab.prefix}-pending`)), false);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

for (const locale of ['en-US', 'zh-CN']) {
  test(`a bad or hostile parameter is refused beside its field and the rest applies (${locale})`, async () => {
    const hash = '#/autoencoder?lr=abc&batch=99999999&widths=784-64-2&seed=5&optimizer=rmsprop&%3Cscript%3E=1';
    const { context, page, problems } = await open(hash, { locale });
    await page.locator(`${id('ae-train')}:not([disabled])`).waitFor({ timeout: 60_000 });
    assert.equal(await page.inputValue(id('ae-widths')), '64-2');
    assert.equal(await page.inputValue(id('ae-seed')), '5');
    assert.equal(await page.inputValue(id('ae-lr')), '0.001', 'a refused lr keeps its default');
    const lrError = await page.textContent(id('ae-lr-error'));
    const batchError = await page.textContent(id('ae-batch-error'));
    assert.ok(lrError.length > 3, `lr: ${lrError}`);
    assert.ok(batchError.length > 3, `batch: ${batchError}`);
    const notice = await page.textContent(id('ae-link-refused'));
    assert.ok(await page.isVisible(id('ae-link-refused')));
    assert.match(notice, /optimizer/);
    assert.match(notice, /<script>/, 'the unknown key is named, as text');
    assert.equal(await page.locator('script:not([src])').count(), 0);
    if (locale === 'zh-CN') assert.match(notice, /链接/);
    await screenshot(page, `share-refused-${locale}`);
    // Applying settings of one's own ends the link's refusals.
    await page.click(id('ae-reset'));
    await page.locator(`${id('ae-link-refused')}[hidden]`).waitFor({ state: 'attached' });
    assert.equal(await page.textContent(id('ae-lr-error')), '');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('two fresh pages opened on one link train alike: the first 200 losses are equal', async () => {
  const hash = '#/autoencoder?widths=784-64-2&loss=mse&lr=0.002&batch=32&optimizer=adam&seed=3';
  const runs = [];
  for (let run = 0; run < 2; run++) {
    const { context, page, problems } = await open(hash);
    await page.locator(`${id('ae-step')}:not([disabled])`).waitFor({ timeout: 60_000 });
    // 200 presses of Step, each waited for and read, inside the page: a round trip from the test
    // per press took 47 s for the two pages.
    const losses = await page.evaluate(async (ids) => {
      const [button, count] = ids.map((t) => document.querySelector(`[data-testid="${t}"]`));
      const out = [];
      for (let step = 1; step <= 200; step++) {
        const moved = new Promise((resolve) => {
          const seen = new MutationObserver(() => {
            if (count.textContent.trim() === String(step)) {
              seen.disconnect();
              resolve();
            }
          });
          seen.observe(count, { childList: true, characterData: true, subtree: true });
        });
        button.click();
        await moved;
        // A task later, every effect of that step has run (the loss attribute, the button).
        await new Promise((resolve) => setTimeout(resolve, 0));
        out.push(count.getAttribute('data-train-loss'));
      }
      return out;
    }, ['ae-step', 'ae-step-count']);
    assert.deepEqual(problems, []);
    await context.close();
    runs.push(losses);
  }
  assert.ok(runs[0].every((l) => Number.isFinite(Number(l))), runs[0].slice(0, 5).join());
  assert.notEqual(runs[0][0], runs[0][199], 'the loss moves');
  assert.deepEqual(runs[1], runs[0]);
});
