// Issue 18: each lab is a workbench that a projector shows whole. At 1280×800 (a classroom
// projector), with the figures folded to their titles, the lab's Start and every main figure it
// names lie inside one viewport together, in both languages; the run bar stays in view while the
// page scrolls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, screenshot, appReady } from './harness.mjs';

const env = browserSuite();
const id = (t) => `[data-testid="${t}"]`;
const VIEWPORT = { width: 1280, height: 800 };

// Each lab, the button that starts it, and its main figures (issue 18, item 1).
const LABS = [
  { chapter: 'autoencoder', prefix: 'ae', start: 'ae-train', figures: ['ae-loss-chart', 'ae-latent', 'ae-decoded', 'ae-recon-grid'] },
  { chapter: 'vae', prefix: 'vae', start: 'vae-train', figures: ['vae-loss-recon', 'vae-loss-kl', 'vae-loss-total', 'vae-latent', 'vae-samples'] },
  { chapter: 'transformer', prefix: 'tf', start: 'tf-train', figures: ['tf-loss-chart', 'tf-acc-chart', 'tf-attention', 'tf-attention-head-3', 'tf-samples'] },
  { chapter: 'finetune', prefix: 'ft', start: 'ft-run', figures: ['ft-chart', 'ft-k-chart', 'ft-table'] },
];

// Whether a box lies inside the viewport, to the pixel.
const inside = (b) => b && b.x >= 0 && b.y >= 0 && b.x + b.width <= VIEWPORT.width + 0.5 && b.y + b.height <= VIEWPORT.height + 0.5;

for (const locale of ['en-US', 'zh-CN']) {
  test(`every lab's Start and main figures share one 1280×800 screen (${locale})`, async () => {
    const { context, page, problems } = await openPage(env.browser, { locale, viewport: VIEWPORT });
    for (const lab of LABS) {
      await page.goto(`${env.server.url}#/${lab.chapter}`);
      await appReady(page);
      // A model in the worker, so that every figure has its size (the labs build one on arrival).
      if (lab.prefix !== 'ft') await page.waitForSelector(`${id(`${lab.prefix}-state`)}[data-state="paused"]`, { timeout: 60_000 });
      await page.waitForSelector(id(lab.figures.at(-1)));
      // Titles only: the explanations fold away, one choice for the page.
      const fold = page.locator(id(`${lab.prefix}-explain`));
      if ((await fold.getAttribute('aria-pressed')) !== 'true') await fold.click();
      assert.equal(await fold.getAttribute('aria-pressed'), 'true');
      await page.locator(id(`${lab.prefix}-lab`)).evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(200);
      const boxes = {};
      // A table is seen through its scrolling region (a long output scrolls sideways in it).
      for (const t of [lab.start, ...lab.figures]) {
        boxes[t] = await page.locator(id(t)).evaluate((e) => {
          const r = (e.tagName === 'TABLE' ? e.closest('.table-wrap') : e).getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        });
      }
      const outside = Object.entries(boxes).filter(([, b]) => !inside(b));
      console.log(`${lab.chapter} (${locale}): ` + Object.entries(boxes).map(([t, b]) => `${t} ${b ? `${Math.round(b.y)}–${Math.round(b.y + b.height)}` : 'none'}`).join(', '));
      assert.deepEqual(outside.map(([t, b]) => `${t} ${JSON.stringify(b)}`), [], `${lab.chapter}: outside the screen`);
      await screenshot(page, `workbench-${lab.chapter}-${locale.slice(0, 2)}-1280x800`);
      if (lab.prefix === 'ft') continue;
      // The run bar stays in view with Start in it while the page scrolls on.
      await page.locator(id(`${lab.prefix}-lab`)).evaluate((e) => window.scrollTo(0, window.scrollY + e.getBoundingClientRect().top + 600));
      await page.waitForFunction((sel) => document.querySelector(sel).getBoundingClientRect().top < -500, id(`${lab.prefix}-lab`));
      const bar = await page.locator(id(`${lab.prefix}-bar`)).boundingBox();
      assert.ok(bar && bar.y >= -0.5 && bar.y < 2, `${lab.chapter} bar at ${bar?.y}`);
      assert.ok(inside(await page.locator(id(lab.start)).boundingBox()), `${lab.chapter}: Start scrolled away`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// One visual language (issue 18, item 3): lines named where they end when the chart has room,
// the legend kept where it has not; the digit decoded at the probe drawn beside it on the map;
// and empty states that say what will come.
test('lines are labelled where they end, the probe shows its digit on the map, empty states say what comes', async () => {
  const { context, page, problems } = await openPage(env.browser, { locale: 'en-US', viewport: VIEWPORT });
  const legendHidden = (t) => page.locator(`.chart:has(${id(t)}) .chart-legend`).evaluate((ul) => ul.hidden);

  await page.goto(`${env.server.url}#/autoencoder`);
  await appReady(page);
  await page.waitForSelector(`${id('ae-state')}[data-state="paused"]`, { timeout: 60_000 });
  // Before training the loss chart says how it will fill instead of drawing a made-up axis.
  const empty = page.locator(`.chart:has(${id('ae-loss-chart')}) .chart-empty`);
  assert.ok(await empty.isVisible());
  assert.match(await empty.textContent(), /start the run/);
  await page.click(id('ae-train'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('data-points')) >= 4, id('ae-loss-chart'));
  await page.click(id('ae-train'));
  assert.equal(await page.getAttribute(id('ae-loss-chart'), 'data-labels'), 'direct');
  assert.equal(await legendHidden('ae-loss-chart'), true);
  // A click on the map decodes there, and the digit is drawn beside the probe.
  const map = page.locator(id('ae-latent'));
  const box = await map.boundingBox();
  await map.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
  await page.waitForFunction((sel) => document.querySelector(sel)?.hasAttribute('data-inset'), id('ae-latent'));
  const [ix, iy] = (await map.getAttribute('data-inset')).split(',').map(Number);
  assert.ok(ix >= 0 && iy >= 0 && ix + 84 <= box.width + 1 && iy + 84 <= box.height + 1, `inset at ${ix},${iy} in ${box.width}×${box.height}`);

  // The VAE: each of the three curves has a title of its own, and its lines their names.
  await page.goto(`${env.server.url}#/vae`);
  await appReady(page);
  await page.waitForSelector(`${id('vae-state')}[data-state="paused"]`, { timeout: 60_000 });
  await page.click(id('vae-train'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('data-points')) >= 4, id('vae-loss-kl'));
  await page.click(id('vae-train'));
  const titles = await page.locator(`${id('vae-loss-chart')} .chart-title`).allTextContents();
  assert.deepEqual(titles, ['Reconstruction', 'KL', 'Total, recon + β·KL']);
  for (const t of ['vae-loss-recon', 'vae-loss-kl', 'vae-loss-total']) {
    assert.equal(await page.getAttribute(id(t), 'data-labels'), 'direct', t);
    assert.match(await page.getAttribute(id(t), 'aria-label'), /^(Reconstruction|KL|Total)/);
  }

  // The Transformer: "Token accuracy" and "Exact match" are too long for the narrow chart, so
  // it keeps its legend; the translation says what will appear before there is one; the
  // schedule's length says what comes after it.
  await page.goto(`${env.server.url}#/transformer`);
  await appReady(page);
  await page.waitForSelector(`${id('tf-state')}[data-state="paused"]`, { timeout: 60_000 });
  assert.equal(await page.getAttribute(id('tf-acc-chart'), 'data-labels'), null);
  assert.equal(await legendHidden('tf-acc-chart'), false);
  assert.match(await page.locator('.translate-output').textContent(), /the model's answer appears here/);
  assert.match(await page.textContent(id('tf-steps-note')), /does not stop there/);
  await page.click(id('tf-translate'));
  await page.waitForFunction(() => document.querySelector('.translate-output .muted')?.hidden === true);
  assert.doesNotMatch(await page.locator('.translate-output').innerText(), /appears here/);
  assert.deepEqual(problems, []);
  await context.close();
});
