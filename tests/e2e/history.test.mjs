// The History chapter: the timeline's bands and markers, choosing an event by pointer and by
// keyboard, its card (date, people, organisation, sources, a link to try the idea), in both
// languages and on a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, screenshot, appReady, goChapter, sideScroll } from './harness.mjs';

const env = browserSuite();
const id = (t) => `[data-testid="${t}"]`;

for (const [name, locale, viewport] of [
  ['en', 'en-US', { width: 1280, height: 900 }],
  ['zh', 'zh-CN', { width: 1280, height: 900 }],
  ['en-phone', 'en-US', { width: 390, height: 844 }],
  ['zh-phone', 'zh-CN', { width: 390, height: 844 }],
]) {
  test(`the timeline shows booms, winters and events, and a chosen event's card (${name})`, async () => {
    const { context, page, problems } = await openPage(env.browser, { locale, viewport });
    await page.goto(env.server.url);
    await appReady(page);
    await goChapter(page, 'history');
    const timeline = page.locator(id('history-timeline'));
    await timeline.waitFor();
    // The nav places History right after the Overview.
    const slugs = await page.$$eval('nav a[data-testid^="nav-"]', (links) =>
      links.map((a) => a.dataset.testid.slice(4)));
    assert.deepEqual(slugs.slice(0, 3), ['overview', 'history', 'autoencoder']);

    const events = Number(await timeline.getAttribute('data-events'));
    assert.ok(events >= 12, `${events} events`);
    assert.equal(await timeline.locator('.event-mark').count(), events);
    assert.equal(await timeline.locator('.era-winter').count(), 2);
    assert.ok((await timeline.locator('.era-boom').count()) >= 2);
    // Every marker is inside the track and named for screen readers.
    const boxes = await timeline.locator('.event-mark').evaluateAll((marks) => marks.map((m) => {
      const track = m.closest('.timeline-track').getBoundingClientRect();
      const r = m.getBoundingClientRect();
      return { inside: r.left >= track.left - 24 && r.right <= track.right + 24, label: m.getAttribute('aria-label') };
    }));
    for (const b of boxes) {
      assert.ok(b.inside, `a marker leaves the track: ${b.label}`);
      assert.match(b.label, /\d{4}/);
    }

    // The first event is chosen: the Dartmouth workshop, with its people and source.
    const card = page.locator(id('history-event'));
    assert.equal(await card.getAttribute('data-event'), 'dartmouth');
    const text = await card.textContent();
    assert.match(text, /McCarthy/);
    assert.match(text, /A Proposal for the Dartmouth Summer Research Project/);
    assert.match(text, name.startsWith('zh') ? /达特茅斯/ : /Dartmouth College/);

    // A click chooses the Transformer; its card links to the Self-attention chapter.
    await timeline.locator('[data-event="transformer"]').click();
    await page.locator(`${id('history-event')}[data-event="transformer"]`).waitFor();
    assert.equal(await timeline.getAttribute('data-chosen'), 'transformer');
    assert.equal(await page.getAttribute(id('history-try'), 'href'), '#/attention');
    assert.match(await card.textContent(), /Vaswani/);
    await screenshot(page, `history-${name}`);
    // The page itself never scrolls sideways; only the timeline may.
    const overflow = await sideScroll(page);
    assert.ok(overflow <= 0, `page overflows by ${overflow}px`);

    // The keyboard moves the choice, and only the chosen marker is in the tab order.
    await timeline.locator('[data-event="transformer"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.locator(`${id('history-event')}[data-event="gpt-bert"]`).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.dataset.event), 'gpt-bert');
    await page.keyboard.press('End');
    await page.locator(`${id('history-event')}[data-event="assistants"]`).waitFor();
    assert.match(await card.textContent(), /ChatGPT/);
    await page.keyboard.press('Home');
    await page.locator(`${id('history-event')}[data-event="dartmouth"]`).waitFor();
    assert.equal(await timeline.locator('.event-mark[tabindex="0"]').count(), 1);

    // Following the link opens the chapter where the idea can be tried.
    await timeline.locator('[data-event="backprop"]').click();
    await page.click(id('history-try'));
    await page.locator(id('chapter-autoencoder')).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('what "large" means: the lab beside published models, with the visitor\'s own autoencoder live', async () => {
  const { context, page, problems } = await openPage(env.browser, { locale: 'en-US' });
  // A link that sets the autoencoder to 784-128-2: 202,258 parameters, counted by hand
  // (784·128 + 128 + 128·2 + 2 in the encoder, 2·128 + 128 + 128·784 + 784 in the decoder).
  await page.goto(`${env.server.url}#/autoencoder?widths=784-128-2`);
  await appReady(page);
  // The model in the worker, and so the store's configuration, follows the link.
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '202,258', id('ae-params'), { timeout: 60_000 });
  await goChapter(page, 'history');
  const sizes = page.locator(id('scale-of-models'));
  await sizes.waitFor();
  const rows = await sizes.locator('li').evaluateAll((items) =>
    items.map((li) => ({ origin: li.dataset.origin, params: Number(li.dataset.params), text: li.textContent })));
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].params <= rows[i].params, 'rows run smallest first');
  const named = (re) => rows.find((r) => re.test(r.text));
  assert.equal(named(/LeNet-5/)?.params, 60000);
  assert.equal(named(/GPT-3/)?.params, 175e9);
  assert.equal(named(/Autoencoder, 4-number code/)?.params, 223812);
  const yours = rows.filter((r) => r.origin === 'yours');
  assert.equal(yours.length, 1);
  assert.equal(yours[0].params, 202258);
  // The answer to the question, from the visitor's own model: 175e9 / 202,258 ≈ 865,232.
  await page.click('.size-answer summary');
  assert.match(await page.textContent(id('scale-of-models-answer')), /865,232/);
  await screenshot(page, 'history-sizes-en');
  // In Chinese: the same sizes, the visitor's model named in Chinese, the same answer.
  await page.click(id('lang-switch'));
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  const zhRows = await sizes.locator('li').evaluateAll((items) =>
    items.map((li) => ({ origin: li.dataset.origin, params: Number(li.dataset.params), text: li.textContent })));
  assert.deepEqual(zhRows.map((r) => r.params), rows.map((r) => r.params));
  assert.match(zhRows.find((r) => r.origin === 'yours').text, /[\u4e00-\u9fff]/);
  assert.match(await page.textContent(id('scale-of-models-answer')), /865,232/);
  assert.match(await page.textContent(id('scale-of-models-answer')), /[\u4e00-\u9fff]/);
  assert.deepEqual(problems, []);
  await context.close();
});
