// The VAE lab: KL and reconstruction live, β mid-training, samples, manifold, interpolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, screenshot, appReady, recordFrameGaps, numberIn } from './harness.mjs';

const env = browserSuite();

const id = (t) => `[data-testid="${t}"]`;

async function openLab(options = {}) {
  const opened = await openPage(env.browser, options);
  await opened.page.goto(`${env.server.url}#/vae`);
  await appReady(opened.page);
  await opened.page.waitForFunction(
    (sel) => Number.isFinite(Number(document.querySelector(sel)?.textContent)),
    id('vae-kl'),
    { timeout: 60_000 },
  );
  return opened;
}

test('the VAE trains: KL is positive and finite after 15 s, and β = 4 lowers it within 10 s', async () => {
  const { context, page, problems } = await openLab();
  const stopGaps = await recordFrameGaps(page);
  await page.click(id('vae-train'));
  await page.waitForTimeout(15_000);
  const gaps = await stopGaps();
  const kl = await numberIn(page, 'vae-kl');
  const recon = await numberIn(page, 'vae-recon');
  console.log(
    `VAE, 15 s: ${await numberIn(page, 'vae-step-count')} steps, recon ${recon}, KL ${kl} nats; ` +
      `frame gaps p95 ${gaps.p95.toFixed(1)} ms, max ${gaps.max.toFixed(1)} ms`,
  );
  assert.ok(Number.isFinite(kl) && kl > 0, `KL ${kl}`);
  assert.ok(gaps.p95 < 33, `p95 frame gap ${gaps.p95} ms`);

  await page.locator(id('vae-beta')).fill('4');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '4.0', id('vae-beta-value'));
  const t0 = Date.now();
  await page.waitForFunction(
    ([sel, before]) => Number(document.querySelector(sel)?.textContent) < before,
    [id('vae-kl'), kl],
    { timeout: 10_000 },
  );
  console.log(`β 1 → 4: KL ${kl} → ${await numberIn(page, 'vae-kl')} within ${Date.now() - t0} ms`);

  for (const fig of ['vae-manifold', 'vae-samples', 'vae-interpolate']) {
    assert.equal(await page.getAttribute(id(fig), 'data-nonblank'), 'true', `${fig} is drawn`);
  }
  const classes = Number(await page.getAttribute(id('vae-latent'), 'data-classes'));
  assert.ok(classes >= 5, `latent map shows ${classes} classes`);
  await page.click(id('vae-train'));
  await page.waitForSelector(`${id('vae-train')}[aria-pressed="false"]`);
  await screenshot(page, 'vae-en');
  assert.deepEqual(problems, []);
  await context.close();
});

test('prior samples change on resample, interpolation follows the picked digits, in Chinese on a phone', async () => {
  const { context, page, problems } = await openLab({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  await page.click(id('vae-step'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '1', id('vae-step-count'));
  const samples = await page.getAttribute(id('vae-samples'), 'data-hash');
  await page.click(id('vae-resample'));
  await page.waitForFunction(
    ([sel, h]) => document.querySelector(sel)?.dataset.hash !== h,
    [id('vae-samples'), samples],
  );
  const interp = await page.getAttribute(id('vae-interpolate'), 'data-hash');
  await page.locator(id('vae-interp-from')).scrollIntoViewIfNeeded();
  const from = await page.locator(id('vae-interp-from')).boundingBox();
  // The fourth gallery digit (a 3) as the start.
  await page.mouse.click(from.x + from.width * 0.35, from.y + from.height * 0.5);
  await page.waitForFunction(
    ([sel, h]) => document.querySelector(sel)?.dataset.hash !== h,
    [id('vae-interpolate'), interp],
  );
  assert.match(await page.textContent(id('vae-resample')), /重新采样/);
  // Every grid is named with what it holds and the step; the pickers are sliders over the
  // gallery, their value the digit, and β's slider is named though its label holds a readout.
  assert.match(await page.getAttribute(id('vae-samples'), 'aria-label'), /^从先验中采样：从随机编码解码出的 \d+ 张图像（第 1 步）$/);
  assert.match(await page.getAttribute(id('vae-interpolate'), 'aria-label'), /沿数字 3 到数字 7 的连线/);
  assert.equal(await page.getAttribute(id('vae-interp-from'), 'role'), 'slider');
  assert.equal(await page.getAttribute(id('vae-interp-from'), 'aria-valuenow'), '3');
  assert.equal(await page.getAttribute(id('vae-interp-from'), 'aria-label'), '起点');
  assert.match(await page.getAttribute(id('vae-beta'), 'aria-label'), /β/);
  await screenshot(page, 'vae-zh-phone');
  assert.deepEqual(problems, []);
  await context.close();
});
