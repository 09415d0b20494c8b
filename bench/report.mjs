// The one table `make bench` prints, the issue's targets judged against it, and the smoke check.
import { fmt, fmtRange } from './stats.mjs';

const KB = (bytes) => `${fmt(bytes / 1024)} KB`;
const pct = (x) => `${fmt(100 * x)}%`;
const times = (x) => `${fmt(x, x < 10 ? 1 : 0)}×`;

function rows(r) {
  const out = [];
  for (const [batch, t] of Object.entries(r.train)) {
    const g = t.gradlab.median;
    out.push([
      `seed AE training, batch ${batch}, samples/s`,
      fmtRange(t.gradlab),
      fmtRange(t.tfjsWasm),
      fmtRange(t.tfjsCpu),
      `${times(g / t.tfjsWasm.median)} TF.js-wasm, ${times(g / t.tfjsCpu.median)} TF.js-cpu`,
    ]);
  }
  const c = r.compute;
  const plain = c.ceilingPlain.median;
  const relaxed = c.ceilingRelaxed?.median;
  const ofCeiling = (g) =>
    `${pct(g / plain)} of SIMD128` + (relaxed ? `, ${pct(g / relaxed)} of relaxed FMA` : '');
  const gflops = (s) => ({ ...s, median: (s.median * r.flopsPerSample) / 1e9, min: (s.min * r.flopsPerSample) / 1e9, max: (s.max * r.flopsPerSample) / 1e9 });
  for (const [batch, t] of Object.entries(r.train)) {
    out.push([
      `seed AE training, batch ${batch}, GFLOP/s`,
      fmtRange(gflops(t.gradlab), 1),
      fmtRange(gflops(t.tfjsWasm), 1),
      fmtRange(gflops(t.tfjsCpu), 1),
      ofCeiling(gflops(t.gradlab).median),
    ]);
  }
  out.push(['gradlab GEMM 256³ (worker), GFLOP/s', fmtRange(c.gemm256, 1), '', '', ofCeiling(c.gemm256.median)]);
  out.push([`ceiling: SIMD128 mul+add loop, GFLOP/s`, fmtRange(c.ceilingPlain, 1), '', '', `${c.ceilingPlain.shape.chains} accumulators`]);
  if (c.ceilingRelaxed) {
    out.push([`ceiling: relaxed-SIMD FMA loop, GFLOP/s`, fmtRange(c.ceilingRelaxed, 1), '', '', `${c.ceilingRelaxed.shape.chains} accumulators`]);
  }
  out.push(['frame gap p95 while the AE lab trains, ms', fmtRange(r.frameGaps.p95, 1), '', '', 'median of the windows\' p95']);
  out.push(['frame gap max while the AE lab trains, ms', fmtRange(r.frameGaps.max, 1), '', '', 'median of the windows\' max']);
  out.push(['navigation → first chapter mounted, ms', fmtRange(r.startup.mountedMs), '', '', 'cold cache, 127.0.0.1']);
  out.push(['navigation → worker ready, ms', fmtRange(r.startup.workerReadyMs), '', '', 'labs can start']);
  const t = r.transfer;
  out.push(['one visit (page + one worker), raw / gzip -9', `${KB(t.visit.raw)} / ${KB(t.visit.gzip)}`, '', '', `${t.visit.files} files`]);
  out.push(['all code in dist/ (both workers), raw / gzip -9', `${KB(t.code.raw)} / ${KB(t.code.gzip)}`, '', '', `${t.code.files} files`]);
  out.push(['data assets in dist/ (MNIST …), raw / gzip -9', `${KB(t.assets.raw)} / ${KB(t.assets.gzip)}`, '', '', `${t.assets.files} files`]);
  if (r.transformer) {
    out.push(['Transformer (dates), tokens/s', fmtRange(r.transformer.tokensPerSec), '', '', 'the lab\'s own figure']);
    out.push(['Transformer (dates), s of training to 95% exact', fmtRange(r.transformer.secondsTo95, 1), '', '', 'scored every 3 s']);
  }
  return out;
}

export function printTable(r) {
  const header = ['figure', 'gradlab', 'TF.js wasm', 'TF.js cpu', 'ratio'];
  const body = rows(r);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log('');
  console.log(`gradlab bench, ${r.date.slice(0, 16).replace('T', ' ')} UTC: ${r.machine.cpuCount} × ${r.machine.cpuModel}, ${r.browser.userAgent}`);
  console.log(`median (min–max) of ${r.config.windows} windows of ${r.config.windowMs} ms; TF.js ${r.tfjs.tfjs} (wasm: SIMD ${r.tfjs.wasmSimd}, threads ${r.tfjs.wasmThreads}); gradlab worker ${r.gradlabWorker}`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 || i === 4 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of body) console.log(line(row));
  const d = r.discipline;
  console.log(`disturbance: ${d.retried} window(s) repeated, ${d.keptDisturbed} kept after the retries (best probe ${fmt(d.bestProbeGflops, 1)} GFLOP/s); load average ${r.machine.loadavgAtStart.map((x) => x.toFixed(1)).join(' ')} → ${r.machine.loadavgAtEnd.map((x) => x.toFixed(1)).join(' ')}`);
  console.log('targets:');
  for (const t of r.targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.what}: ${t.value}`);
  if (r.problems.length) console.log(`page problems:\n  ${r.problems.join('\n  ')}`);
}

/// The issue's targets, judged on the medians.
export function targets(r) {
  const ratio = (b) => r.train[b].gradlab.median / r.train[b].tfjsWasm.median;
  const b256 = (r.train[256].gradlab.median * r.flopsPerSample) / 1e9;
  const ofPlain = b256 / r.compute.ceilingPlain.median;
  return [
    ...[32, 128].map((b) => ({ what: `gradlab ≥ 6× TF.js-wasm at batch ${b}`, value: times(ratio(b)), met: ratio(b) >= 6 })),
    { what: 'training at batch 256 ≥ 50% of the SIMD128 ceiling', value: `${fmt(b256, 1)} GFLOP/s = ${pct(ofPlain)}`, met: ofPlain >= 0.5 },
    { what: 'frame gaps p95 < 20 ms', value: `${fmt(r.frameGaps.p95.median, 1)} ms (worst window ${fmt(r.frameGaps.p95.max, 1)} ms)`, met: r.frameGaps.p95.median < 20 },
    {
      what: 'shipped code < 1 MB gzipped',
      value: `${KB(r.transfer.code.gzip)} all code, ${KB(r.transfer.visit.gzip)} per visit; with the MNIST data ${KB(r.transfer.all.gzip)}`,
      met: r.transfer.code.gzip < 1024 * 1024,
    },
  ];
}

/// make bench-smoke: every system produced a finite positive number.
export function checkSmoke(r) {
  const figures = [];
  for (const [batch, t] of Object.entries(r.train)) {
    for (const [system, s] of Object.entries(t)) figures.push([`train b${batch} ${system}`, s.median]);
  }
  figures.push(['GEMM 256³', r.compute.gemm256.median], ['ceiling SIMD128', r.compute.ceilingPlain.median]);
  if (r.compute.ceilingRelaxed) figures.push(['ceiling relaxed', r.compute.ceilingRelaxed.median]);
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
