// What a visitor of gradlab feels: smoothness while a model trains, time until the first chapter
// answers, bytes to download, and how fast the Transformer lab learns its default task.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openPage, appReady, recordFrameGaps, numberIn } from '../tests/e2e/harness.mjs';
import { DIST } from './server.mjs';

const id = (t) => `[data-testid="${t}"]`;

/// The autoencoder lab training the seed model; `window(fn)` wraps each measurement window.
/// Returns per-window { p95, max, frames }.
export async function frameGaps(browser, url, { windows, ms, warmupMs, window }) {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${url}#/autoencoder`);
  await appReady(page);
  await page.waitForFunction(
    (sel) => Number.isFinite(Number(document.querySelector(sel)?.textContent)),
    id('ae-test-loss'),
    { timeout: 60_000 },
  );
  await page.click(id('ae-train'));
  await page.waitForSelector(`${id('ae-train')}[aria-pressed="true"]`);
  await page.waitForTimeout(warmupMs);
  const results = [];
  for (let w = 0; w < windows; w++) {
    results.push(
      await window(`frame gaps ${w + 1}`, async () => {
        const stop = await recordFrameGaps(page);
        await page.waitForTimeout(ms);
        return stop();
      }),
    );
  }
  const steps = await numberIn(page, 'ae-step-count');
  await page.click(id('ae-train'));
  await context.close();
  if (!(steps > 0)) throw new Error(`the autoencoder lab did not train (${steps} steps)`);
  return { results, problems };
}

/// Frame gaps on an open gradlab page (bench/systems.mjs) while its workers train the seed
/// autoencoder at batch 256 on `replicas` workers for `ms`: the main thread must stay free
/// while every core trains. Returns { p95, max, frames }.
export async function frameGapsAllCores(gradlab, { replicas, ms }) {
  const stop = await recordFrameGaps(gradlab.page);
  await gradlab.train({ batch: 256, ms, seed: 0, replicas });
  return stop();
}

// Before the app starts: note when the first chapter's navigation is on the page (the app has
// mounted and answers clicks) and when the worker reports ready (the labs can start), in ms since
// navigation start.
const WATCH_STARTUP = () => {
  window.__startup = {};
  new MutationObserver(() => {
    const s = window.__startup;
    if (s.mounted === undefined && document.querySelector('[data-testid="nav-overview"]')) s.mounted = performance.now();
    if (s.worker === undefined && document.querySelector('[data-testid="worker-status"] .worker-dot.ready')) {
      s.worker = performance.now();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
};

/// A cold load (fresh context, empty cache) of the site's front page, from 127.0.0.1.
export async function startup(browser, url) {
  const { context, page, problems } = await openPage(browser);
  await page.addInitScript(WATCH_STARTUP);
  await page.goto(url);
  await appReady(page);
  const times = await page.evaluate(() => window.__startup);
  await context.close();
  return { ...times, problems };
}

async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
}

/// Bytes of dist/, raw and gzip -9, in groups: what one visit loads (page, one worker: the
/// relaxed-SIMD one where the browser has it), all code (both workers), and the data assets.
export async function transferSizes() {
  const files = [];
  for (const path of await filesUnder(DIST)) {
    const body = await readFile(path);
    files.push({ file: relative(DIST, path), raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  const sum = (pick) => {
    const chosen = files.filter((f) => pick(f.file));
    return {
      raw: chosen.reduce((a, f) => a + f.raw, 0),
      gzip: chosen.reduce((a, f) => a + f.gzip, 0),
      files: chosen.length,
    };
  };
  const isAsset = (f) => f.startsWith('assets/');
  return {
    files,
    visit: sum((f) => !isAsset(f) && !/^worker(_loader)?\.|^worker_bg\./.test(f)),
    code: sum((f) => !isAsset(f)),
    assets: sum(isAsset),
    all: sum(() => true),
  };
}

/// The Transformer lab on its default date preset, from a fresh page: train until held-out
/// exact match first shows 95% (or `limitMs`). tokens/s is the lab's own figure, sampled every
/// 250 ms after the first 3 s.
export async function transformerRun(browser, url, { limitMs = 90_000 } = {}) {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${url}#/transformer`);
  await appReady(page);
  await page.waitForFunction(
    (sel) => /%$/.test(document.querySelector(sel)?.textContent ?? ''),
    id('tf-token-acc'),
    { timeout: 60_000 },
  );
  const percent = async (t) => Number((await page.textContent(id(t))).replace('%', ''));
  const t0 = Date.now();
  await page.click(id('tf-train'));
  const tokens = [];
  let reached = null;
  while (Date.now() - t0 < limitMs) {
    await page.waitForTimeout(250);
    if (Date.now() - t0 > 3_000) {
      const t = await numberIn(page, 'tf-throughput');
      if (Number.isFinite(t)) tokens.push(t);
    }
    if ((await percent('tf-exact')) >= 95) {
      const trainTime = Number((await page.textContent(id('tf-train-time'))).replace(/\s*s$/, ''));
      reached = { trainSeconds: trainTime, wallSeconds: (Date.now() - t0) / 1000 };
      break;
    }
  }
  await page.click(id('tf-train'));
  await context.close();
  tokens.sort((a, b) => a - b);
  return {
    tokensPerSec: tokens.length ? tokens[Math.floor(tokens.length / 2)] : NaN,
    secondsTo95: reached?.trainSeconds ?? NaN,
    wallSecondsTo95: reached?.wallSeconds ?? NaN,
    problems,
  };
}
