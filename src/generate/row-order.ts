/**
 * File order of a generated dataset: one slot per row holding its entity (or JUNK_ROW), shuffled so that an
 * entity's records are spread through the file the way years of hand entry spread them, never side by side.
 * One Int32Array of length `rows` is the only per-row structure the generator keeps.
 */
import type { EntityTable } from './entities.js';
import type { Rng } from './random.js';

export const JUNK_ROW = -1;

/** Passes of the neighbour-fixing sweep; one almost always suffices, the rest catch swaps that made new pairs. */
const ADJACENCY_PASSES = 4;
const SWAP_TRIES = 24;

/**
 * Lays out `rows` slots: each entity `size[e]` times, the remainder junk, then a Fisher–Yates shuffle and a sweep
 * that moves a record away when it sits next to a record of the same entity (best effort: an entity holding more
 * than half the rows cannot be spread).
 */
export function layoutRows(rng: Rng, entities: EntityTable, rows: number): Int32Array {
  const order = new Int32Array(rows).fill(JUNK_ROW);
  let at = 0;
  for (let e = 0; e < entities.count; e++) {
    const size = entities.size[e]!;
    order.fill(e, at, at + size);
    at += size;
  }
  for (let i = rows - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const fits = (value: number, position: number): boolean =>
    (position === 0 || order[position - 1] !== value) && (position === rows - 1 || order[position + 1] !== value);
  for (let pass = 0; pass < ADJACENCY_PASSES; pass++) {
    let moved = 0;
    for (let i = 1; i < rows; i++) {
      const value = order[i]!;
      if (value === JUNK_ROW || order[i - 1] !== value) continue;
      for (let tries = 0; tries < SWAP_TRIES; tries++) {
        const j = rng.int(rows);
        if (Math.abs(j - i) <= 1) continue;
        const other = order[j]!;
        if (other === value || !fits(value, j)) continue;
        order[i] = other;
        if (!fits(other, i)) {
          order[i] = value;
          continue;
        }
        order[j] = value;
        moved++;
        break;
      }
    }
    if (moved === 0) break;
  }
  return order;
}
