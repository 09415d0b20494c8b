// The Applications chapter: where the ideas are used (each with sources and a chapter to try
// it), the speed question answered by a sweep run on this device, and the data and
// interpretability questions read from the visitor's own models, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, screenshot, appReady, goChapter, sideScroll, numberIn } from './harness.mjs';

const env = browserSuite();
const id = (t) => `[data-testid="${t}"]`;

for (const [name, locale, viewport] of [
  ['en', 'en-US', { width: 1280, height: 900 }],
  ['zh-phone', 'zh-CN', { width: 390, height: 844 }],
]) {
  test(`uses with sources, and the speed sweep run on this device (${name})`, async () => {
    const { context, page, problems } = await openPage(env.browser, { locale, viewport });
    await page.goto(env.server.url);
    await appReady(page);
    // The overview documents the keyboard shortcuts, one press away.
    await page.click(`${id('keyboard-help')} summary`);
    const shortcuts = await page.locator(`${id('keyboard-help')} li`).allTextContents();
    assert.equal(shortcuts.length, 11);
    assert.match(shortcuts.join(' '), name.startsWith('zh') ? /方向键/ : /arrow keys/);
    await goChapter(page, 'applications');
    const slugs = await page.$$eval('nav a[data-testid^="nav-"]', (links) => links.map((a) => a.dataset.testid.slice(4)));
    assert.deepEqual(slugs.slice(-3), ['performance', 'applications', 'references']);

    // Every use cites at least one listed work and links another chapter.
    const uses = page.locator(id('applications'));
    await uses.waitFor();
    const cards = await uses.locator('.use-card').evaluateAll((cards) => cards.map((c) => ({
      id: c.dataset.use,
      refs: [...c.querySelectorAll('[data-ref]')].map((li) => li.dataset.ref),
      href: c.querySelector('.event-try')?.getAttribute('href'),
    })));
    assert.equal(cards.length, Number(await uses.getAttribute('data-uses')));
    for (const id_ of ['translation', 'vision', 'speech', 'latent-diffusion', 'frameworks', 'datasets']) {
      const card = cards.find((c) => c.id === id_);
      assert.ok(card, `missing ${id_}`);
      assert.ok(card.refs.length >= 1, `${id_} cites nothing`);
      assert.match(card.href, /^#\/[a-z]+$/);
      assert.notEqual(card.href, '#/applications');
    }
    assert.deepEqual(cards.find((c) => c.id === 'latent-diffusion').refs, ['rombach2021', 'kingma2013']);
    assert.match(await uses.textContent(), name.startsWith('zh') ? /潜在扩散/ : /Latent diffusion/);

    // Before a run: the data and interpretability questions say what is missing and where to go.
    assert.match(await page.textContent(id('faq-data-answer')), name.startsWith('zh') ? /还不到两个/ : /fewer than two/);
    for (const tool of ['map', 'attention', 'probe']) {
      assert.equal(await page.getAttribute(`${id(`faq-interpret-${tool}`)} [data-live]`, 'data-live'), 'false');
    }
    await screenshot(page, `applications-${name}`);
    assert.ok((await sideScroll(page)) <= 0, 'the page scrolls sideways');

    // The sweep: 12 runs, each stopping at the target or its time, with samples/s and the time.
    const speed = page.locator(id('faq-speed'));
    await speed.scrollIntoViewIfNeeded();
    const t0 = Date.now();
    await page.click(id('faq-speed-run'));
    await page.locator(id('faq-speed-progress')).waitFor();
    await page.waitForFunction(
      (sel) => document.querySelectorAll(`${sel} tbody tr`).length === 12 && !document.querySelector('[data-testid="faq-speed-progress"]'),
      id('faq-speed-table'),
      { timeout: 180_000 },
    );
    const wall = (Date.now() - t0) / 1000;
    const rows = await page.locator(`${id('faq-speed-table')} tbody tr`).evaluateAll((rows) => rows.map((r) => ({
      width: Number(r.dataset.width),
      batch: Number(r.dataset.batch),
      reached: r.dataset.reached === 'true',
      cells: [...r.querySelectorAll('td')].map((td) => td.textContent),
    })));
    console.log(`speed sweep (${name}), ${wall.toFixed(1)} s:\n` + rows.map((r) => `  ${r.width} × ${r.batch}: ${r.cells.join(' | ')}`).join('\n'));
    const sps = (w, b) => Number(rows.find((r) => r.width === w && r.batch === b).cells[2].replace(/,/g, ''));
    for (const w of [32, 128, 512]) {
      assert.ok(sps(w, 512) > sps(w, 8), `width ${w}: batch 512 is not faster per sample than batch 8`);
    }
    assert.ok(rows.some((r) => r.reached), 'no run reached the target');
    const answer = await page.textContent(id('faq-speed-answer'));
    console.log(`speed answer (${name}): ${answer}`);
    assert.match(answer, name.startsWith('zh') ? /最先到达目标/ : /first to the target/);
    assert.match(answer, /×|倍/);
    // A screen reader hears the sweep end with the same answer, once.
    const said = await page.textContent(id('faq-speed-announce'));
    assert.match(said, name.startsWith('zh') ? /^已完成。/ : /^Finished\. /);
    assert.ok(said.includes(answer.trim().slice(0, 30)), said);
    for (const chart of ['faq-speed-throughput', 'faq-speed-time']) {
      const points = Number(await page.getAttribute(id(chart), 'data-points'));
      assert.ok(points >= 6, `${chart}: ${points} points`);
    }
    await screenshot(page, `applications-speed-${name}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the data and interpretability answers read the visitor\'s own autoencoder, Transformer and fine-tuning runs', async () => {
  const { context, page, problems } = await openPage(env.browser, { locale: 'en-US' });
  await page.goto(`${env.server.url}#/autoencoder`);
  await appReady(page);
  await page.click(id('ae-train'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) >= 300, id('ae-step-count'), { timeout: 60_000 });
  await page.click(id('ae-train'));
  await goChapter(page, 'transformer');
  await page.click(id('tf-train'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) >= 200, id('tf-step-count'), { timeout: 90_000 });
  await page.click(id('tf-train'));
  await page.waitForSelector(`${id('tf-train')}[aria-pressed="false"]`);
  const steps = await numberIn(page, 'tf-step-count');
  // Two values of K, with small budgets, in the fine-tuning chapter.
  await goChapter(page, 'finetune');
  await page.fill(id('ft-steps'), '120');
  await page.fill(id('ft-pretrain-steps'), '400');
  for (const k of ['10', '100']) {
    await page.selectOption(id('ft-labels'), k);
    await page.click(id('ft-run'));
    await page.waitForSelector(`${id('ft-table')} tr[data-k="${k}"]`, { timeout: 180_000 });
  }
  // The chapter's own chart says whether its lines crossed, with the same reading.
  const crossover = page.locator(id('ft-crossover'));
  await crossover.waitFor();
  console.log(`crossover: ${await crossover.textContent()}`);
  const chapterStops = await crossover.getAttribute('data-stops-at');
  await goChapter(page, 'applications');
  // The data question reads the two rows: where the lead of fine-tuning over scratch is gone
  // for good, or that it never was.
  await page.waitForSelector(`${id('faq-data-table')} tbody tr[data-k="100"]`);
  const leads = await page.locator(`${id('faq-data-table')} tbody tr`).evaluateAll((rows) =>
    rows.map((r) => ({ k: Number(r.dataset.k), lead: Number(r.dataset.lead) })));
  assert.deepEqual(leads.map((l) => l.k), [10, 100]);
  const dataAnswer = page.locator(id('faq-data-answer'));
  const stopsAt = await dataAnswer.getAttribute('data-stops-at');
  console.log(`data: leads ${JSON.stringify(leads)}; ${await dataAnswer.textContent()}`);
  assert.equal(stopsAt, chapterStops);
  if (leads[1].lead > 0) assert.equal(stopsAt, null);
  else assert.equal(Number(stopsAt), leads[0].lead > 0 ? 100 : 10);
  const probe = page.locator(`${id('faq-interpret-probe')} [data-live="true"]`);
  await probe.waitFor();
  assert.match(await probe.textContent(), /K = 100 labels/);
  const map = page.locator(`${id('faq-interpret-map')} [data-live="true"]`);
  await map.waitFor();
  const mapText = await map.textContent();
  const attn = page.locator(`${id('faq-interpret-attention')} [data-live="true"]`);
  await attn.waitFor();
  const attnText = await attn.textContent();
  console.log(`interpret: ${mapText}\n  ${attnText} (${steps} steps)`);
  const share = Number(mapText.match(/: ([\d.]+)% of the test digits/)[1]);
  assert.ok(share > 10 && share <= 100, `separation ${share}%`);
  // The card reads the paused model, not the last map the running lab sent.
  assert.ok(attnText.includes(`after ${steps.toLocaleString("en-US")} steps`), `${attnText} against ${steps} steps`);
  const [peak, even] = [...attnText.matchAll(/([\d.]+)%/g)].map((m) => Number(m[1]));
  assert.ok(peak >= even && peak <= 100, `peak ${peak}% against even ${even}%`);
  await screenshot(page, 'applications-interpret-en');

  // The same readings in Chinese: the numbers are the runs', the words the language's.
  // The same numbers, in any order: Chinese word order may put them elsewhere.
  const figures = (text) => (text.replace(/,/g, '').match(/\d+(?:\.\d+)?/g) ?? []).map(Number).sort((a, b) => a - b);
  const answerText = await dataAnswer.textContent();
  const probeText = await probe.textContent();
  await page.click(id('lang-switch'));
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  const zhMap = await map.textContent();
  assert.match(zhMap, /的测试数字离自己类别的中心最近/);
  assert.deepEqual(figures(zhMap), figures(mapText));
  const zhAttn = await attn.textContent();
  assert.match(zhAttn, /交叉注意力/);
  assert.deepEqual(figures(zhAttn), figures(attnText));
  const zhProbe = await probe.textContent();
  assert.match(zhProbe, /K = 100 个标签/);
  assert.deepEqual(figures(zhProbe), figures(probeText));
  const zhAnswer = await dataAnswer.textContent();
  assert.match(zhAnswer, /预训练/);
  assert.deepEqual(figures(zhAnswer), figures(answerText));
  assert.equal(await dataAnswer.getAttribute('data-stops-at'), stopsAt);
  // What an attention map does not show is cited, and the citation links to its entry.
  const cite = page.locator(`${id('faq-interpret-attention')} a.cite-link[data-cite="jain2019"]`);
  assert.equal((await cite.textContent()).trim(), 'Jain 和 Wallace，2019');
  assert.equal(await cite.getAttribute('href'), '#/references?ref=jain2019');
  await screenshot(page, 'applications-interpret-zh');
  assert.deepEqual(problems, []);
  await context.close();
});
