// `make bench`: gradlab against TF.js 4.22 (wasm SIMD one thread, and cpu) in one headless
// Chromium session, alternating between the systems window by window, plus the compute ceiling,
// the page figures and the Transformer lab. Prints one table and writes it as JSON.
//
// Settings (environment):
//   BENCH_WINDOWS      windows per figure (median and range over them)        default 5
//   BENCH_WINDOW_MS    length of a window                                      default 2000
//   BENCH_WARMUP_MS    untimed warm-up window per system and batch size        default 1000
//   BENCH_TRANSFORMER  0 skips the Transformer runs (about 20 s each)          default 1
//   BENCH_TF_RUNS      Transformer runs                                        default BENCH_WINDOWS
//   BENCH_OUT          the JSON file                               default target/bench/latest.json
//   BENCH_SMOKE        1: fail unless every figure is a finite positive number (make bench-smoke)
//   BENCH_TORCH        1: native PyTorch too, with 1 thread and with every thread, in a venv
//                      under target/torch (scripts/torch_venv.sh: about 5.4 GB the first time)
import { cpus, release, loadavg } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { launch } from '../tests/e2e/harness.mjs';
import { serve, ROOT } from './server.mjs';
import { openGradlab, openTfjs } from './systems.mjs';
import { openTorch } from './torch-system.mjs';
import { Discipline, summarize } from './stats.mjs';
import { frameGaps, frameGapsAllCores, startup, transferSizes, transformerRun } from './page-figures.mjs';
import { printTable, targets, checkSmoke } from './report.mjs';

const env = process.env;
const int = (name, fallback) => {
  const v = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} must be a whole number, got ${env[name]}`);
  return v;
};
const WINDOWS = Math.max(1, int('BENCH_WINDOWS', 5));
const config = {
  windows: WINDOWS,
  windowMs: int('BENCH_WINDOW_MS', 2000),
  warmupMs: int('BENCH_WARMUP_MS', 1000),
  transformer: env.BENCH_TRANSFORMER !== '0',
  transformerRuns: Math.max(1, int('BENCH_TF_RUNS', WINDOWS)),
  smoke: env.BENCH_SMOKE === '1',
  torch: env.BENCH_TORCH === '1',
  batches: [32, 128, 256],
  probeMs: 150,
};
const OUT = resolve(ROOT, env.BENCH_OUT || 'target/bench/latest.json');
// AutoencoderConfig::seed().train_flops_per_sample(): 12 × (784·128 + 128·64 + 64·32 + 32·16 +
// 16·8 + 8·4) = 1,335,168. Checked below against the worker's own GFLOP/s figure.
const FLOPS_PER_SAMPLE = 1_335_168;

const started = Date.now();
const say = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

const server = await serve();
const browser = await launch();
const result = {
  date: new Date().toISOString(),
  command: config.smoke ? 'make bench-smoke' : 'make bench',
  config,
  machine: { cpuModel: cpus()[0]?.model, cpuCount: cpus().length, cpuMhz: cpus()[0]?.speed, os: `${process.platform} ${release()}`, node: process.version, loadavgAtStart: loadavg() },
};
try {
  const tfjs = await openTfjs(browser, server.url);
  const gradlab = await openGradlab(browser, server.url);
  const torch = config.torch ? await openTorch() : null;
  // One gradlab worker per core, as the page offers (navigator.hardwareConcurrency, capped at 8).
  const cores = await gradlab.page.evaluate(() => Math.min(8, Math.max(1, navigator.hardwareConcurrency || 1)));
  const threads = torch?.setup.threadsMax ?? cpus().length;
  const SYSTEMS = ['gradlab', ...(cores > 1 ? ['gradlabAll'] : []), 'tfjsWasm', 'tfjsCpu', ...(torch ? ['torch1', 'torchAll'] : [])];
  result.browser = { version: browser.version(), userAgent: await tfjs.page.evaluate(() => navigator.userAgent) };
  result.tfjs = tfjs.setup;
  result.torch = torch?.setup ?? null;
  result.gradlabWorker = gradlab.workerUrl;
  // workersByBatch: the workers gradlab used at each batch in its all-cores windows (a batch
  // of under 32 rows a worker trains on one).
  result.parallel = { workers: cores, sharedMemory: gradlab.isolated, torchThreads: torch ? threads : null, workersByBatch: {} };
  say(`Chromium ${result.browser.version}; gradlab worker ${gradlab.workerUrl}, ${cores} workers with ${gradlab.isolated ? 'shared memory' : 'transferred buffers'}; TF.js ${tfjs.setup.tfjs}, wasm files ${tfjs.setup.wasmFiles.join(', ')}${torch ? `; PyTorch ${torch.setup.torch} (${torch.setup.capability}), 1 and ${threads} threads` : ''}`);

  const probe = () => tfjs.ceiling('plain', config.probeMs);
  const retries = config.smoke ? 0 : undefined;
  const discipline = new Discipline(probe, { retries });
  const quick = { ms: config.warmupMs };
  const trainOne = async (system, batch, ms, seed) => {
    if (system === 'gradlab') return (await gradlab.train({ batch, ms, seed })).samplesPerSec;
    if (system === 'gradlabAll') {
      const r = await gradlab.train({ batch, ms, seed, replicas: cores });
      result.parallel.workersByBatch[batch] = r.replicas;
      return r.samplesPerSec;
    }
    if (system === 'torch1') return torch.train({ threads: 1, batch, ms, seed });
    if (system === 'torchAll') return torch.train({ threads, batch, ms, seed });
    const backend = system === 'tfjsWasm' ? 'wasm' : 'cpu';
    const r = await tfjs.train({ backend, batch, ms, seed });
    if (r.backend !== backend || !(r.steps > 0) || r.leaked !== 0) throw new Error(`TF.js window: ${JSON.stringify(r)}`);
    return r.samplesPerSec;
  };

  // 1. Training throughput, A B C A B C …: warm-up, then windows in a rotating order.
  say('warm-up: one untimed window per system and batch size');
  for (const batch of config.batches) for (const s of SYSTEMS) await trainOne(s, batch, quick.ms, 99);
  await probe();
  const train = Object.fromEntries(config.batches.map((b) => [b, Object.fromEntries(SYSTEMS.map((s) => [s, []]))]));
  for (let w = 0; w < config.windows; w++) {
    for (const batch of config.batches) {
      for (const s of rotate(SYSTEMS, w)) {
        train[batch][s].push(await discipline.window(`${s} b${batch}`, () => trainOne(s, batch, config.windowMs, w)));
      }
    }
    say(`training window ${w + 1}/${config.windows}: ${config.batches.map((b) => SYSTEMS.map((s) => train[b][s][w].toFixed(0)).join('/')).join('  ')} samples/s`);
  }
  result.train = Object.fromEntries(
    config.batches.map((b) => [b, Object.fromEntries(SYSTEMS.map((s) => [s, summarize(train[b][s])]))]),
  );
  // The worker's GFLOP/s uses the model's own FLOP count: check ours agrees.
  const check = await gradlab.train({ batch: 32, ms: 200, seed: 0 });
  const workerFlops = (check.gflops * 1e9) / check.samplesPerSec;
  if (Math.abs(workerFlops / FLOPS_PER_SAMPLE - 1) > 1e-6) throw new Error(`FLOPs per sample: worker says ${workerFlops}`);
  result.flopsPerSample = FLOPS_PER_SAMPLE;

  // 2. The ceiling, and gradlab's GEMM 256³ beside it, alternating.
  const kinds = tfjs.setup.relaxedSimd ? ['plain', 'relaxed'] : ['plain'];
  const shapes = {};
  for (const kind of kinds) {
    // The best number of independent accumulators depends on the CPU's latencies and registers.
    let best = -1;
    for (const chains of [8, 12, 14, 16]) {
      const g = await tfjs.ceiling(kind, Math.min(500, quick.ms), { chains });
      if (g > best) [best, shapes[kind]] = [g, { chains, unroll: 4 }];
    }
  }
  await gradlab.gemm({ n: 256, ms: quick.ms });
  const compute = { gemm256: [], ...Object.fromEntries(kinds.map((k) => [k, []])) };
  for (let w = 0; w < config.windows; w++) {
    compute.gemm256.push(await discipline.window('gemm256', () => gradlab.gemm({ n: 256, ms: config.windowMs })));
    for (const kind of kinds) {
      compute[kind].push(await discipline.window(`ceiling ${kind}`, () => tfjs.ceiling(kind, config.windowMs, shapes[kind])));
    }
  }
  result.compute = {
    gemm256: summarize(compute.gemm256),
    ceilingPlain: { ...summarize(compute.plain), shape: shapes.plain },
    ceilingRelaxed: kinds.includes('relaxed') ? { ...summarize(compute.relaxed), shape: shapes.relaxed } : null,
  };
  say(`GEMM 256³ ${result.compute.gemm256.median.toFixed(1)} GFLOP/s; ceiling ${kinds.map((k) => `${k} ${summarize(compute[k]).median.toFixed(1)}`).join(', ')} GFLOP/s`);
  // 3a. The main thread while every core trains: frame gaps on the gradlab page meanwhile.
  if (cores > 1) {
    const allCores = [];
    for (let w = 0; w < config.windows; w++) {
      allCores.push(await discipline.window(`frame gaps, ${cores} workers`, () => frameGapsAllCores(gradlab, { replicas: cores, ms: config.windowMs })));
    }
    result.frameGapsAllCores = { p95: summarize(allCores.map((g) => g.p95)), max: summarize(allCores.map((g) => g.max)), frames: allCores.map((g) => g.frames) };
    say(`frame gaps while ${cores} workers train: p95 ${result.frameGapsAllCores.p95.median.toFixed(1)} ms`);
  }
  const problems = [...tfjs.problems, ...gradlab.problems];
  await tfjs.context.close();
  await gradlab.context.close();
  await torch?.close();

  // 3. The page: frame gaps while the autoencoder trains, cold start-up, transfer sizes.
  const probePage = await openTfjs(browser, server.url);
  const pageDiscipline = new Discipline(() => probePage.ceiling('plain', config.probeMs), { retries });
  await pageDiscipline.probe();
  const gaps = await frameGaps(browser, server.url, {
    windows: config.windows,
    ms: config.windowMs,
    warmupMs: config.warmupMs,
    window: (label, fn) => pageDiscipline.window(label, fn),
  });
  problems.push(...gaps.problems);
  result.frameGaps = {
    p95: summarize(gaps.results.map((g) => g.p95)),
    max: summarize(gaps.results.map((g) => g.max)),
    frames: gaps.results.map((g) => g.frames),
  };
  say(`frame gaps while the autoencoder trains: p95 ${result.frameGaps.p95.median.toFixed(1)} ms, max ${result.frameGaps.max.max.toFixed(1)} ms`);
  const loads = [];
  await startup(browser, server.url); // the first launch of a context pays for things a visitor does not
  for (let w = 0; w < config.windows; w++) loads.push(await pageDiscipline.window(`startup ${w + 1}`, () => startup(browser, server.url)));
  problems.push(...loads.flatMap((l) => l.problems));
  result.startup = { mountedMs: summarize(loads.map((l) => l.mounted)), workerReadyMs: summarize(loads.map((l) => l.worker)) };
  result.transfer = await transferSizes();
  say(`start-up: mounted ${result.startup.mountedMs.median.toFixed(0)} ms, worker ready ${result.startup.workerReadyMs.median.toFixed(0)} ms; code ${(result.transfer.code.gzip / 1024).toFixed(0)} KB gzipped`);

  // 4. The Transformer lab, optional.
  if (config.transformer) {
    const runs = [];
    for (let r = 0; r < config.transformerRuns; r++) {
      const run = await pageDiscipline.window(`transformer ${r + 1}`, () => transformerRun(browser, server.url));
      problems.push(...run.problems);
      runs.push(run);
      say(`transformer run ${r + 1}/${config.transformerRuns}: ${run.tokensPerSec} tokens/s, 95% exact match at ${run.secondsTo95} s of training`);
    }
    result.transformer = {
      tokensPerSec: summarize(runs.map((r) => r.tokensPerSec)),
      secondsTo95: summarize(runs.map((r) => r.secondsTo95)),
      wallSecondsTo95: summarize(runs.map((r) => r.wallSecondsTo95)),
    };
  }
  await probePage.context.close();

  result.discipline = {
    rule: `window repeated when the CPU probe (${config.probeMs} ms of the plain SIMD loop) before or after it is < 85% of the best probe, up to ${discipline.retries} times`,
    bestProbeGflops: Math.max(discipline.best, pageDiscipline.best),
    retried: discipline.retried + pageDiscipline.retried,
    keptDisturbed: discipline.disturbed + pageDiscipline.disturbed,
    log: [...discipline.log, ...pageDiscipline.log],
  };
  result.problems = problems;
  result.machine.loadavgAtEnd = loadavg();
  result.seconds = Math.round((Date.now() - started) / 1000);
  result.targets = targets(result);
  printTable(result);
  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten: ${OUT.replace(`${ROOT}/`, '')} (${result.seconds} s)`);
  if (config.smoke) checkSmoke(result);
} finally {
  await browser.close();
  server.close();
}
