// One static server on 127.0.0.1 for both systems: the built site (dist/) at the root, and the
// TF.js page with TF.js's own files from bench/node_modules under /bench/. Plain files, no
// compression, no caching headers: both systems load the same way.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

export const BENCH = resolve(new URL('.', import.meta.url).pathname);
export const ROOT = resolve(BENCH, '..');
export const DIST = join(ROOT, 'dist');
const TFJS = join(BENCH, 'node_modules/@tensorflow');

// Longest prefix first.
const MOUNTS = [
  ['/bench/tfjs-wasm/', join(TFJS, 'tfjs-backend-wasm/dist')],
  ['/bench/tfjs/', join(TFJS, 'tfjs/dist')],
  ['/bench/', join(BENCH, 'www')],
  ['/', DIST],
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.gz': 'application/gzip',
};

export async function serve() {
  for (const [what, file] of [
    ['make build', join(DIST, 'index.html')],
    ['npm ci --prefix bench', join(TFJS, 'tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')],
  ]) {
    await stat(file).catch(() => {
      throw new Error(`${file} is missing: run \`${what}\` first (make bench does both)`);
    });
  }
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [prefix, dir] = MOUNTS.find(([p]) => path.startsWith(p));
    let rel = path.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    rel = normalize(rel).replace(/^(\.\.(\/|$))+/, '');
    try {
      const body = await readFile(join(dir, rel));
      res.writeHead(200, {
        'content-type': TYPES[extname(rel)] ?? 'application/octet-stream',
        'content-length': body.length,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
