// The app shell: every chapter in both languages, deep links, language memory, not-found,
// and a phone-sized viewport. Served under a sub-path, as on a real static host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, screenshot, appReady, goChapter, sideScroll } from './harness.mjs';

// The chapter titles as the catalog writes them (src/i18n/messages.rs).
const CHAPTERS = {
  overview: ['Overview', '概览'],
  history: ['History', '历史'],
  autoencoder: ['Autoencoder', '自编码器'],
  vae: ['Variational autoencoder', '变分自编码器'],
  attention: ['Self-attention', '自注意力'],
  transformer: ['Transformer', 'Transformer'],
  finetune: ['Pretraining & fine-tuning', '预训练与微调'],
  performance: ['Performance', '性能'],
  applications: ['Applications & questions', '应用与常见问题'],
  references: ['References', '参考文献'],
};
const LOCALES = [
  ['en', 'en-US', 0, 'en'],
  ['zh', 'zh-CN', 1, 'zh-CN'],
];

let server;
let browser;
before(async () => {
  server = await serveDist('/gradlab/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

for (const [name, locale, idx, htmlLang] of LOCALES) {
  test(`every chapter renders in ${name}, following the browser's language, with a clean console`, async () => {
    const { context, page, problems } = await openPage(browser, { locale });
    await page.goto(server.url);
    await appReady(page);
    assert.equal(await page.getAttribute('html', 'lang'), htmlLang);
    for (const [slug, titles] of Object.entries(CHAPTERS)) {
      await goChapter(page, slug);
      const article = page.locator(`[data-testid="chapter-${slug}"]`);
      await article.waitFor();
      assert.equal((await article.locator('h1').textContent()).trim(), titles[idx]);
      assert.equal(await page.getAttribute(`[data-testid="nav-${slug}"]`, 'aria-current'), 'page');
      // A real introduction, not an empty frame.
      const prose = (await article.locator('p, li').allTextContents()).join('');
      assert.ok(prose.length > 300, `${slug} has little text: ${prose}`);
      // Citation markup is drawn as links, never shown as it is written.
      assert.ok(!/\]\([a-z0-9]+\)/.test(prose), `${slug} shows citation markup`);
      await screenshot(page, `chapter-${slug}-${name}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a deep link survives a reload, and a language choice is remembered', async () => {
  const { context, page, problems } = await openPage(browser, { locale: 'en-US' });
  await page.goto(`${server.url}#/vae`);
  await page.waitForSelector('[data-testid="chapter-vae"]');
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.reload();
  const h1 = page.locator('[data-testid="chapter-vae"] h1');
  await h1.waitFor();
  assert.equal((await h1.textContent()).trim(), '变分自编码器');
  assert.equal(new URL(page.url()).hash, '#/vae');
  // The skip link moves focus to the chapter without touching the route in the fragment.
  await page.focus('.skip');
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).hash, '#/vae');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'content');
  // And back: the switch now offers English.
  assert.equal((await page.textContent('[data-testid="lang-switch"]')).trim(), 'English');
  await page.click('[data-testid="lang-switch"]');
  await page.reload();
  await h1.waitFor();
  assert.equal((await h1.textContent()).trim(), 'Variational autoencoder');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an in-text citation opens References at its work, focused and marked, in both languages', async () => {
  const { context, page, problems } = await openPage(browser, { locale: 'en-US' });
  await page.goto(`${server.url}#/vae`);
  await appReady(page);
  const cite = page.locator('[data-testid="chapter-vae"] a.cite-link[data-cite="higgins2017"]');
  assert.equal((await cite.textContent()).trim(), 'Higgins et al. 2017');
  // The whole work is a hover away, without leaving the lab.
  assert.match(await cite.getAttribute('title'), /^Higgins, I\., .* \(2017\)\. β-VAE/);
  await cite.click();
  const entry = page.locator('li#higgins2017[data-linked]');
  await entry.waitFor();
  assert.equal(new URL(page.url()).hash, '#/references?ref=higgins2017');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'higgins2017');
  // In view, and below the sticky header rather than under it.
  const inView = (el) => {
    const r = el.getBoundingClientRect();
    const header = document.querySelector('.site-header').getBoundingClientRect();
    return r.top >= header.bottom && r.bottom <= window.innerHeight;
  };
  assert.ok(await entry.evaluate(inView), 'the entry is scrolled into view');
  await screenshot(page, 'references-linked-en');
  // A citation in the history above moves the mark within the page: one entry marked at a time.
  await page.click('.timeline a[href$="?ref=vaswani2017"]');
  await page.waitForSelector('li#vaswani2017[data-linked]');
  assert.equal(await page.locator('.references li[data-linked]').count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'vaswani2017');
  // In Chinese the citation follows Chinese word order, and leads to the same entry.
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await goChapter(page, 'transformer');
  const zh = page.locator('[data-testid="chapter-transformer"] a.cite-link[data-cite="vaswani2017"]');
  assert.equal((await zh.textContent()).trim(), 'Vaswani 等，2017');
  await zh.click();
  await page.waitForSelector('li#vaswani2017[data-linked]');
  assert.ok(await page.locator('li#vaswani2017').evaluate(inView));
  await screenshot(page, 'references-linked-zh');
  // A key that names no listed work opens the list at its top, with nothing marked.
  await page.evaluate(() => { window.location.hash = '#/references?ref=content'; });
  await page.waitForTimeout(300);
  assert.equal(await page.locator('[data-linked]').count(), 0);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an unknown address shows a friendly not-found chapter with the chapter list', async () => {
  for (const [name, locale] of LOCALES) {
    const { context, page, problems } = await openPage(browser, { locale });
    await page.goto(`${server.url}#/no-such-chapter`);
    const nf = page.locator('[data-testid="chapter-not-found"]');
    await nf.waitFor();
    assert.ok((await nf.textContent()).includes('#/no-such-chapter'));
    assert.equal(await nf.locator('.chapter-list a').count(), Object.keys(CHAPTERS).length);
    await screenshot(page, `not-found-${name}`);
    await nf.locator('.chapter-list a').first().click();
    await page.waitForSelector('[data-testid="chapter-overview"]');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('on a 390 px phone screen nothing overflows sideways', async () => {
  for (const [name, locale] of LOCALES) {
    const { context, page, problems } = await openPage(browser, {
      locale,
      viewport: { width: 390, height: 844 },
    });
    for (const slug of ['overview', 'performance', 'references']) {
      await page.goto(`${server.url}#/${slug}`);
      await page.waitForSelector(`[data-testid="chapter-${slug}"]`);
      if (slug === 'performance') {
        // With every figure filled in (on request): the widest state of the page.
        await appReady(page);
        await page.click('[data-testid="perf-gemm-run"]');
        await page.waitForFunction(
          () => document.querySelectorAll('[data-testid="perf-train"] tbody tr').length === 3,
          null,
          { timeout: 90_000 },
        );
      }
      const overflow = await sideScroll(page);
      assert.ok(overflow <= 0, `${slug} (${name}) is ${overflow}px wider than the screen`);
      await screenshot(page, `phone-${slug}-${name}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

// On a phone the chapters fold into a menu whose button names the current chapter; open, it
// shows all nine, each a 44 px touch target; a choice or Escape closes it.
test('on a phone the nav is a menu that names the current chapter and shows every chapter', async () => {
  for (const [name, locale, idx] of LOCALES) {
    const { context, page, problems } = await openPage(browser, { locale, viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}#/transformer`);
    await appReady(page);
    const menu = page.locator('[data-testid="nav-menu"]');
    assert.ok(await menu.isVisible());
    assert.match(await menu.textContent(), new RegExp(CHAPTERS.transformer[idx]));
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.ok(!(await page.isVisible('[data-testid="nav-references"]')), 'closed, the links are folded away');
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    for (const slug of Object.keys(CHAPTERS)) {
      const box = await page.locator(`[data-testid="nav-${slug}"]`).boundingBox();
      assert.ok(box && box.height >= 44 && box.x >= 0 && box.x + box.width <= 390, `${slug}: ${JSON.stringify(box)}`);
    }
    await screenshot(page, `phone-nav-open-${name}`);
    await page.keyboard.press('Escape');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'nav-menu');
    await goChapter(page, 'vae');
    await page.waitForSelector('[data-testid="chapter-vae"]');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'a choice closes the menu');
    assert.match(await menu.textContent(), new RegExp(CHAPTERS.vae[idx]));
    assert.deepEqual(problems, []);
    await context.close();
  }
});
