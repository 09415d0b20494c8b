// The one table `make bench` prints, the issue's targets judged against it, and the smoke check.
import { fmt, fmtRange } from './stats.mjs';

const KB = (bytes) => `${fmt(bytes / 1024)} KB`;
const pct = (x) => `${fmt(100 * x)}%`;
const times = (x) => `${fmt(x, x < 10 ? 1 : 0)}×`;

// The table's systems, in order, with their column titles; absent ones are left out.
const COLUMNS = [
  ['gradlab', 'gradlab 1 worker'],
  ['gradlabAll', 'gradlab all cores'],
  ['tfjsWasm', 'TF.js wasm'],
  ['tfjsCpu', 'TF.js cpu'],
  ['torch1', 'PyTorch 1 thread'],
  ['torchAll', 'PyTorch all threads'],
];
const columns = (r) => COLUMNS.filter(([key]) => r.train[32]?.[key]);

function rows(r) {
  const out = [];
  const cols = columns(r);
  // A figure of gradlab alone: its value under the first column, the note last.
  const alone = (what, value, note) => [what, value, ...cols.slice(1).map(() => ''), note];
  for (const [batch, t] of Object.entries(r.train)) {
    const g = t.gradlab.median;
    const ratios = [`${times(g / t.tfjsWasm.median)} TF.js-wasm`];
    if (t.gradlabAll) ratios.push(`all cores (${r.parallel.workersByBatch?.[batch] ?? '?'} used) ${times(t.gradlabAll.median / g)} one`);
    if (t.torch1) ratios.push(`one ${times(g / t.torch1.median)} PyTorch-1`);
    if (t.torchAll && t.gradlabAll) ratios.push(`all ${times(t.gradlabAll.median / t.torchAll.median)} PyTorch-all`);
    out.push([`seed AE training, batch ${batch}, samples/s`, ...cols.map(([k]) => fmtRange(t[k])), ratios.join(', ')]);
  }
  const c = r.compute;
  const plain = c.ceilingPlain.median;
  const relaxed = c.ceilingRelaxed?.median;
  const ofCeiling = (g) =>
    `${pct(g / plain)} of SIMD128` + (relaxed ? `, ${pct(g / relaxed)} of relaxed FMA` : '');
  const gflops = (s) => ({ ...s, median: (s.median * r.flopsPerSample) / 1e9, min: (s.min * r.flopsPerSample) / 1e9, max: (s.max * r.flopsPerSample) / 1e9 });
  for (const [batch, t] of Object.entries(r.train)) {
    out.push([`seed AE training, batch ${batch}, GFLOP/s`, ...cols.map(([k]) => fmtRange(gflops(t[k]), 1)), `one worker ${ofCeiling(gflops(t.gradlab).median)}`]);
  }
  out.push(alone('gradlab GEMM 256³ (worker), GFLOP/s', fmtRange(c.gemm256, 1), ofCeiling(c.gemm256.median)));
  out.push(alone(`ceiling: SIMD128 mul+add loop, GFLOP/s`, fmtRange(c.ceilingPlain, 1), `${c.ceilingPlain.shape.chains} accumulators`));
  if (c.ceilingRelaxed) {
    out.push(alone(`ceiling: relaxed-SIMD FMA loop, GFLOP/s`, fmtRange(c.ceilingRelaxed, 1), `${c.ceilingRelaxed.shape.chains} accumulators`));
  }
  out.push(alone('frame gap p95 while the AE lab trains, ms', fmtRange(r.frameGaps.p95, 1), 'median of the windows\' p95'));
  out.push(alone('frame gap max while the AE lab trains, ms', fmtRange(r.frameGaps.max, 1), 'median of the windows\' max'));
  if (r.frameGapsAllCores) {
    out.push(alone(`frame gap p95 while ${r.parallel.workers} workers train, ms`, fmtRange(r.frameGapsAllCores.p95, 1), 'batch 256, median of the windows\' p95'));
  }
  out.push(alone('navigation → first chapter mounted, ms', fmtRange(r.startup.mountedMs), 'cold cache, 127.0.0.1'));
  out.push(alone('navigation → worker ready, ms', fmtRange(r.startup.workerReadyMs), 'labs can start'));
  const t = r.transfer;
  out.push(alone('one visit (page + one worker), raw / gzip -9', `${KB(t.visit.raw)} / ${KB(t.visit.gzip)}`, `${t.visit.files} files`));
  out.push(alone('all code in dist/ (both workers), raw / gzip -9', `${KB(t.code.raw)} / ${KB(t.code.gzip)}`, `${t.code.files} files`));
  out.push(alone('data assets in dist/ (MNIST …), raw / gzip -9', `${KB(t.assets.raw)} / ${KB(t.assets.gzip)}`, `${t.assets.files} files`));
  if (r.transformer) {
    out.push(alone('Transformer (dates), tokens/s', fmtRange(r.transformer.tokensPerSec), 'the lab\'s own figure'));
    out.push(alone('Transformer (dates), s of training to 95% exact', fmtRange(r.transformer.secondsTo95, 1), 'scored every 3 s'));
  }
  return out;
}

export function printTable(r) {
  const header = ['figure', ...columns(r).map(([, title]) => title), 'ratio'];
  const last = header.length - 1;
  const body = rows(r);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 || i === last ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log('');
  console.log(`gradlab bench, ${r.date.slice(0, 16).replace('T', ' ')} UTC: ${r.machine.cpuCount} × ${r.machine.cpuModel}, ${r.browser.userAgent}`);
  console.log(`median (min–max) of ${r.config.windows} windows of ${r.config.windowMs} ms; TF.js ${r.tfjs.tfjs} (wasm: SIMD ${r.tfjs.wasmSimd}, threads ${r.tfjs.wasmThreads}); gradlab worker ${r.gradlabWorker}, all cores = ${r.parallel.workers} workers (${r.parallel.sharedMemory ? 'shared memory' : 'transferred buffers'})${r.torch ? `; PyTorch ${r.torch.torch} CPU (${r.torch.capability}), all threads = ${r.parallel.torchThreads}` : ''}`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 || i === last ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of body) console.log(line(row));
  const d = r.discipline;
  console.log(`disturbance: ${d.retried} window(s) repeated, ${d.keptDisturbed} kept after the retries (best probe ${fmt(d.bestProbeGflops, 1)} GFLOP/s); load average ${r.machine.loadavgAtStart.map((x) => x.toFixed(1)).join(' ')} → ${r.machine.loadavgAtEnd.map((x) => x.toFixed(1)).join(' ')}`);
  console.log('targets:');
  for (const t of r.targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.what}: ${t.value}`);
  if (r.problems.length) console.log(`page problems:\n  ${r.problems.join('\n  ')}`);
}

/// The targets (issues 3 and 15), judged on the medians; those whose systems did not run are
/// left out.
export function targets(r) {
  const at = (b, k) => r.train[b]?.[k]?.median;
  const ratio = (b) => at(b, 'gradlab') / at(b, 'tfjsWasm');
  const b256 = (at(256, 'gradlab') * r.flopsPerSample) / 1e9;
  const ofPlain = b256 / r.compute.ceilingPlain.median;
  const list = [
    ...[32, 128].map((b) => ({ what: `gradlab ≥ 6× TF.js-wasm at batch ${b}`, value: times(ratio(b)), met: ratio(b) >= 6 })),
    { what: 'training at batch 256 ≥ 50% of the SIMD128 ceiling', value: `${fmt(b256, 1)} GFLOP/s = ${pct(ofPlain)}`, met: ofPlain >= 0.5 },
    { what: 'frame gaps p95 < 20 ms', value: `${fmt(r.frameGaps.p95.median, 1)} ms (worst window ${fmt(r.frameGaps.p95.max, 1)} ms)`, met: r.frameGaps.p95.median < 20 },
  ];
  const x = (v) => `${fmt(v, 2)}×`;
  if (at(256, 'gradlabAll')) {
    for (const [b, want] of [[256, 1.7], [128, 1.5]]) {
      const v = at(b, 'gradlabAll') / at(b, 'gradlab');
      list.push({ what: `all cores ≥ ${want}× one worker at batch ${b}`, value: x(v), met: v >= want });
    }
  }
  if (r.frameGapsAllCores) {
    const p95 = r.frameGapsAllCores.p95;
    list.push({ what: 'frame gaps p95 < 20 ms while every core trains', value: `${fmt(p95.median, 1)} ms (worst window ${fmt(p95.max, 1)} ms)`, met: p95.median < 20 });
  }
  if (at(128, 'torch1')) {
    for (const b of [32, 128, 256]) {
      if (!at(b, 'gradlabAll')) continue;
      const v = at(b, 'gradlabAll') / at(b, 'torchAll');
      list.push({ what: `all cores ≥ PyTorch all threads at batch ${b}`, value: x(v), met: v >= 1 });
    }
    const v = at(128, 'gradlab') / at(128, 'torch1');
    list.push({ what: 'one worker ≥ PyTorch 1 thread at batch 128', value: x(v), met: v >= 1 });
  }
  if (r.transformer) {
    const s = r.transformer.secondsTo95.median;
    list.push({ what: 'date Transformer at 95% exact match within 10 s of training', value: `${fmt(s, 1)} s`, met: s <= 10 });
  }
  list.push({
    what: 'code per visit ≤ 800 KB gzipped',
    value: `${KB(r.transfer.visit.gzip)} per visit, ${KB(r.transfer.code.gzip)} all code; with the MNIST data ${KB(r.transfer.all.gzip)}`,
    met: r.transfer.visit.gzip <= 800 * 1024,
  });
  return list;
}

/// make bench-smoke: every system produced a finite positive number.
export function checkSmoke(r) {
  const figures = [];
  for (const [batch, t] of Object.entries(r.train)) {
    for (const [system, s] of Object.entries(t)) figures.push([`train b${batch} ${system}`, s.median]);
  }
  figures.push(['GEMM 256³', r.compute.gemm256.median], ['ceiling SIMD128', r.compute.ceilingPlain.median]);
  if (r.compute.ceilingRelaxed) figures.push(['ceiling relaxed', r.compute.ceilingRelaxed.median]);
  if (r.frameGapsAllCores) figures.push(['frame gap p95, all cores', r.frameGapsAllCores.p95.median]);
  figures.push(
    ['frame gap p95', r.frameGaps.p95.median],
    ['start-up mounted', r.startup.mountedMs.median],
    ['start-up worker', r.startup.workerReadyMs.median],
    ['gzip bytes', r.transfer.all.gzip],
  );
  if (r.transformer) figures.push(['transformer tokens/s', r.transformer.tokensPerSec.median]);
  const bad = figures.filter(([, v]) => !(Number.isFinite(v) && v > 0));
  if (r.problems.length) bad.push(['page problems', r.problems.join('; ')]);
  if (bad.length) {
    console.error(`bench-smoke FAILED: ${bad.map(([k, v]) => `${k} = ${v}`).join(', ')}`);
    process.exit(1);
  }
  console.log(`bench-smoke: all ${figures.length} figures are finite and positive`);
}
