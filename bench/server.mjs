// What the bench serves, through the tests' static server (tests/e2e/server.mjs) on
// 127.0.0.1: the built site (dist/) at the root with its own headers, and the TF.js page with TF.js's own files from
// bench/node_modules under /bench/. Both systems load the same way.
import { join, resolve } from 'node:path';
import { ROOT, DIST, requireFiles, serveFiles, siteHeaders } from '../tests/e2e/server.mjs';

export { ROOT, DIST };
export const BENCH = resolve(new URL('.', import.meta.url).pathname);
const TFJS = join(BENCH, 'node_modules/@tensorflow');

const TFJS_MOUNTS = [
  ['/bench/tfjs-wasm/', join(TFJS, 'tfjs-backend-wasm/dist')],
  ['/bench/tfjs/', join(TFJS, 'tfjs/dist')],
  ['/bench/', join(BENCH, 'www')],
];

export async function serve() {
  await requireFiles([
    ['make build', join(DIST, 'index.html')],
    ['npm ci --prefix bench', join(TFJS, 'tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')],
  ], ' (make bench does both)');
  // gradlab is measured as it ships: under its own headers, the strict policy among them.
  return serveFiles([...TFJS_MOUNTS, ['/', DIST, await siteHeaders()]]);
}
