// The visitor's own images (issue 14, part 5): PNG files picked into the autoencoder and VAE
// labs are prepared in the page and shown; hostile files (random bytes, a broken PNG, text, files
// past the 50 MB limit) are refused by name with their reason and nothing else is lost; the lab
// trains on the images, the latent map shows them apart, they survive Apply and reset, leaving
// the chapter and a worker crash, and Forget clears them. In English and Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserSuite, openPage, screenshot, appReady, goChapter } from './harness.mjs';

const env = browserSuite();
const id = (t) => `[data-testid="${t}"]`;

// Small models, so that the tests train in seconds.
const AE = '#/autoencoder?widths=784-32-2&batch=32&seed=2';
const VAE = '#/vae?widths=784-32-2&batch=32&seed=2';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
// A greyscale PNG of `side`² pixels from `ink(x, y)` in [0, 1] (dark ink on white paper).
function png(side, ink) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc(side * (side + 1));
  for (let y = 0; y < side; y++) {
    rows[y * (side + 1)] = 0; // filter: none
    for (let x = 0; x < side; x++) rows[y * (side + 1) + 1 + x] = Math.round(255 * (1 - ink(x, y)));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
// A ring ("0") or a slanted bar ("1"), a little different each time: digit-like strokes.
function digitPng(i) {
  const side = 64;
  if (i % 2 === 0) {
    const r = 16 + (i % 5);
    return png(side, (x, y) => (Math.abs(Math.hypot(x - 32, y - 32) - r) < 3.5 ? 1 : 0));
  }
  const slant = 0.1 * (i % 4);
  return png(side, (x, y) => (Math.abs(x - 32 - slant * (y - 32)) < 3.5 && y > 10 && y < 54 ? 1 : 0));
}
function goodFiles(n) {
  return Array.from({ length: n }, (_, i) => ({ name: `digit-${i}.png`, mimeType: 'image/png', buffer: digitPng(i) }));
}
// Random bytes named like a PNG, a PNG whose pixels are cut off, and a text file.
function hostileFiles() {
  const random = Buffer.alloc(2048);
  for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) & 0xff;
  const whole = digitPng(0);
  return [
    { name: 'x.png', mimeType: 'image/png', buffer: random },
    { name: 'cut.png', mimeType: 'image/png', buffer: whole.subarray(0, 40) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture at all\n') },
  ];
}

async function open(hash, options = {}) {
  const opened = await openPage(env.browser, options);
  await opened.page.goto(`${env.server.url}${hash}`);
  await appReady(opened.page);
  return opened;
}

// Picks `files` and waits until every one is read: the preview counts `count`.
async function pick(page, prefix, files, count) {
  await page.setInputFiles(id(`${prefix}-data-upload`), files);
  await page.waitForFunction(
    ([sel, n]) => document.querySelector(sel)?.getAttribute('data-count') === String(n),
    [id(`${prefix}-data-preview`), count],
    { timeout: 30_000 },
  );
  await page.locator(`${id(`${prefix}-data-upload`)}:not([disabled])`).waitFor();
}

// Drops one file on the picker's label, as a visitor dragging it from their desktop would.
async function drop(page, prefix, name, buffer) {
  await page.evaluate(
    ([sel, name, bytes]) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
      const target = document.querySelector(sel).closest('label');
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [id(`${prefix}-data-upload`), name, [...buffer]],
  );
}

async function ownPoints(page, prefix, more = 0) {
  await page.waitForFunction(
    ([sel, n]) => Number(document.querySelector(sel)?.getAttribute('data-own-points')) > n,
    [id(`${prefix}-latent`), more],
    { timeout: 60_000 },
  );
  return Number(await page.getAttribute(id(`${prefix}-latent`), 'data-own-points'));
}

async function steps(page, prefix, n) {
  const count = id(`${prefix}-step-count`);
  for (let i = 0; i < n; i++) {
    const before = Number(await page.textContent(count));
    await page.click(id(`${prefix}-step`));
    await page.waitForFunction(([sel, b]) => Number(document.querySelector(sel)?.textContent) > b, [count, before]);
  }
}

// Picks Your images and applies it: a new model on the pictures.
async function trainOnOwn(page, prefix, mode = 'own') {
  await page.selectOption(id(`${prefix}-data-mix`), mode);
  await page.click(id(`${prefix}-reset`));
  await page.locator(`${id(`${prefix}-step`)}:not([disabled])`).waitFor({ timeout: 90_000 });
}

test('en: six images and three hostile files; train on the images, Apply and reset, leave and return, Forget', async () => {
  const { context, page, problems } = await open(AE);
  await page.locator(`${id('ae-step')}:not([disabled])`).waitFor({ timeout: 90_000 });
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-own-points') === '0', id('ae-latent'));
  assert.equal(await page.textContent(id('ae-data-privacy')), 'Your images stay in this browser: nothing is uploaded.');
  // Nothing to train on yet: only the digits can be chosen.
  assert.equal(await page.locator(`${id('ae-data-mix')} option[value="own"]`).isDisabled(), true);

  await pick(page, 'ae', [...goodFiles(6), ...hostileFiles()], 6);
  assert.equal(await page.textContent(id('ae-data-status')), '6 images ready; 1 held out to test.');
  const refused = await page.textContent(id('ae-data-refused'));
  assert.match(refused, /x\.png: not a PNG or JPEG picture\./);
  assert.match(refused, /cut\.png: the picture is damaged/);
  assert.match(refused, /notes\.txt: not a PNG or JPEG picture\./);
  assert.match(await page.getAttribute(id('ae-data-preview-grid'), 'aria-label'), /first 6 of your 6 images/);
  assert.match(await page.textContent(id('ae-data-mix-note')), /choose Your images or Both/);

  await trainOnOwn(page, 'ae');
  await steps(page, 'ae', 3);
  const points = await ownPoints(page, 'ae');
  assert.equal(points, 6, 'every picture on the map');
  const loss = Number(await page.textContent(id('ae-test-loss')));
  assert.ok(Number.isFinite(loss) && loss > 0, `test loss ${loss}`);
  const train = Number(await page.getAttribute(id('ae-step-count'), 'data-train-loss'));
  assert.ok(Number.isFinite(train), `train loss ${train}`);
  assert.match(await page.textContent(id('ae-share-note')), /not your images/);
  await screenshot(page, 'own-images-ae-en');

  // Reset keeps them (the worker holds the set across resets); so does leaving the chapter.
  await page.click(id('ae-reset'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '0', id('ae-step-count'));
  await steps(page, 'ae', 1);
  assert.equal(await ownPoints(page, 'ae'), 6);
  // (By the menu: going back to the link would apply its settings again, as opening it does.)
  await goChapter(page, 'overview');
  await goChapter(page, 'autoencoder');
  await page.locator(id('ae-data-preview')).waitFor();
  assert.equal(await page.getAttribute(id('ae-data-preview'), 'data-count'), '6');
  assert.equal(await page.inputValue(id('ae-data-mix')), 'own');

  // Forget: no images, the choice back to the digits, a new model needed.
  await page.click(id('ae-data-clear'));
  assert.equal(await page.getAttribute(id('ae-data-preview'), 'data-count'), '0');
  assert.equal(await page.inputValue(id('ae-data-mix')), 'digits');
  assert.equal(await page.locator(id('ae-data-refused')).isHidden(), true);
  await page.click(id('ae-reset'));
  await page.locator(`${id('ae-step')}:not([disabled])`).waitFor({ timeout: 60_000 });
  await steps(page, 'ae', 1);
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-own-points') === '0', id('ae-latent'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('zh: the VAE takes images, mixed with the digits, in Chinese; a restarted worker gets them again', async () => {
  const { context, page, problems } = await open(`?selftest=panic${VAE}`, { locale: 'zh-CN' });
  await page.locator(`${id('vae-step')}:not([disabled])`).waitFor({ timeout: 90_000 });
  assert.equal(await page.textContent(id('vae-data-privacy')), '图片只留在本浏览器中，不会上传。');
  await pick(page, 'vae', [...goodFiles(4), hostileFiles()[0]], 4);
  assert.equal(await page.textContent(id('vae-data-status')), '4 张图片已就绪；留出 1 张用于测试。');
  assert.match(await page.textContent(id('vae-data-refused')), /x\.png: 不是 PNG 或 JPEG 图片。/);
  await trainOnOwn(page, 'vae', 'both');
  await steps(page, 'vae', 2);
  assert.equal(await ownPoints(page, 'vae'), 4);
  await page.locator(id('vae-own-recon')).waitFor();
  assert.match(await page.textContent(id('vae-share-note')), /不带你的图片/);
  await screenshot(page, 'own-images-vae-zh');

  // The worker dies; the chapter's next model (on return) is built on a new worker, which is
  // sent the pictures again first.
  await page.click(id('selftest-panic'));
  await page.locator(id('error-banner')).waitFor({ timeout: 10_000 });
  await appReady(page);
  await goChapter(page, 'overview');
  await goChapter(page, 'vae');
  await page.locator(`${id('vae-step')}:not([disabled])`).waitFor({ timeout: 90_000 });
  await steps(page, 'vae', 1);
  assert.equal(await ownPoints(page, 'vae'), 4, 'the new worker has the pictures');
  assert.deepEqual(problems, []);
  await context.close();
});

test('over the limit: files past 50 MB in all are refused naming the limit, and nothing else is lost', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gradlab-own-'));
  try {
    // Two 26 MB files of zeros: the first fits the limit (and is then refused as no picture),
    // the second would make 52 MB and is refused before it is read.
    const big = Buffer.alloc(26_000_000);
    const paths = [join(dir, 'big1.png'), join(dir, 'big2.png')];
    for (const p of paths) await writeFile(p, big);
    for (const [locale, limit] of [['en-US', /big2\.png: .*52\.0 MB, more than the 50\.0 MB allowed/], ['zh-CN', /big2\.png: .*52\.0 MB，超过了允许的 50\.0 MB/]]) {
      const { context, page, problems } = await open(AE, { locale });
      await pick(page, 'ae', goodFiles(2), 2);
      await page.setInputFiles(id('ae-data-upload'), paths);
      await page.locator(id('ae-data-refused'), { hasText: 'big2.png' }).waitFor({ timeout: 30_000 });
      await page.locator(`${id('ae-data-upload')}:not([disabled])`).waitFor();
      const refused = await page.textContent(id('ae-data-refused'));
      assert.match(refused, limit);
      assert.match(refused, /big1\.png/);
      assert.equal(await page.getAttribute(id('ae-data-preview'), 'data-count'), '2', 'the pictures taken stay');
      // A file dropped on the picker is taken like a picked one.
      await drop(page, 'ae', 'dropped.png', digitPng(3));
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-count') === '3', id('ae-data-preview'));
      assert.deepEqual(problems, []);
      await context.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
