// The one static file server of the browser tests and the bench, on 127.0.0.1 at a free port.
// It behaves like any plain host: files as they are, no fallback to index.html, no rewriting,
// no compression, no caching headers, so gradlab and TF.js load the same way.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
// The built site: dist/, or the folder GRADLAB_DIST names (a hand-made copy to try a change on
// without rebuilding).
export const DIST = process.env.GRADLAB_DIST ? resolve(process.env.GRADLAB_DIST) : join(ROOT, 'dist');

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

// Rejects, naming the command that makes it, unless every [what, file] pair's file exists.
export async function requireFiles(pairs, note = '') {
  for (const [what, file] of pairs) {
    await stat(file).catch(() => {
      throw new Error(`${file} is missing: run \`${what}\` first${note}`);
    });
  }
}

// The path the browser posts Content-Security-Policy violation reports to (`report-uri`).
export const CSP_REPORT_PATH = '/__csp-report';

// The response headers a static host sends with every file of the site: dist/_headers, the
// file Netlify and Cloudflare Pages read (www/_headers), plus `report-uri` so that a violation
// anywhere, in the page or in a worker, reaches `onCspReport`.
export async function siteHeaders() {
  const text = await readFile(join(DIST, '_headers'), 'utf8');
  const headers = {};
  for (const [, name, value] of text.matchAll(/^\s+([A-Za-z-]+):\s*(.+)$/gm)) {
    headers[name.toLowerCase()] = value.trim();
  }
  if (!headers['content-security-policy']) throw new Error('dist/_headers sets no Content-Security-Policy');
  headers['content-security-policy'] += `; report-uri ${CSP_REPORT_PATH}`;
  return headers;
}

// Serves each folder of `mounts` ([[url prefix, folder, headers?], ...]) under its prefix, with
// its headers; the longest matching prefix wins, and a path under none is a 404. Files whose
// path (relative to their folder) matches the regular expression `slow` come over a slow
// network: 64 KB every 50 ms. A CSP report is passed to `onCspReport` (its JSON body).
// `url` is the address of `base`.
export async function serveFiles(mounts, { slow, base = '/', onCspReport = () => {} } = {}) {
  const byLength = [...mounts].sort(([a], [b]) => b.length - a.length);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (req.method === 'POST' && path === CSP_REPORT_PATH) {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        onCspReport(JSON.parse(body));
      } catch {
        onCspReport({ unreadable: body });
      }
      res.writeHead(204).end();
      return;
    }
    const mount = byLength.find(([prefix]) => path.startsWith(prefix));
    if (!mount) {
      res.writeHead(404).end('not found');
      return;
    }
    const [prefix, dir, headers = {}] = mount;
    let rel = path.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    rel = normalize(rel).replace(/^(\.\.(\/|$))+/, '');
    try {
      const body = await readFile(join(dir, rel));
      res.writeHead(200, {
        ...headers,
        'content-type': TYPES[extname(rel)] ?? 'application/octet-stream',
        'content-length': body.length,
      });
      if (slow?.test(rel)) {
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
  return { url: `http://127.0.0.1:${port}${base}`, close: () => server.close() };
}

// The built site alone, with its headers. `prefix` mounts dist/ under a sub-path ("/gradlab/")
// to prove the site does not assume the root. `headers` maps the site's headers to the ones
// served, to play a host that sends fewer (isolation.test.mjs drops COOP and COEP).
export async function serveDist(prefix = '/', { slow, onCspReport, headers = (h) => h } = {}) {
  await requireFiles([['make build', join(DIST, 'index.html')]]);
  return serveFiles([[prefix, DIST, headers(await siteHeaders())]], { slow, base: prefix, onCspReport });
}
