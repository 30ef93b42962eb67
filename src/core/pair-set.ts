/**
 * A set of unordered pairs of non-negative integers (two cores that agree, two that are rivals), looked up either way
 * round: open addressing over two Int32Arrays. A JS Set of `x · cores + y` keys holds numbers past 2^31 as heap
 * numbers, each one allocated and hashed as a double (issue 14: 840K pairs at 1M records took ~0.2 s of the group
 * stage to add).
 */
export class PairSet {
  /** Slot s holds the pair (low[s], high[s]), low ≤ high; −1 in `low` marks an empty slot. */
  private readonly low: Int32Array;
  private readonly high: Int32Array;
  private readonly mask: number;

  private constructor(capacity: number) {
    this.low = new Int32Array(capacity).fill(-1);
    this.high = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The set of the pairs (a[k], b[k]). */
  static of(a: Int32Array, b: Int32Array): PairSet {
    if (a.length !== b.length) throw new Error('PairSet: pair columns differ in length.');
    // At most half full, so a probe ends soon.
    let capacity = 16;
    while (capacity < 2 * a.length) capacity *= 2;
    const set = new PairSet(capacity);
    for (let k = 0; k < a.length; k++) set.add(a[k] as number, b[k] as number);
    return set;
  }

  has(x: number, y: number): boolean {
    const lo = Math.min(x, y);
    const hi = Math.max(x, y);
    for (let s = this.slotOf(lo, hi); ; s = (s + 1) & this.mask) {
      const held = this.low[s] as number;
      if (held === -1) return false;
      if (held === lo && this.high[s] === hi) return true;
    }
  }

  private add(x: number, y: number): void {
    const lo = Math.min(x, y);
    const hi = Math.max(x, y);
    for (let s = this.slotOf(lo, hi); ; s = (s + 1) & this.mask) {
      const held = this.low[s] as number;
      if (held === lo && this.high[s] === hi) return;
      if (held !== -1) continue;
      this.low[s] = lo;
      this.high[s] = hi;
      return;
    }
  }

  private slotOf(lo: number, hi: number): number {
    return (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 1, 0x85ebca77)) & this.mask;
  }
}
