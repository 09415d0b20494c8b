// The compute ceiling of one core in this browser: a wasm loop that does nothing but 4-lane f32
// multiply-adds on `chains` independent accumulators, so that neither memory nor dependency
// latency limits it. Each update is acc = acc·m + a: 8 FLOPs (4 lanes × 2). The module is
// assembled here byte by byte (the wasm binary format, WebAssembly Core Specification 2.0 §5,
// with the SIMD and relaxed-SIMD opcodes), so no toolchain is needed.
//
// `plain`: f32x4.mul then f32x4.add (SIMD128). `relaxed`: f32x4.relaxed_madd, which engines lower
// to a fused multiply-add where the CPU has one.

const leb = (n) => {
  const out = [];
  do {
    const low = n & 0x7f;
    n >>>= 7;
    out.push(n ? low | 0x80 : low);
  } while (n);
  return out;
};
const section = (id, body) => [id, ...leb(body.length), ...body];
const f32x4 = (x) => {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  for (let lane = 0; lane < 4; lane++) v.setFloat32(lane * 4, x, true);
  return [0xfd, 0x0c, ...b]; // v128.const
};

const OP = {
  localGet: 0x20,
  localSet: 0x21,
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32Sub: 0x6b,
  f32x4Add: [0xfd, ...leb(228)],
  f32x4Mul: [0xfd, ...leb(230)],
  f32x4RelaxedMadd: [0xfd, ...leb(261)],
  f32x4ExtractLane: [0xfd, 0x1f],
};

/// The bytes of a module exporting `run(n: i32) -> f32`: n iterations of `unroll` × `chains`
/// updates; it returns a lane of the accumulators' sum, so the work has a use.
export function ceilingModule(kind, chains = 12, unroll = 4) {
  // Locals: 0 = n (the parameter), 1..=chains accumulators, then m and a.
  const m = chains + 1;
  const a = chains + 2;
  const body = [];
  for (let i = 0; i < chains; i++) body.push(...f32x4(1 + i / 16), OP.localSet, ...leb(1 + i));
  // acc·0.5 + 1 converges to 2: no overflow, no denormals, whatever n is.
  body.push(...f32x4(0.5), OP.localSet, ...leb(m), ...f32x4(1), OP.localSet, ...leb(a));
  body.push(OP.block, 0x40, OP.loop, 0x40);
  body.push(OP.localGet, 0, OP.i32Eqz, OP.brIf, 1);
  for (let u = 0; u < unroll; u++) {
    for (let i = 1; i <= chains; i++) {
      if (kind === 'relaxed') {
        body.push(OP.localGet, ...leb(i), OP.localGet, ...leb(m), OP.localGet, ...leb(a));
        body.push(...OP.f32x4RelaxedMadd);
      } else {
        body.push(OP.localGet, ...leb(i), OP.localGet, ...leb(m), ...OP.f32x4Mul);
        body.push(OP.localGet, ...leb(a), ...OP.f32x4Add);
      }
      body.push(OP.localSet, ...leb(i));
    }
  }
  body.push(OP.localGet, 0, OP.i32Const, 1, OP.i32Sub, OP.localSet, 0, OP.br, 0, OP.end, OP.end);
  body.push(OP.localGet, 1);
  for (let i = 2; i <= chains; i++) body.push(OP.localGet, ...leb(i), ...OP.f32x4Add);
  body.push(...OP.f32x4ExtractLane, 0, OP.end);

  const locals = [1, ...leb(chains + 2), 0x7b]; // one run of v128 locals
  const func = [...locals, ...body];
  const name = [...new TextEncoder().encode('run')];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7d]), // type: (i32) -> f32
    ...section(3, [1, 0]), // one function of type 0
    ...section(7, [1, name.length, ...name, 0x00, 0]), // export "run" = func 0
    ...section(10, [1, ...leb(func.length), ...func]),
  ]);
}

export const flopsPerIteration = (chains = 12, unroll = 4) => chains * unroll * 8;

/// Whether this engine accepts the module of `kind`.
export const supported = (kind) => WebAssembly.validate(ceilingModule(kind));

const runners = new Map();

/// The compiled loop of `kind`, warmed up (tiered up to the optimising compiler) and with a call
/// sized to about 5 ms, so that a window ends on time. Built once per page and shape.
async function runner(kind, chains, unroll) {
  const key = `${kind}/${chains}/${unroll}`;
  if (!runners.has(key)) {
    const { instance } = await WebAssembly.instantiate(ceilingModule(kind, chains, unroll));
    const run = instance.exports.run;
    let n = 1000;
    for (let t0 = performance.now(); performance.now() - t0 < 100; ) run(n);
    for (;;) {
      const t0 = performance.now();
      run(n);
      const dt = performance.now() - t0;
      if (dt > 2) {
        n = Math.max(1, Math.round((n * 5) / dt));
        break;
      }
      n *= 4;
    }
    runners.set(key, { run, n });
  }
  return runners.get(key);
}

/// Runs the loop for about `ms` and returns GFLOP/s.
export async function measureCeiling(kind, ms, { chains = 12, unroll = 4 } = {}) {
  const { run, n } = await runner(kind, chains, unroll);
  const perCall = n * flopsPerIteration(chains, unroll);
  let flops = 0;
  let sink = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    sink += run(n);
    flops += perCall;
    t = performance.now();
  }
  if (!Number.isFinite(sink)) throw new Error(`ceiling loop returned ${sink}`);
  return flops / (t - t0) / 1e6;
}
