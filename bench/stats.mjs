// Measurement discipline: every figure is the median of several windows, with its range; a
// window taken while the machine was busy with something else is taken again.
//
// "Busy" is judged by a CPU probe: 150 ms of the plain SIMD ceiling loop on the bench page, just
// before and just after each window. The machine has 2 cores and other builds share it; when one
// of them takes our core (or the hypervisor steals it), the probe drops. A window whose probe,
// before or after, is under PROBE_OK of the best probe seen so far is repeated, up to RETRIES
// times (none in the smoke run); after that it is kept and counted as disturbed, so a run on a busy
// machine still ends.

export const PROBE_OK = 0.85;
export const RETRIES = 3;

export function summarize(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: NaN, min: NaN, max: NaN, n: 0, windows: values };
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, min: sorted[0], max: sorted[n - 1], n, windows: values };
}

/// Runs `measure()` once as a window, checked by `probe()` on each side; returns its value.
export class Discipline {
  constructor(probe, { retries = RETRIES } = {}) {
    this.probe = probe;
    this.retries = retries;
    this.best = 0;
    this.retried = 0;
    this.disturbed = 0;
    this.log = [];
  }

  async window(label, measure) {
    for (let attempt = 0; ; attempt++) {
      const before = await this.probe();
      const value = await measure();
      const after = await this.probe();
      this.best = Math.max(this.best, before, after);
      const worst = Math.min(before, after) / this.best;
      if (worst >= PROBE_OK) return value;
      if (attempt >= this.retries) {
        this.disturbed += 1;
        this.log.push({ label, kept: true, probe: worst });
        return value;
      }
      this.retried += 1;
      this.log.push({ label, kept: false, probe: worst });
    }
  }
}

export const fmt = (x, digits = 0) =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';

/// "20,815 (20,100–21,300)": the median and the range of the windows.
export function fmtRange(s, digits = 0) {
  if (!s || !Number.isFinite(s.median)) return '–';
  if (s.n === 1) return fmt(s.median, digits);
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}
