// Regenerates docs/screenshot.png, the README's first picture: the autoencoder chapter after
// 20 s of training, at 1280 px: its live numbers, the loss and the latent map.
// Run after `make build`:  node scripts/screenshot/readme.mjs
import { join } from 'node:path';
import { launch, serveDist, ROOT } from '../../tests/e2e/harness.mjs';

const server = await serveDist('/');
const browser = await launch();
try {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1150 } });
  const page = await context.newPage();
  await page.goto(`${server.url}#/autoencoder`);
  await page.locator('[data-testid="worker-status"] .worker-dot.ready').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="ae-train"]:not([disabled])').waitFor({ timeout: 60_000 });
  await page.click('[data-testid="ae-train"]');
  await page.waitForTimeout(20_000);
  await page.click('[data-testid="ae-train"]');
  // The live numbers, then the figures: the loss, the latent map and the reconstructions.
  await page.evaluate(() => {
    const numbers = document.querySelector('[data-testid="ae-step-count"]');
    window.scrollTo(0, numbers.getBoundingClientRect().top + window.scrollY - 130);
  });
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') });
  await context.close();
} finally {
  await browser.close();
  server.close();
}
