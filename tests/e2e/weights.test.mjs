// Weights as files (issue 14): each lab's Export downloads a .safetensors file and shows the
// PyTorch script beside it; Import takes the file back bit for bit; a truncated, hostile or
// mismatched file is refused with its reason, in the visitor's language, and the model is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { browserSuite, openPage, screenshot, appReady } from './harness.mjs';

const env = browserSuite();
const id = (t) => `[data-testid="${t}"]`;

// Small models, so that the test trains in seconds.
const LABS = [
  { prefix: 'ae', hash: '#/autoencoder?widths=784-32-2&batch=32&seed=2', runs: /torch\.nn|nn\.Module/ },
  { prefix: 'vae', hash: '#/vae?widths=784-32-2&batch=32&seed=2', runs: /nn\.Module/ },
  {
    prefix: 'tf',
    hash: '#/transformer?task=reversal&enc_layers=1&dec_layers=1&heads=2&d_model=16&d_ff=32&dropout=0&batch=16&seed=4',
    runs: /nn\.Module/,
  },
];

async function open(hash, options = {}) {
  const opened = await openPage(env.browser, options);
  await opened.page.goto(`${env.server.url}${hash}`);
  await appReady(opened.page);
  return opened;
}

// A safetensors file's table (without its metadata) and its data, to compare weights.
function parse(buf) {
  const n = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.subarray(8, 8 + n).toString('utf8'));
  delete header.__metadata__;
  return { header, data: buf.subarray(8 + n) };
}

async function steps(page, prefix, n) {
  const count = id(`${prefix}-step-count`);
  for (let i = 0; i < n; i++) {
    const before = Number(await page.textContent(count));
    await page.click(id(`${prefix}-step`));
    await page.waitForFunction(
      ([sel, b]) => Number(document.querySelector(sel)?.textContent) > b,
      [count, before],
    );
  }
}

// Clicks a button that downloads, and returns the file's name and bytes.
async function downloadOf(page, testid) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(id(testid))]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

async function importFile(page, prefix, name, buffer, expect) {
  await page.setInputFiles(id(`${prefix}-import`), { name, mimeType: 'application/octet-stream', buffer });
  const status = page.locator(id(`${prefix}-import-status`), { hasText: expect });
  await status.waitFor({ timeout: 30_000 });
  return status.textContent();
}

for (const lab of LABS) {
  test(`${lab.prefix}: export gives the weights and a PyTorch script, and import takes them back bit for bit`, async () => {
    const { context, page, problems } = await open(lab.hash);
    const p = lab.prefix;
    await page.locator(`${id(`${p}-export`)}:not([disabled])`).waitFor({ timeout: 90_000 });
    await steps(page, p, 3);
    const first = await downloadOf(page, `${p}-export`);
    assert.match(first.name, /^gradlab-.*\.safetensors$/);
    const a = parse(first.bytes);
    const tensors = Object.keys(a.header).length;
    assert.ok(tensors >= 4, Object.keys(a.header).join());
    assert.ok(Object.values(a.header).every((t) => t.dtype === 'F32'));

    const code = await page.textContent(id(`${p}-export-code`));
    assert.match(code, /import torch/);
    assert.match(code, /load_file/);
    assert.match(code, lab.runs);
    assert.ok(code.includes(first.name), 'the script loads the file it came with');
    const script = await downloadOf(page, `${p}-export-code-download`);
    assert.equal(script.name, first.name.replace(/\.safetensors$/, '.py'));
    assert.equal(script.bytes.toString('utf8'), code);

    // Train on, so the weights differ, then bring the first file back.
    await steps(page, p, 3);
    const later = parse((await downloadOf(page, `${p}-export`)).bytes);
    assert.notDeepEqual(later.data, a.data, 'training changed the weights');
    const said = await importFile(page, p, first.name, first.bytes, /Loaded/);
    assert.ok(said.includes(first.name), said);
    assert.match(said, new RegExp(`${tensors} tensors`));
    const again = parse((await downloadOf(page, `${p}-export`)).bytes);
    assert.deepEqual(again.header, a.header);
    assert.ok(again.data.equals(a.data), 'the imported weights are the exported ones, bit for bit');
    // The lab trains on from them.
    await steps(page, p, 1);
    await screenshot(page, `weights-${p}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// Copies of a good file, each broken one way.
function hostile(good) {
  const n = Number(good.readBigUInt64LE(0));
  const header = good.subarray(8, 8 + n).toString('utf8');
  const hugeHeader = Buffer.alloc(16);
  hugeHeader.writeBigUInt64LE(1n << 40n);
  const nan = Buffer.from(good);
  nan.writeUInt32LE(0x7fc00000, 8 + n); // the first weight of the first tensor in the data
  const dtype = Buffer.from(good);
  dtype.write(header.replace('"F32"', '"I32"'), 8, 'utf8');
  return [
    { name: 'cut.safetensors', buffer: good.subarray(0, 8 + Math.floor(n / 2)), en: /ends after/, zh: /结束/ },
    { name: 'huge.safetensors', buffer: hugeHeader, en: /header of/, zh: /文件头/ },
    { name: 'nan.safetensors', buffer: nan, en: /holds NaN/, zh: /NaN/ },
    { name: 'int.safetensors', buffer: dtype, en: /I32/, zh: /I32/ },
    { name: 'text.safetensors', buffer: Buffer.from('not weights at all'), en: /not loaded/, zh: /未被载入/ },
  ];
}

for (const locale of ['en-US', 'zh-CN']) {
  test(`a truncated, hostile or mismatched file is refused with its reason and the model is kept (${locale})`, async () => {
    const { context, page, problems } = await open('#/autoencoder?widths=784-32-2&batch=32&seed=2', { locale });
    await page.locator(`${id('ae-export')}:not([disabled])`).waitFor({ timeout: 90_000 });
    await steps(page, 'ae', 2);
    const good = await downloadOf(page, 'ae-export');
    const lang = locale === 'en-US' ? 'en' : 'zh';
    for (const file of hostile(good.bytes)) {
      const said = await importFile(page, 'ae', file.name, file.buffer, lang === 'en' ? /not loaded/ : /未被载入/);
      assert.match(said, file[lang], `${file.name}: ${said}`);
      assert.ok(said.includes(file.name), said);
      assert.ok(await page.locator(`${id('ae-import-status')}.bad`).isVisible());
    }
    // Weights from another model: named by tensor and shape.
    const { context: other, page: vaePage } = await open('#/autoencoder?widths=784-16-2&batch=32&seed=2');
    await vaePage.locator(`${id('ae-export')}:not([disabled])`).waitFor({ timeout: 90_000 });
    const mismatched = await downloadOf(vaePage, 'ae-export');
    await other.close();
    const said = await importFile(page, 'ae', mismatched.name, mismatched.bytes, /not loaded|未被载入/);
    assert.match(said, /\[32, 784\]/);
    assert.match(said, /\[16, 784\]/);
    await screenshot(page, `weights-refused-${locale}`);
    // Nothing was written: the model exports what it had.
    const kept = await downloadOf(page, 'ae-export');
    assert.ok(parse(kept.bytes).data.equals(parse(good.bytes).data), 'the model was kept');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
