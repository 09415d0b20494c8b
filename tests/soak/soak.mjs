// `make soak`: the autoencoder, the VAE and the Transformer train in turn in headless Chromium
// for SOAK_MINUTES (30), a minute each before the next takes over, as a class would leave a
// projector running. Every 10 s it samples the worker's wasm memory (reported by the liveness
// ping), the page's JS heap (the objects of a heap snapshot, without V8's compiled code, whose
// tiering and flushing swing ±10%: heap.mjs) and the frame gaps. It passes when both memories
// stay within ±5% of their mean over the last two thirds of the run (the last 20 minutes of
// 30), every 10-s window's frame-gap p95 is under 20 ms, and no error appears: no console
// error, failed request, policy violation or banner. The snapshot is taken between frame-gap
// windows, so its pause is not counted as a frame gap.
// Results: a table on stdout and target/soak/latest.json. Not part of `make test` (30 minutes).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDist, launch, openPage, appReady, recordFrameGaps, ROOT } from '../e2e/harness.mjs';
import { heapByKind, pageObjectBytes } from './heap.mjs';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const SAMPLE_MS = 10_000;
const TURN_MS = 60_000;
const FLAT = 0.05;
const P95_MS = 20;
const LABS = [
  { chapter: 'autoencoder', train: 'ae-train', step: 'ae-step-count' },
  { chapter: 'vae', train: 'vae-train', step: 'vae-step-count' },
  { chapter: 'transformer', train: 'tf-train', step: 'tf-step-count' },
];
const id = (t) => `[data-testid="${t}"]`;

const server = await serveDist('/');
const browser = await launch();
const { context, page, problems } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
const cdp = await context.newCDPSession(page);
await page.goto(`${server.url}#/autoencoder`);
await appReady(page);

// Shows `lab`'s chapter and makes sure it trains (starting a lab pauses the one before).
async function train(lab) {
  await page.click(id(`nav-${lab.chapter}`));
  const button = page.locator(id(lab.train));
  await button.waitFor();
  // Locators, not page.waitForSelector: that returns an element handle, which keeps the
  // element (and with it the whole chapter, once left) alive until disposed: a leak of the
  // soak's own making, measured at about 2 KB a minute of the page's JS objects.
  await page.locator(`${id(lab.train)}:not([disabled])`).waitFor({ timeout: 120_000 });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await page.locator(`${id(lab.train)}[aria-pressed="true"]`).waitFor({ timeout: 30_000 });
}

async function sample(t0, lab) {
  const byKind = await heapByKind(cdp);
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = Number(await page.getAttribute(id('worker-status'), 'data-memory-bytes'));
  const steps = Number((await page.textContent(id(lab.step)))?.replace(/,/g, ''));
  const banner = await page.locator(id('error-banner')).count();
  return {
    minute: (Date.now() - t0) / 60_000,
    lab: lab.chapter,
    steps,
    wasm,
    jsHeap: pageObjectBytes(byKind),
    jsCode: byKind.code ?? 0,
    jsUsed: usedSize,
    banner,
  };
}

const samples = [];
const t0 = Date.now();
let turn = -1;
while (Date.now() - t0 < MINUTES * 60_000) {
  const due = Math.floor((Date.now() - t0) / TURN_MS);
  if (due !== turn) {
    turn = due;
    await train(LABS[turn % LABS.length]);
  }
  const stop = await recordFrameGaps(page);
  await page.waitForTimeout(SAMPLE_MS);
  const gaps = await stop();
  const s = { ...(await sample(t0, LABS[turn % LABS.length])), p95: gaps.p95, maxGap: gaps.max };
  samples.push(s);
  console.log(
    `${s.minute.toFixed(1).padStart(5)} min  ${s.lab.padEnd(11)} step ${String(s.steps).padStart(7)}  ` +
      `wasm ${(s.wasm / 1e6).toFixed(1)} MB  JS objects ${(s.jsHeap / 1e6).toFixed(3)} MB  ` +
      `(code ${(s.jsCode / 1e6).toFixed(3)}, used ${(s.jsUsed / 1e6).toFixed(2)})  p95 ${s.p95.toFixed(1)} ms`,
  );
}
await browser.close();
server.close();

// The verdict.
const late = samples.filter((s) => s.minute >= MINUTES / 3);
function spread(key) {
  const values = late.map((s) => s[key]);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const worst = Math.max(...values.map((v) => Math.abs(v / mean - 1)));
  return { mean, min: Math.min(...values), max: Math.max(...values), worst };
}
const wasm = spread('wasm');
const jsHeap = spread('jsHeap');
const jsUsed = spread('jsUsed');
const worstP95 = Math.max(...samples.map((s) => s.p95));
const stepsPerLab = Object.fromEntries(
  LABS.map((l) => [l.chapter, Math.max(0, ...samples.filter((s) => s.lab === l.chapter).map((s) => s.steps))]),
);
const failures = [
  ...(late.length >= 3 ? [] : [`too few samples (${late.length}) to judge`]),
  ...(samples.every((s) => s.wasm > 0) ? [] : ['a sample had no worker memory reading (data-memory-bytes)']),
  ...(wasm.worst <= FLAT ? [] : [`worker memory moved ${(wasm.worst * 100).toFixed(1)}% from its mean`]),
  ...(jsHeap.worst <= FLAT ? [] : [`page JS objects moved ${(jsHeap.worst * 100).toFixed(1)}% from their mean`]),
  ...(worstP95 < P95_MS ? [] : [`a window's frame-gap p95 was ${worstP95.toFixed(1)} ms`]),
  ...(samples.some((s) => s.banner) ? ['an error banner appeared'] : []),
  ...problems,
  ...Object.entries(stepsPerLab).filter(([, n]) => !(n > 0)).map(([lab]) => `${lab} never trained`),
];
const result = {
  date: new Date().toISOString(),
  minutes: MINUTES,
  browser: browser.version(),
  wasmMB: { mean: wasm.mean / 1e6, min: wasm.min / 1e6, max: wasm.max / 1e6, worstPercent: wasm.worst * 100 },
  jsObjectsMB: { mean: jsHeap.mean / 1e6, min: jsHeap.min / 1e6, max: jsHeap.max / 1e6, worstPercent: jsHeap.worst * 100 },
  // Not judged: the used size with compiled code, for comparison with earlier runs.
  jsUsedMB: { mean: jsUsed.mean / 1e6, min: jsUsed.min / 1e6, max: jsUsed.max / 1e6, worstPercent: jsUsed.worst * 100 },
  worstWindowP95Ms: worstP95,
  stepsPerLab,
  failures,
  samples,
};
await mkdir(join(ROOT, 'target', 'soak'), { recursive: true });
await writeFile(join(ROOT, 'target', 'soak', 'latest.json'), JSON.stringify(result, null, 2));
console.log(
  `\nsoak, ${MINUTES} min (the last ${(MINUTES * 2 / 3).toFixed(0)} judged): ` +
    `worker wasm ${(wasm.min / 1e6).toFixed(1)}–${(wasm.max / 1e6).toFixed(1)} MB (±${(wasm.worst * 100).toFixed(1)}%), ` +
    `page JS objects ${(jsHeap.min / 1e6).toFixed(3)}–${(jsHeap.max / 1e6).toFixed(3)} MB (±${(jsHeap.worst * 100).toFixed(1)}%), ` +
    `(used heap with code ${(jsUsed.min / 1e6).toFixed(2)}–${(jsUsed.max / 1e6).toFixed(2)} MB, not judged), ` +
    `worst frame-gap p95 ${worstP95.toFixed(1)} ms; steps ${JSON.stringify(stepsPerLab)}`,
);
if (failures.length) {
  console.error(`soak FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('soak passed');
