// The few messages of gradlab's worker protocol (src/protocol.rs) that the benchmark sends and
// reads, in postcard's encoding: unsigned integers as LEB128 varints, enum variants by their index
// in declaration order, f32/f64 little-endian, strings and vectors as a varint length then items.
//
// The harness talks to the worker directly, as the Performance chapter does, so that it can ask
// for one batch size and a window length the chapter does not offer; the app is unchanged.
// The variant indices below must follow the enums in src/protocol.rs. `make bench-smoke` (in
// `make test`) would catch a drift: a wrong index is answered with `Failed` or decodes to
// nonsense, which `decodeEvent` refuses.

// enum Command { Ping, BenchGemm, BenchTrain, Cancel, Lab, Translate, SelfTest, Finetune, Scale,
//                SeqFinetune }
const CMD_BENCH_GEMM = 1;
const CMD_BENCH_TRAIN = 2;
// enum Event { Ready, Pong, GemmProgress, GemmDone, DataProgress, DataReady, TrainProgress,
//              TrainDone, Lab, Translate, Losses, Cancelled, Failed, Panicked, Finetune, Scale,
//              SeqFinetune }
const EVENT_NAMES = [
  'Ready', 'Pong', 'GemmProgress', 'GemmDone', 'DataProgress', 'DataReady', 'TrainProgress',
  'TrainDone', 'Lab', 'Translate', 'Losses', 'Cancelled', 'Failed', 'Panicked', 'Finetune', 'Scale',
  'SeqFinetune',
];

class Writer {
  bytes = [];
  varint(n) {
    let v = BigInt(n);
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      this.bytes.push(v ? low | 0x80 : low);
    } while (v);
    return this;
  }
  f64(x) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, true);
    this.bytes.push(...b);
    return this;
  }
  bool(x) {
    this.bytes.push(x ? 1 : 0);
    return this;
  }
  string(s) {
    const b = new TextEncoder().encode(s);
    this.varint(b.length);
    this.bytes.push(...b);
    return this;
  }
}

class Reader {
  constructor(bytes) {
    this.b = Uint8Array.from(bytes);
    this.view = new DataView(this.b.buffer);
    this.at = 0;
  }
  need(n) {
    if (this.at + n > this.b.length) throw new Error(`worker message ends early at byte ${this.at}`);
  }
  varint() {
    let v = 0n;
    for (let shift = 0n; ; shift += 7n) {
      this.need(1);
      const byte = this.b[this.at++];
      v |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return Number(v);
      if (shift > 63n) throw new Error('varint too long');
    }
  }
  f64() {
    this.need(8);
    const x = this.view.getFloat64(this.at, true);
    this.at += 8;
    return x;
  }
  f32() {
    this.need(4);
    const x = this.view.getFloat32(this.at, true);
    this.at += 4;
    return x;
  }
  string() {
    const n = this.varint();
    this.need(n);
    const s = new TextDecoder('utf-8', { fatal: true }).decode(this.b.subarray(this.at, this.at + n));
    this.at += n;
    return s;
  }
  vec(item) {
    return Array.from({ length: this.varint() }, () => item(this));
  }
  end() {
    if (this.at !== this.b.length) throw new Error(`${this.b.length - this.at} bytes left over`);
  }
}

/// Command::BenchTrain(TrainBenchConfig { batches, millis_per_batch, warmup_steps, seed })
export function benchTrain({ batch, millis, warmup = 3, seed = 0 }) {
  return new Writer()
    .varint(CMD_BENCH_TRAIN)
    .varint(1)
    .varint(batch)
    .f64(millis)
    .varint(warmup)
    .varint(seed).bytes;
}

/// Command::BenchGemm(GemmBenchConfig { shapes: [GemmShape::cube(n)], millis_per_shape })
export function benchGemmCube({ n, millis }) {
  return new Writer()
    .varint(CMD_BENCH_GEMM)
    .varint(1)
    .string(`${n}³`)
    .varint(n)
    .varint(n)
    .varint(n)
    .bool(false)
    .bool(false)
    .f64(millis).bytes;
}

/// The events the benchmark waits for, as plain objects: { kind, ... }. Others: { kind } only.
export function decodeEvent(bytes) {
  const r = new Reader(bytes);
  const kind = EVENT_NAMES[r.varint()];
  switch (kind) {
    case 'TrainDone': {
      const results = r.vec((x) => ({
        batch: x.varint(),
        steps: x.varint(),
        samplesPerSec: x.f64(),
        gflops: x.f64(),
        firstLoss: x.f32(),
        lastLoss: x.f32(),
        memoryBytes: x.varint(),
      }));
      r.end();
      return { kind, results };
    }
    case 'GemmDone': {
      const results = r.vec((x) => ({
        label: x.string(),
        m: x.varint(),
        n: x.varint(),
        k: x.varint(),
        gflops: x.f64(),
      }));
      r.end();
      return { kind, results };
    }
    case 'Failed':
    case 'Panicked': {
      const message = r.string();
      r.end();
      return { kind, message };
    }
    case undefined:
      throw new Error(`unknown worker event ${bytes[0]}`);
    default:
      return { kind };
  }
}
