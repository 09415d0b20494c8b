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
const CHAPTERS = ['overview', 'history', 'autoencoder', 'vae', 'attention', 'transformer', 'finetune', 'performance', 'references'];

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
    }
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
