// The two pages the benchmark alternates between, in one browser: gradlab (its worker, driven
// through the worker protocol) and the TF.js page (bench/www/), which also runs the ceiling loop
// and the CPU probe.
import { openPage, appReady } from '../tests/e2e/harness.mjs';

// Before the app starts: keep a handle on the worker it spawns, and a way to send it one command
// and wait for the answer of the given kinds or a failure. Commands are encoded and events
// decoded by the page's own module (its bench_* exports, src/app/bench_api.rs, which Trunk's
// loader publishes as window.wasmBindings): the wire has one definition, the Rust types.
const CAPTURE_WORKER = () => {
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url, ...rest) {
      super(url, ...rest);
      window.__benchWorker = this;
      window.__benchWorkerUrl = String(url);
    }
  };
  window.__benchAsk = async (command, kinds) => {
    const w = window.wasmBindings;
    const bytes =
      command.kind === 'train'
        ? w.bench_train_command(command.batch, command.millis, command.seed, command.replicas)
        : command.kind === 'determinism'
          ? w.bench_determinism_command(command.replicas)
          : w.bench_gemm_command(command.n, command.millis);
    return new Promise((resolve, reject) => {
      const worker = window.__benchWorker;
      const onMessage = (e) => {
        let event;
        try {
          event = w.bench_decode_event(new Uint8Array(e.data));
        } catch (err) {
          worker.removeEventListener('message', onMessage);
          reject(new Error(`undecodable worker event: ${err}`));
          return;
        }
        if (kinds.includes(event.kind)) {
          worker.removeEventListener('message', onMessage);
          resolve(event);
        }
      };
      worker.addEventListener('message', onMessage);
      worker.postMessage(bytes);
    });
  };
};

const FAILED = ['Failed', 'Refused', 'Panicked'];

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/// `options` go to the harness's openPage (say, `serviceWorkers: 'block'`).
export async function openGradlab(browser, url, options = {}) {
  const opened = await openPage(browser, options);
  const { page } = opened;
  await page.addInitScript(CAPTURE_WORKER);
  // The overview starts no job of its own, so the worker is ours.
  await page.goto(`${url}#/overview`);
  await appReady(page);
  const ask = async (command, kind, ms) => {
    const event = await withTimeout(
      page.evaluate(([c, k]) => window.__benchAsk(c, k), [command, [kind, ...FAILED]]),
      ms,
      'gradlab worker',
    );
    if (FAILED.includes(event.kind)) {
      throw new Error(`gradlab worker: ${event.kind}: ${event.message}`);
    }
    return event.results;
  };
  return {
    ...opened,
    workerUrl: await page.evaluate(() => window.__benchWorkerUrl),
    /// Whether the page may share memory between its workers (COOP and COEP are served).
    isolated: await page.evaluate(() => window.crossOriginIsolated),
    /// One window of the existing train-bench job at one batch size on `replicas` workers:
    /// samples/s and the rest.
    async train({ batch, ms, seed, replicas = 1 }) {
      const [r] = await ask({ kind: 'train', batch, millis: ms, seed, replicas }, 'TrainDone', ms + 60_000);
      // A batch too small to split trains on one worker (src/jobs/team.rs, `pays`).
      if (r?.batch !== batch || !(r.replicas >= 1 && r.replicas <= replicas) || !(r.steps > 0) || !(r.lastLoss < r.firstLoss)) {
        throw new Error(`gradlab train bench: unexpected answer ${JSON.stringify(r)}`);
      }
      return r;
    },
    /// The determinism check's 100 losses on `replicas` workers.
    async losses(replicas) {
      return ask({ kind: 'determinism', replicas }, 'Losses', 120_000);
    },
    /// One window of the existing GEMM bench at n³: GFLOP/s.
    async gemm({ n, ms }) {
      const [r] = await ask({ kind: 'gemm', n, millis: ms }, 'GemmDone', ms + 30_000);
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
