// Native PyTorch as a third system (make bench with BENCH_TORCH=1): the seed autoencoder in
// torch.nn on the CPU, in one long-lived Python process (bench/torch_bench.py) that run.mjs
// drives window by window like the two browser pages. The venv is scripts/torch_venv.sh's,
// shared with make check-export; the first run installs it (about 5.4 GB, about 5 minutes).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_MS = 120_000; // importing torch from a cold disk takes tens of seconds
const ANSWER_SLACK_MS = 60_000; // beyond the window and its warm-up, as openGradlab allows

/// Each line of `stream` to `process.stderr` after `prefix`; `keep` also gets each line.
function relay(stream, prefix, keep = () => {}) {
  createInterface({ input: stream }).on('line', (line) => {
    keep(line);
    process.stderr.write(`${prefix}${line}\n`);
  });
}

/// Runs scripts/torch_venv.sh: its progress to stderr, the venv's python (its last stdout line)
/// back.
function ensureVenv() {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['scripts/torch_venv.sh'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = [];
    relay(child.stdout, '[torch venv] ', (line) => lines.push(line));
    relay(child.stderr, '[torch venv] ');
    child.on('error', (e) => reject(new Error(`scripts/torch_venv.sh did not start: ${e.message}`)));
    child.on('close', (code, signal) => {
      const python = lines.at(-1)?.trim();
      if (code === 0 && python) resolve(python);
      else reject(new Error(`scripts/torch_venv.sh failed (${signal ?? `exit ${code}`}); its output is above`));
    });
  });
}

/// Starts the PyTorch system. Resolves once torch is imported and the digits are loaded, to
///   setup: { torch, threadsMax, capability, python }  (versions and CPU, for the JSON report)
///   train({ threads, batch, ms, seed }): one window, resolves to samples/s (checked: steps
///     > 0, the loss went down, torch ran the threads asked for)
///   close(): ends the process, resolves when it has exited
/// Rejects, and train rejects, with the reason when Python dies, answers an error or is silent
/// for too long; after that every call rejects.
export async function openTorch() {
  const python = await ensureVenv();
  const child = spawn(python, ['bench/torch_bench.py'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const stderrTail = []; // for the error message when it dies
  relay(child.stderr, '[torch] ', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
  });
  // 'close', not 'exit': by then every answer it wrote has been read.
  const closed = new Promise((resolve) => child.on('close', resolve));

  // Answers come in the order of the requests: each waiting caller is a queue entry.
  const waiting = [];
  let dead = null; // why the process can no longer answer; set once
  const fail = (reason) => {
    if (!dead) {
      const tail = stderrTail.length ? `; its last stderr lines:\n  ${stderrTail.join('\n  ')}` : '';
      dead = new Error(`PyTorch bench (bench/torch_bench.py): ${reason}${tail}`);
    }
    for (const w of waiting.splice(0)) w.reject(dead);
    if (child.exitCode === null && child.signalCode === null) child.kill();
  };
  child.on('error', (e) => fail(`did not start: ${e.message}`));
  child.on('close', (code, signal) => fail(`exited (${signal ?? `code ${code}`})`));
  child.stdin.on('error', (e) => fail(`stdin: ${e.message}`)); // EPIPE when it died first
  createInterface({ input: child.stdout }).on('line', (line) => {
    const w = waiting.shift();
    if (!w) return fail(`answered what nobody asked: ${line}`);
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return fail(`answered a line that is not JSON: ${line}`);
    }
    if (message.error !== undefined) w.reject(new Error(`PyTorch bench: ${message.error}`));
    else w.resolve(message);
  });

  // Waits for the next answer; silence past `ms` ends the process, whose late answer would
  // otherwise be taken for the next request's.
  const next = (ms, what) =>
    new Promise((resolve, reject) => {
      if (dead) return reject(dead);
      const timer = setTimeout(() => fail(`no answer to ${what} in ${ms / 1000} s`), ms);
      const done = (f) => (v) => {
        clearTimeout(timer);
        f(v);
      };
      waiting.push({ resolve: done(resolve), reject: done(reject) });
    });

  let ready;
  try {
    ready = await next(READY_MS, 'start-up');
  } catch (e) {
    fail('start-up failed');
    throw e;
  }
  if (ready.ready !== true) {
    fail(`unexpected first line ${JSON.stringify(ready)}`);
    throw dead;
  }
  return {
    setup: { torch: ready.torch, threadsMax: ready.threads_max, capability: ready.capability, python },
    async train({ threads, batch, ms, seed }) {
      const answer = next(ms + ANSWER_SLACK_MS, `train b${batch} t${threads}`);
      if (!dead) child.stdin.write(`${JSON.stringify({ threads, batch, ms, seed, warmup: 3 })}\n`);
      const r = await answer;
      if (!(r.steps > 0) || !(r.last_loss < r.first_loss) || r.threads !== threads || !(r.samples_per_sec > 0)) {
        throw new Error(`PyTorch train bench (threads ${threads}, batch ${batch}): unexpected answer ${JSON.stringify(r)}`);
      }
      return r.samples_per_sec;
    },
    close() {
      dead ??= new Error('PyTorch bench: closed');
      child.stdin.end(); // torch_bench.py ends at the end of its input
      const timer = setTimeout(() => child.kill(), 10_000);
      return closed.finally(() => clearTimeout(timer));
    },
  };
}
