/**
 * Disjoint sets over the integers 0..n-1 in two typed arrays (SPEC §6: one node per record, up to 1M+ records).
 * Union by size and path halving keep every operation near-constant and iterative: no recursion, so a
 * 100K-record component cannot overflow the stack.
 */
export class UnionFind {
  /** parent[x] = x for a root. */
  readonly parent: Int32Array;
  /** Set size; meaningful for roots only. */
  readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  /** Root of x's set. @example new UnionFind(3).find(2) → 2 */
  find(x: number): number {
    const parent = this.parent;
    let p = parent[x] as number;
    while (p !== x) {
      const grand = parent[p] as number;
      parent[x] = grand;
      x = p;
      p = grand;
    }
    return x;
  }

  /**
   * Merge the sets whose roots are ra and rb (ra ≠ rb, both roots); returns the surviving root.
   * The caller has already found the roots, usually to inspect them before deciding to join.
   */
  unionRoots(ra: number, rb: number): number {
    const size = this.size;
    const sa = size[ra] as number;
    const sb = size[rb] as number;
    // Ties keep the smaller index as root so that the shape does not depend on argument order.
    if (sa > sb || (sa === sb && ra < rb)) {
      this.parent[rb] = ra;
      size[ra] = sa + sb;
      return ra;
    }
    this.parent[ra] = rb;
    size[rb] = sa + sb;
    return rb;
  }

  /** Merge the sets of a and b; returns the surviving root, or -1 when they were already one set. */
  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    return ra === rb ? -1 : this.unionRoots(ra, rb);
  }

  /**
   * Label every element with its set, numbered 0..count-1 in order of each set's smallest element,
   * so labels depend only on the partition, never on the order of unions.
   * @example after union(1, 2) on 4 elements → { label: [0, 1, 1, 2], count: 3 }
   */
  labels(): { label: Int32Array; count: number } {
    const n = this.parent.length;
    const label = new Int32Array(n);
    const rootLabel = new Int32Array(n).fill(-1);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const r = this.find(i);
      let l = rootLabel[r] as number;
      if (l < 0) {
        l = count++;
        rootLabel[r] = l;
      }
      label[i] = l;
    }
    return { label, count };
  }
}
