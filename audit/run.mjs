// `make audit`: Lighthouse 13.5.0 against the built site in Debian's Chromium, every chapter in
// English and Chinese, as a 1280 px desktop window (performance, accessibility, best practices,
// SEO) and a 390 px phone (accessibility). Prints one table, writes it as JSON, and fails unless
// every accessibility score is at least 95. Lighthouse is audit/'s own npm dependency: it never
// ships.
//
// Settings (environment):
//   AUDIT_CHAPTERS  comma-separated slugs to audit                 default every chapter
//   AUDIT_OUT       the JSON file                                   default target/audit/latest.json
//   CHROMIUM        the browser                                     default /usr/bin/chromium
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import lighthouse, { desktopConfig } from 'lighthouse';
// Lighthouse's own launcher and driver, pinned in package.json at the versions it brings:
// puppeteer-core gives the tab Lighthouse audits, so that the page's language and its console
// can be read beside the audit.
import { launch } from 'chrome-launcher';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { ROOT, serveDist } from '../tests/e2e/server.mjs';

const MIN_ACCESSIBILITY = 95;
// Chapter::ALL in src/routes.rs, in reading order.
const ALL_CHAPTERS = ['overview', 'history', 'autoencoder', 'vae', 'attention', 'transformer', 'finetune', 'performance', 'applications', 'references'];
const CHAPTERS = process.env.AUDIT_CHAPTERS ? process.env.AUDIT_CHAPTERS.split(',') : ALL_CHAPTERS;
for (const slug of CHAPTERS) if (!ALL_CHAPTERS.includes(slug)) throw new Error(`AUDIT_CHAPTERS: no chapter ${slug}`);
const OUT = resolve(ROOT, process.env.AUDIT_OUT || 'target/audit/latest.json');

// The page speaks the first of the browser's languages that it knows (src/app/lang.rs), so
// each language gets a browser of its own started in that language, as a visitor's would be.
// `htmlLang` is what the page must then put on <html>: proof that it really spoke it.
const LANGS = [
  { name: 'en', locale: 'en-US', htmlLang: 'en' },
  { name: 'zh', locale: 'zh-CN', htmlLang: 'zh-CN' },
];
// Desktop starts from Lighthouse's desktop preset (its user agent and no touch), the phone
// from the default mobile one; both at the e2e tests' window sizes. Performance is measured
// unthrottled from 127.0.0.1, so it weighs the page's own work, not a network.
const FORMS = [
  {
    name: 'desktop',
    config: desktopConfig,
    categories: ['performance', 'accessibility', 'best-practices', 'seo'],
    screenEmulation: { mobile: false, width: 1280, height: 900, deviceScaleFactor: 1, disabled: false },
  },
  {
    name: 'mobile',
    config: { extends: 'lighthouse:default' },
    categories: ['accessibility'],
    screenEmulation: { mobile: true, width: 390, height: 844, deviceScaleFactor: 3, disabled: false },
  },
];

const started = Date.now();
const loadavgAtStart = loadavg();
const say = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

// A policy violation reaches the server, not the page: it is charged to the page being audited.
let current = null;
const server = await serveDist('/', {
  onCspReport: (report) => {
    const r = report['csp-report'] ?? report;
    current?.problems.push(`CSP violation: ${r['violated-directive'] ?? r['effective-directive']} blocked ${r['blocked-uri']}`);
  },
});
const origin = new URL(server.url).origin;

// One Lighthouse navigation of `url` in a fresh browser context, as a first visit (a lab
// stores its model in IndexedDB, which would otherwise carry over to the next page), with the
// page's own console errors, uncaught exceptions and any request off the site's origin.
async function audit(browser, slug, form) {
  const url = `${server.url}#/${slug}`;
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const problems = [];
  current = { problems };
  page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (/^https?:$/.test(u.protocol) && u.origin !== origin) problems.push(`request off the origin: ${r.url()}`);
  });
  const settings = {
    onlyCategories: form.categories,
    formFactor: form.name,
    screenEmulation: form.screenEmulation,
    // No simulated network or CPU: quick, and nothing modelled. (Lighthouse then waits for
    // 5.25 s of quiet after the load before it looks, so a lab's first model is built.)
    throttlingMethod: 'provided',
    disableFullPageScreenshot: true,
    locale: 'en-US', // the report's words, not the page's
  };
  const config = { ...form.config, settings: { ...form.config.settings, ...settings } };
  const { lhr } = await lighthouse(url, { logLevel: 'error' }, config, page);
  // The tab still shows the audited page: check it is the chapter, in the language asked for.
  const seen = await page.evaluate((slug) => ({
    lang: document.documentElement.lang,
    chapter: Boolean(document.querySelector(`[data-testid="chapter-${slug}"]`)),
    workerReady: Boolean(document.querySelector('[data-testid="worker-status"] .worker-dot.ready')),
  }), slug);
  await context.close();
  current = null;
  if (lhr.runtimeError) problems.push(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  problems.push(...lhr.runWarnings.map((w) => `Lighthouse warning: ${w}`));
  return { url, lhr, seen, problems };
}

// Each audit of the accessibility category that did not pass, with the elements it names.
function failedAccessibility(lhr) {
  return lhr.categories.accessibility.auditRefs
    .map((ref) => lhr.audits[ref.id])
    // Manual, informative and not-applicable audits have no score; an audit that broke has none either.
    .filter((a) => (a.score === null ? a.scoreDisplayMode === 'error' : a.score < 1))
    .map((a) => ({
      id: a.id,
      title: a.title,
      elements: (a.details?.items ?? []).map((i) => i.node).filter(Boolean).map((n) => ({ selector: n.selector, snippet: n.snippet, label: n.nodeLabel })),
    }));
}

// The figures behind the performance score, in milliseconds (CLS has no unit).
const METRICS = { fcp: 'first-contentful-paint', lcp: 'largest-contentful-paint', tbt: 'total-blocking-time', cls: 'cumulative-layout-shift', si: 'speed-index' };
const metrics = (lhr) => Object.fromEntries(Object.entries(METRICS).map(([k, id]) => [k, lhr.audits[id]?.numericValue == null ? null : Number(lhr.audits[id].numericValue.toFixed(k === 'cls' ? 4 : 0))]));

const pages = [];
let chromeVersion = '';
let lighthouseVersion = '';
const failedToMeasure = [];
try {
  for (const lang of LANGS) {
    const chrome = await launch({
      chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      chromeFlags: [...CHROMIUM_ARGS, '--headless=new', `--lang=${lang.locale}`, `--accept-lang=${lang.locale}`],
    });
    // Lighthouse sets its own window size per run: puppeteer must not impose one.
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
    chromeVersion = await browser.version();
    try {
      for (const slug of CHAPTERS) {
        for (const form of FORMS) {
          const t0 = Date.now();
          const { url, lhr, seen, problems } = await audit(browser, slug, form);
          lighthouseVersion = lhr.lighthouseVersion;
          const scores = Object.fromEntries(form.categories.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100)]));
          const entry = {
            chapter: slug, lang: lang.name, form: form.name, url, scores,
            metrics: lhr.categories.performance ? metrics(lhr) : undefined,
            failedAccessibility: failedAccessibility(lhr),
            htmlLang: seen.lang, workerReady: seen.workerReady, problems,
            seconds: Math.round((Date.now() - t0) / 1000),
          };
          if (seen.lang !== lang.htmlLang) failedToMeasure.push(`#/${slug} ${lang.name} ${form.name}: <html lang="${seen.lang}">, expected "${lang.htmlLang}"`);
          if (!seen.chapter) failedToMeasure.push(`#/${slug} ${lang.name} ${form.name}: the chapter was not on the page`);
          pages.push(entry);
          say(`#/${slug} ${lang.name} ${form.name}: ${Object.entries(scores).map(([c, s]) => `${c} ${s}`).join(', ')} (${entry.seconds} s)${problems.length ? `; ${problems.length} problem(s)` : ''}`);
        }
      }
    } finally {
      await browser.disconnect();
      chrome.kill();
    }
  }
} finally {
  server.close();
}

// The table: one row per chapter and language, a column per form factor and category.
const columns = FORMS.flatMap((f) => f.categories.map((c) => [f.name, c]));
const short = { accessibility: 'a11y', 'best-practices': 'best', seo: 'seo', performance: 'perf' };
const head = ['chapter', 'lang', ...columns.map(([f, c]) => `${f} ${short[c]}`)];
const rows = [];
for (const slug of CHAPTERS) {
  for (const lang of LANGS) {
    rows.push([slug, lang.name, ...columns.map(([f, c]) => String(pages.find((p) => p.chapter === slug && p.lang === lang.name && p.form === f)?.scores[c] ?? '-'))]);
  }
}
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
console.log(`\nLighthouse ${lighthouseVersion} in ${chromeVersion}`);
for (const r of [head, ...rows]) console.log(r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));

const range = (list) => (list.length ? [Math.min(...list), Math.max(...list)] : null);
const result = {
  date: new Date().toISOString(),
  command: 'make audit',
  lighthouse: lighthouseVersion,
  chromium: chromeVersion,
  minAccessibility: MIN_ACCESSIBILITY,
  seconds: Math.round((Date.now() - started) / 1000),
  // Performance is timed on a shared 2-core machine: how busy it was says how far to trust it.
  loadavg: { atStart: loadavgAtStart, atEnd: loadavg() },
  ranges: Object.fromEntries(FORMS.map((f) => [f.name, Object.fromEntries(f.categories.map((c) => [c, range(pages.filter((p) => p.form === f.name && p.scores[c] != null).map((p) => p.scores[c]))]))])),
  pages,
};
await mkdir(dirname(OUT), { recursive: true });
await writeFile(OUT, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nwritten: ${OUT.replace(`${ROOT}/`, '')} (${result.seconds} s)`);

const problems = pages.flatMap((p) => p.problems.map((line) => `#/${p.chapter} ${p.lang} ${p.form}: ${line}`));
if (problems.length) console.log(`\nseen while auditing:\n  ${problems.join('\n  ')}`);
const low = pages.filter((p) => !(p.scores.accessibility >= MIN_ACCESSIBILITY));
for (const p of low) {
  console.error(`\n#/${p.chapter} ${p.lang} ${p.form}: accessibility ${p.scores.accessibility}, below ${MIN_ACCESSIBILITY}`);
  for (const a of p.failedAccessibility) {
    console.error(`  ${a.id}: ${a.title}`);
    for (const e of a.elements) console.error(`    ${e.selector}  ${e.snippet}`);
  }
}
if (failedToMeasure.length) console.error(`\nnot measured as asked:\n  ${failedToMeasure.join('\n  ')}`);
if (low.length || failedToMeasure.length) process.exit(1);
