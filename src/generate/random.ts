/**
 * The generator's own seeded randomness. Everything structural (entity sizes, variants, shuffling, columns) draws
 * from one `Rng` stream in a fixed order, so a seed and a row count give a byte-identical file. Faker is used only
 * to fill word pools once per run (pools.ts), because a faker call per row would cost more than the whole row.
 */

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128-bit state, passes PractRand, ~2 ns a draw. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    // Mix the seed in before the first draw so that nearby seeds give unrelated streams.
    for (let i = 0; i < 16; i++) this.u32();
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.float() * list.length)]!;
  }

  /** Index drawn with a Zipf-like bias towards the head of a list (weight 1/(i+1)^s), for realistic token frequencies. */
  zipfIndex(n: number, s = 1): number {
    // Inverse of the continuous approximation of the Zipf CDF; cheap and good enough for word choice.
    const u = this.float();
    if (s === 1) return Math.min(n - 1, Math.floor(Math.exp(u * Math.log(n + 1)) - 1));
    const a = 1 - s;
    const max = ((n + 1) ** a - 1) / a;
    return Math.min(n - 1, Math.max(0, Math.floor((1 + u * max * a) ** (1 / a) - 1)));
  }

  pickZipf<T>(list: readonly T[], s = 1): T {
    return list[this.zipfIndex(list.length, s)]!;
  }
}

/** 32-bit finaliser (murmur3 fmix32): a stateless hash, so per-entity attributes need no stored state. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of (seed, key, salt), used to derive a stable attribute of an entity without storing it. */
export function hash3(seed: number, key: number, salt: number): number {
  return mix32(mix32(mix32(seed ^ 0x5bd1e995) ^ key) + Math.imul(salt, 0x27d4eb2d));
}

/**
 * A bijection of [0, n): maps file positions to creation ranks, so ids and created dates are not in file order
 * while any row's id can still be computed from its position (a parent pointer needs no lookup table).
 * Cycle-walking over an invertible mix of the next power of two.
 */
export class Permutation {
  private readonly bits: number;
  private readonly mask: number;
  private readonly k1: number;
  private readonly k2: number;

  constructor(
    private readonly n: number,
    seed: number,
  ) {
    let bits = 1;
    while (2 ** bits < n) bits++;
    this.bits = bits;
    this.mask = bits >= 32 ? 0xffffffff : 2 ** bits - 1;
    this.k1 = (mix32(seed ^ 0x1234567) | 1) >>> 0;
    this.k2 = (mix32(seed ^ 0x7654321) & this.mask) >>> 0;
  }

  at(i: number): number {
    let x = i;
    do {
      x = this.round(x);
    } while (x >= this.n);
    return x;
  }

  private round(v: number): number {
    const half = Math.max(1, this.bits >> 1);
    let x = (Math.imul(v, this.k1) >>> 0) & this.mask;
    x ^= x >>> half;
    x = (x ^ this.k2) & this.mask;
    x = (Math.imul(x, 0x2c1b3c6d | 1) >>> 0) & this.mask;
    x ^= x >>> half;
    return x >>> 0;
  }
}

/** A seeded uniform [0, 1) source as a plain function, for benchmarks and seeded tests. */
export function seededUniform(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.float();
}
