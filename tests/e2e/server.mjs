// The one static file server of the browser tests and the bench, on 127.0.0.1 at a free port.
// It behaves like any plain host: files as they are, no fallback to index.html, no rewriting,
// no compression, no caching headers, so gradlab and TF.js load the same way.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const DIST = join(ROOT, 'dist');

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

// Serves each folder of `mounts` ([[url prefix, folder], ...]) under its prefix; the longest
// matching prefix wins, and a path under none is a 404. Files whose path (relative to their
// folder) matches the regular expression `slow` come over a slow network: 64 KB every 50 ms.
// `url` is the address of `base`.
export async function serveFiles(mounts, { slow, base = '/' } = {}) {
  const byLength = [...mounts].sort(([a], [b]) => b.length - a.length);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const mount = byLength.find(([prefix]) => path.startsWith(prefix));
    if (!mount) {
      res.writeHead(404).end('not found');
      return;
    }
    const [prefix, dir] = mount;
    let rel = path.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    rel = normalize(rel).replace(/^(\.\.(\/|$))+/, '');
    try {
      const body = await readFile(join(dir, rel));
      res.writeHead(200, {
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

// The built site alone. `prefix` mounts dist/ under a sub-path ("/gradlab/") to prove the site
// does not assume the root.
export async function serveDist(prefix = '/', { slow } = {}) {
  await requireFiles([['make build', join(DIST, 'index.html')]]);
  return serveFiles([[prefix, DIST]], { slow, base: prefix });
}
