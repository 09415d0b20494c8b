// Shared pieces of the browser tests: the static server for dist/ (server.mjs), Debian's
// Chromium driven by playwright-core, and a page wrapper that records every console error and
// failed request.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { ROOT, DIST, serveDist as serveSite } from './server.mjs';

export { ROOT, DIST };

// Every open page's problem list: a Content-Security-Policy report reaches the server, not a
// page, so each report is added to the list of every page open at the time.
const openProblemLists = new Set();

// The built site, served with its real headers (the strict policy among them); any policy
// violation, from the page or from a worker, becomes a problem of every open page.
export function serveDist(prefix = '/', options = {}) {
  const onCspReport = (report) => {
    const r = report['csp-report'] ?? report;
    const line = `CSP violation: ${r['violated-directive'] ?? r['effective-directive']} blocked ${r['blocked-uri']} in ${r['document-uri']}`;
    for (const problems of openProblemLists) problems.push(line);
  };
  return serveSite(prefix, { ...options, onCspReport });
}

// The site as a host that cannot send COOP and COEP serves it (GitHub Pages sends neither):
// every other header stays, the policy among them, so a violation still reaches the test.
const ISOLATION_HEADERS = ['cross-origin-opener-policy', 'cross-origin-embedder-policy'];
export function serveDistUnisolated(prefix = '/') {
  const headers = (h) => Object.fromEntries(Object.entries(h).filter(([name]) => !ISOLATION_HEADERS.includes(name)));
  return serveDist(prefix, { headers });
}

export const SHOTS = join(ROOT, 'target', 'e2e');

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
// from its workers. `serviceWorkers: 'block'` plays a browser without service workers
// (Playwright then answers every registration with a console warning of its own).
export async function openPage(
  browser,
  { locale = 'en-US', viewport = { width: 1280, height: 900 }, hasTouch = false, serviceWorkers = 'allow' } = {},
) {
  const context = await browser.newContext({ locale, viewport, hasTouch, serviceWorkers });
  const problems = [];
  openProblemLists.add(problems);
  context.on('close', () => openProblemLists.delete(problems));
  // The page's own view of a violation, as soon as it happens (the report above may come later).
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`),
    ),
  );
  const page = await context.newPage();
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
  // Attached, not visible: on a phone the chapter links are folded into the menu.
  await page.locator('[data-testid="nav-overview"]').waitFor({ state: 'attached' });
  await page.locator('[data-testid="worker-status"] .worker-dot.ready').waitFor({ timeout: 30_000 });
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

// Clicks the run button `testid` and times, in the page, until the worker's answer turns it
// to `pressed` (aria-pressed): the latency of Start ("true") or Pause ("false"), in ms.
export async function toggleAnswered(page, testid, pressed) {
  return page.evaluate(
    ([sel, want]) =>
      new Promise((done, fail) => {
        const button = document.querySelector(sel);
        // Clicked in the state it should reach, the button would go the other way and the
        // wait below would never end: say so at once.
        if (button.getAttribute('aria-pressed') === want) {
          fail(new Error(`${sel} is already aria-pressed=${want}`));
          return;
        }
        const t0 = performance.now();
        new MutationObserver(() => {
          if (button.getAttribute('aria-pressed') === want) done(performance.now() - t0);
        }).observe(button, { attributes: true });
        setTimeout(() => fail(new Error(`${sel}: no answer within 10 s`)), 10_000);
        button.click();
      }),
    [`[data-testid="${testid}"]`, String(pressed)],
  );
}

// The latency of Pause on the run button of a running lab, in milliseconds.
export async function pauseAnswered(page, testid) {
  return toggleAnswered(page, testid, false);
}

// How many pixels the page is wider than the window: 0 or less when nothing scrolls sideways.
export async function sideScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
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

// Goes to a chapter through the nav as a visitor would: on a phone the chapters are a menu
// (`nav-menu`), opened first.
export async function goChapter(page, slug) {
  const menu = page.locator('[data-testid="nav-menu"]');
  if (await menu.isVisible()) {
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  }
  await page.click(`[data-testid="nav-${slug}"]`);
  // The click only changes the hash: wait for the chapter itself, so that a caller reading its
  // figures straight away does not read the chapter it left (CI once read an empty table so).
  await page.waitForSelector(`[data-testid="chapter-${slug}"]`);
}
