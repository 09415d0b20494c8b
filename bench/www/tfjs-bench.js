// The TF.js side of the benchmark: gradlab's seed autoencoder written with tf.layers, trained
// with optimizer.minimize on the same real MNIST digits, on the wasm (SIMD, one thread) or the
// cpu backend. `window.bench` is what bench/run.mjs calls; `window.benchReady` settles when the
// digits and both backends are loaded.
import { measureCeiling, supported } from './ceiling.js';

const tf = window.tf;
const WIDTHS = [784, 128, 64, 32, 16, 8, 4]; // AutoencoderConfig::seed(), src/models/autoencoder.rs

/// The GLMNIST1 payload of assets/mnist/mnist-10k.bin.gz (format in assets/mnist/README.md):
/// the pixels as bytes, one digit of 784 after another.
async function loadDigits() {
  const response = await fetch('../assets/mnist/mnist-10k.bin.gz');
  if (!response.ok) throw new Error(`MNIST asset: HTTP ${response.status}`);
  const payload = new Uint8Array(
    await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer(),
  );
  const magic = new TextDecoder().decode(payload.subarray(0, 8));
  const view = new DataView(payload.buffer);
  const [count, rows, cols] = [8, 12, 16].map((at) => view.getUint32(at, true));
  if (magic !== 'GLMNIST1' || rows * cols !== 784 || payload.length !== 24 + count * 785) {
    throw new Error(`MNIST asset: unexpected header ${magic} ${count}×${rows}×${cols}`);
  }
  return { count, pixels: payload.subarray(20 + count, 20 + count * 785) };
}

/// mulberry32: a small seeded generator, so both backends see the same batches.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/// 784→128→64→32→16→8→4 and back: ReLU between layers, none on the code, sigmoid on the pixels.
function seedAutoencoder(seed) {
  const model = tf.sequential();
  const sizes = [...WIDTHS.slice(1), ...WIDTHS.slice(0, -1).reverse()];
  sizes.forEach((units, i) => {
    const last = i === sizes.length - 1;
    const code = i === WIDTHS.length - 2;
    model.add(
      tf.layers.dense({
        units,
        inputShape: i === 0 ? [WIDTHS[0]] : undefined,
        activation: last ? 'sigmoid' : code ? 'linear' : 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
      }),
    );
  });
  return model;
}

let digits;

/// Trains a fresh seed autoencoder at `batch` for `ms` after `warmup` steps; samples/s counts
/// drawing each batch from the digits, as gradlab's train bench does.
async function train({ backend, batch, ms, warmup = 3, seed = 0 }) {
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} did not start`);
  await tf.ready();
  const tensorsBefore = tf.memory().numTensors;
  const model = seedAutoencoder(seed);
  const optimizer = tf.train.adam(1e-3);
  const random = rng(seed + 1);
  const x = new Float32Array(batch * 784);
  const step = () => {
    for (let row = 0; row < batch; row++) {
      const at = Math.floor(random() * digits.count) * 784;
      for (let p = 0; p < 784; p++) x[row * 784 + p] = digits.pixels[at + p] / 255;
    }
    const xs = tf.tensor2d(x, [batch, 784]);
    const loss = optimizer.minimize(() => tf.losses.meanSquaredError(xs, model.apply(xs)), true);
    xs.dispose();
    const value = loss.dataSync()[0];
    loss.dispose();
    return value;
  };
  for (let i = 0; i < warmup; i++) step();
  let steps = 0;
  let firstLoss = NaN;
  let lastLoss = NaN;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    lastLoss = step();
    if (steps === 0) firstLoss = lastLoss;
    steps += 1;
    t = performance.now();
  }
  model.dispose();
  optimizer.dispose();
  const leaked = tf.memory().numTensors - tensorsBefore;
  return { backend: tf.getBackend(), batch, steps, samplesPerSec: (steps * batch) / ((t - t0) / 1e3), firstLoss, lastLoss, leaked };
}

async function setup() {
  tf.wasm.setWasmPaths('./tfjs-wasm/');
  // One thread: threads would need cross-origin isolation, and gradlab trains on one core too.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  digits = await loadDigits();
  await tf.setBackend('wasm');
  await tf.ready();
  const wasmSimd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  await tf.setBackend('cpu');
  await tf.ready();
  return {
    tfjs: tf.version.tfjs,
    wasmSimd,
    wasmThreads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
    digits: digits.count,
    relaxedSimd: supported('relaxed'),
  };
}

window.bench = { train, ceiling: measureCeiling };
window.benchReady = setup();
