// The page's JS heap as a heap snapshot sees it (CDP HeapProfiler), summed by node type.
//
// Why a snapshot and not `Runtime.getHeapUsage`: the used size counts V8's compiled code, which
// grows as functions tier up and shrinks as bytecode is flushed (±10% of a 3 MB heap within
// minutes, measured), and whatever the page allocated between the forced GC and the reading.
// A snapshot is taken atomically after its own GC and names each node's kind, so the objects the
// page itself holds can be judged apart from the engine's caches.

// The kinds the page's own code creates and keeps. Left out: `code` (V8's compiled functions),
// `native` (Blink's and V8's C++ objects, among them the wasm memories, measured separately) and
// `synthetic` (the snapshot's own roots).
const ENGINE_KINDS = new Set(['code', 'native', 'synthetic']);

// Bytes by node type after a garbage collection: { string: 776000, array: …, code: …, … }.
export async function heapByKind(cdp) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
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
  return bytes;
}

// The bytes of the kinds the page's code holds (all but the engine's).
export function pageObjectBytes(byKind) {
  return Object.entries(byKind)
    .filter(([kind]) => !ENGINE_KINDS.has(kind))
    .reduce((sum, [, bytes]) => sum + bytes, 0);
}
