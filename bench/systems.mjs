// The two pages the benchmark alternates between, in one browser: gradlab (its worker, driven
// through the worker protocol) and the TF.js page (bench/www/), which also runs the ceiling loop
// and the CPU probe.
import { openPage, appReady } from '../tests/e2e/harness.mjs';
import { benchTrain, benchGemmCube, decodeEvent } from './protocol.mjs';

// Before the app starts: keep a handle on the worker it spawns, and a way to send it one command
// and wait for the answer of the given kinds (by variant index) or a failure.
const CAPTURE_WORKER = () => {
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url, ...rest) {
      super(url, ...rest);
      window.__benchWorker = this;
      window.__benchWorkerUrl = String(url);
    }
  };
  window.__benchAsk = (bytes, kinds) =>
    new Promise((resolve) => {
      const worker = window.__benchWorker;
      const onMessage = (e) => {
        const b = new Uint8Array(e.data);
        if (kinds.includes(b[0])) {
          worker.removeEventListener('message', onMessage);
          resolve(Array.from(b));
        }
      };
      worker.addEventListener('message', onMessage);
      worker.postMessage(new Uint8Array(bytes));
    });
};

// Event variant indices (see protocol.mjs): GemmDone, TrainDone, Failed, Panicked.
const GEMM_DONE = 3;
const TRAIN_DONE = 7;
const FAILED = [12, 13];

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function openGradlab(browser, url) {
  const opened = await openPage(browser);
  const { page } = opened;
  await page.addInitScript(CAPTURE_WORKER);
  // The overview starts no job of its own, so the worker is ours.
  await page.goto(`${url}#/overview`);
  await appReady(page);
  const ask = async (bytes, kind, ms) => {
    const answer = await withTimeout(
      page.evaluate(([b, k]) => window.__benchAsk(b, k), [bytes, [kind, ...FAILED]]),
      ms,
      'gradlab worker',
    );
    const event = decodeEvent(answer);
    if (event.kind === 'Failed' || event.kind === 'Panicked') {
      throw new Error(`gradlab worker: ${event.kind}: ${event.message}`);
    }
    return event.results;
  };
  return {
    ...opened,
    workerUrl: await page.evaluate(() => window.__benchWorkerUrl),
    /// One window of the existing train-bench job at one batch size: samples/s and the rest.
    async train({ batch, ms, seed }) {
      const [r] = await ask(benchTrain({ batch, millis: ms, seed }), TRAIN_DONE, ms + 60_000);
      if (r?.batch !== batch || !(r.steps > 0) || !(r.lastLoss < r.firstLoss)) {
        throw new Error(`gradlab train bench: unexpected answer ${JSON.stringify(r)}`);
      }
      return r;
    },
    /// One window of the existing GEMM bench at n³: GFLOP/s.
    async gemm({ n, ms }) {
      const [r] = await ask(benchGemmCube({ n, millis: ms }), GEMM_DONE, ms + 30_000);
      if (r?.m !== n) throw new Error(`gradlab GEMM bench: unexpected answer ${JSON.stringify(r)}`);
      return r.gflops;
    },
  };
}

export async function openTfjs(browser, url) {
  const opened = await openPage(browser);
  const { page } = opened;
  const wasmFiles = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasmFiles.push(r.url().split('/').pop());
  });
  await page.goto(`${url}bench/`);
  const setup = await page.evaluate(() => window.benchReady);
  return {
    ...opened,
    setup: { ...setup, wasmFiles },
    train: (options) => page.evaluate((o) => window.bench.train(o), options),
    ceiling: (kind, ms, shape) => page.evaluate(([k, m, s]) => window.bench.ceiling(k, m, s), [kind, ms, shape]),
  };
}
