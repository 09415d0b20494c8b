// Trunk's post_build hook: moves Trunk's inline module bootstrap out of index.html into a file of
// its own, so the page runs under `script-src 'self'` with no 'unsafe-inline', no hash and no
// nonce (a hash would change with every build; a nonce needs a server). Trunk 0.21 has no option
// for this (see ../shared/TOOLCHAIN.md).
//
// It fails the build, rather than ship a page the policy would leave blank, if Trunk's output
// has no inline bootstrap or keeps any inline script or inline event handler after the move.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const STAGING = process.env.TRUNK_STAGING_DIR;
if (!STAGING) throw new Error('run by trunk as a post_build hook: TRUNK_STAGING_DIR is unset');
const HTML = join(STAGING, 'index.html');
const BOOTSTRAP = 'gradlab_start.js';

const html = await readFile(HTML, 'utf8');
// An inline script is a <script> without src; Trunk writes exactly one, of type module.
const INLINE = /<script type="module"(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;
const bodies = [...html.matchAll(INLINE)].map((m) => m[1].trim());
if (bodies.length !== 1) {
  throw new Error(`expected Trunk's one inline bootstrap in ${HTML}, found ${bodies.length}`);
}
const page = html.replace(INLINE, `<script type="module" src="./${BOOTSTRAP}"></script>`);

const leftovers = [
  [/<script(?![^>]*\bsrc=)[^>]*>/i, 'an inline <script>'],
  [/\son[a-z]+\s*=/i, 'an inline event handler'],
  [/\sstyle\s*=/i, 'a style attribute'],
  [/(href|src)\s*=\s*"data:/i, 'a data: URL'],
];
for (const [pattern, what] of leftovers) {
  if (pattern.test(page)) throw new Error(`${HTML} still has ${what}: the CSP would block it`);
}
// The page's <meta> policy is the hosts' header policy (_headers) less frame-ancestors, which a
// <meta> policy may not carry: one policy, written twice, checked here so the two cannot drift.
const headers = await readFile(join(STAGING, '_headers'), 'utf8');
const headerPolicy = headers.match(/^\s*Content-Security-Policy:\s*(.+)$/m)?.[1].trim();
const metaPolicy = page.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
const expected = headerPolicy?.replace(/;\s*frame-ancestors[^;]*/, '');
if (!headerPolicy || metaPolicy !== expected) {
  throw new Error(`the <meta> policy ${metaPolicy} is not _headers' ${headerPolicy} less frame-ancestors`);
}
await writeFile(join(STAGING, BOOTSTRAP), `${bodies[0]}\n`);
await writeFile(HTML, page);
