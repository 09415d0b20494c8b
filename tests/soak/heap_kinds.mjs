// What the page's JS heap holds, by kind, while the autoencoder trains: four heap snapshots
// (CDP HeapProfiler) 20 s, 100 s, 180 s and 260 s into training, each summed by node type
// (strings, arrays, closures, objects, compiled code, native), in KB. Growth in the JS kinds
// would be a leak; the code kind moves as V8 tiers functions up and flushes them, and the soak's
// JS-heap figure includes both (README, Soak). Run after `make build`:
//   node tests/soak/heap_kinds.mjs
import { serveDist, launch, openPage, appReady } from '../e2e/harness.mjs';

const server = await serveDist('/');
const browser = await launch();
const { context, page } = await openPage(browser);
const cdp = await context.newCDPSession(page);
await page.goto(`${server.url}#/autoencoder`);
await appReady(page);
await page.waitForSelector('[data-testid="ae-train"]:not([disabled])', { timeout: 60_000 });
await page.click('[data-testid="ae-train"]');

// One snapshot after a garbage collection, summed by node type: { type: KB }.
async function kinds() {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const { snapshot, nodes } = JSON.parse(chunks.join(''));
  const fields = snapshot.meta.node_fields;
  const typeNames = snapshot.meta.node_types[0];
  const [type, size] = [fields.indexOf('type'), fields.indexOf('self_size')];
  const bytes = {};
  for (let i = 0; i < nodes.length; i += fields.length) {
    const kind = typeNames[nodes[i + type]];
    bytes[kind] = (bytes[kind] ?? 0) + nodes[i + size];
  }
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
