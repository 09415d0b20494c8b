// What the page's JS heap holds, by kind, while the autoencoder trains: four heap snapshots
// (CDP HeapProfiler) 20 s, 100 s, 180 s and 260 s into training, each summed by node type
// (strings, arrays, closures, objects, compiled code, native), in KB. Growth in the JS kinds
// would be a leak; the code kind moves as V8 tiers functions up and flushes them, which is why
// the soak judges the page's objects without it (heap.mjs). Run after `make build`:
//   node tests/soak/heap_kinds.mjs
import { serveDist, launch, openPage, appReady } from '../e2e/harness.mjs';
import { heapByKind } from './heap.mjs';

const server = await serveDist('/');
const browser = await launch();
const { context, page } = await openPage(browser);
const cdp = await context.newCDPSession(page);
await page.goto(`${server.url}#/autoencoder`);
await appReady(page);
await page.locator('[data-testid="ae-train"]:not([disabled])').waitFor({ timeout: 60_000 });
await page.click('[data-testid="ae-train"]');

// One snapshot summed by node type, in KB.
async function kinds() {
  const bytes = await heapByKind(cdp);
  return Object.fromEntries(Object.entries(bytes).map(([k, v]) => [k, Math.round(v / 1e3)]));
}

for (const wait of [20_000, 80_000, 80_000, 80_000]) {
  await page.waitForTimeout(wait);
  const byKind = await kinds();
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  console.log(`used ${Math.round(usedSize / 1e3)} KB  ${JSON.stringify(byKind)}`);
}
await browser.close();
server.close();
