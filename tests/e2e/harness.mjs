// Shared pieces of the browser tests: a static server for dist/, Debian's Chromium driven by
// playwright-core, and a page wrapper that records every console error and failed request.
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const DIST = join(ROOT, 'dist');
export const SHOTS = join(ROOT, 'target', 'e2e');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.gz': 'application/gzip',
  '.bin': 'application/octet-stream',
};

// A plain static server, like any host: no fallback to index.html, no rewriting. `prefix`
// mounts dist/ under a sub-path ("/gradlab/") to prove the site does not assume the root.
export async function serveDist(prefix = '/', { slow } = {}) {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: run `make build` first');
  });
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = path.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    rel = normalize(rel).replace(/^(\.\.(\/|$))+/, '');
    try {
      const body = await readFile(join(DIST, rel));
      res.writeHead(200, {
        'content-type': TYPES[extname(rel)] ?? 'application/octet-stream',
        'content-length': body.length,
      });
      if (slow?.test(rel)) {
        // A slow network for this file: 64 KB every 50 ms.
        for (let at = 0; at < body.length; at += 65_536) {
          res.write(body.subarray(at, at + 65_536));
          await new Promise((ok) => setTimeout(ok, 50));
        }
        res.end();
      } else {
        res.end(body);
      }
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => server.close() };
}

// The flags this machine needs: without the background-networking ones Chromium keeps trying
// hosts it cannot reach, and reports every refusal.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

// A page in a fresh context whose browser language is `locale`. `problems` collects console
// errors and warnings, uncaught exceptions and failed or 4xx/5xx requests, from the page and
// from its workers.
export async function openPage(browser, { locale = 'en-US', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const problems = [];
  const onConsole = (where) => (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      problems.push(`${where} console.${msg.type()}: ${msg.text()}`);
    }
  };
  page.on('console', onConsole('page'));
  page.on('worker', (w) => w.on('console', onConsole('worker')));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A reload or a navigation cancels the requests in flight (the MNIST file, when a lab
    // chapter is reloaded while it downloads): the browser's doing, not a failure of the site.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { context, page, problems };
}

export async function screenshot(page, name) {
  await mkdir(SHOTS, { recursive: true });
  // From the top, so the sticky header sits where a visitor sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

// Waits until the app has mounted and the worker reports ready.
export async function appReady(page) {
  await page.waitForSelector('[data-testid="nav-overview"]');
  await page.waitForSelector('[data-testid="worker-status"] .worker-dot.ready', { timeout: 30_000 });
}

// Records the gaps between animation frames on the main thread until `stop()` is awaited;
// returns { frames, p95, max } in milliseconds. A frame gap is what a visitor feels as jank.
export async function recordFrameGaps(page) {
  await page.evaluate(() => {
    const gaps = [];
    let last = performance.now();
    let on = true;
    const tick = (t) => {
      gaps.push(t - last);
      last = t;
      if (on) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
    window.__frameGaps = { gaps, stop: () => (on = false) };
  });
  return async () =>
    page.evaluate(() => {
      const { gaps, stop } = window.__frameGaps;
      stop();
      const sorted = [...gaps].sort((a, b) => a - b);
      const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
      return { frames: gaps.length, p95, max: sorted[sorted.length - 1] ?? 0 };
    });
}

// The number shown in an element, or NaN.
export async function numberIn(page, testid) {
  const text = await page.textContent(`[data-testid="${testid}"]`);
  return Number((text ?? '').replace(/,/g, ''));
}

// The hooks every browser-test file starts with: one static server for dist/ and one Chromium,
// shared by the file's tests and closed after them. Read `.server` and `.browser` inside tests.
export function browserSuite(prefix = '/') {
  const env = {};
  before(async () => {
    env.server = await serveDist(prefix);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}
