/**
 * For each string of a list, the index of its first occurrence in the list: what a `Map<string, number>` over the
 * list gives, through an open-addressing table of indices hashed on the code units (FNV-1a), so a million account
 * ids or names cost a typed array instead of a million Map entries (issue 14).
 *
 * Every string is hashed first, in one pass, and each slot keeps its string's hash: a probe compares strings only
 * when their hashes agree. Comparing the strings of every occupied slot met on the way, and hashing inside the probe
 * loop, made the 1M account ids of the bench file cost 400–600 ms instead of 75–130 ms.
 * @example firstOccurrences(['a', 'b', 'a']) → Int32Array [0, 1, 0]
 */
export function firstOccurrences(values: readonly string[]): Int32Array {
  const n = values.length;
  const out = new Int32Array(n);
  const hashes = new Int32Array(n);
  for (let i = 0; i < n; i++) hashes[i] = textHash(values[i] as string);
  const size = tableSize(n);
  const mask = size - 1;
  // Slot → index + 1 of the first string hashed there (0 = empty), and that string's hash.
  const slots = new Int32Array(size);
  const slotHashes = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    const hash = hashes[i] as number;
    let slot = hash & mask;
    for (;;) {
      const held = slots[slot] as number;
      if (held === 0) {
        slots[slot] = i + 1;
        slotHashes[slot] = hash;
        out[i] = i;
        break;
      }
      if (slotHashes[slot] === hash && values[held - 1] === values[i]) {
        out[i] = held - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return out;
}

/** FNV-1a's starting value, the hash of the empty string (above 2^31 as written; `| 0` makes it signed). */
const FNV_OFFSET_BASIS = 0x811c9dc5;

/** FNV-1a over a string's UTF-16 code units, as a signed 32-bit integer: the hash of the tables of strings (issue 14). */
export function textHash(text: string): number {
  return continuedTextHash(FNV_OFFSET_BASIS, text);
}

/**
 * `textHash(before + text)` from `textHash(before)`: FNV-1a goes code unit by code unit, so a hash continues over what
 * follows (a joined word looked up without joining it, `text-index.ts`). Signed 32 bits, as Int32Array holds it.
 */
export function continuedTextHash(hash: number, text: string): number {
  let next = hash;
  for (let c = 0; c < text.length; c++) next = Math.imul(next ^ text.charCodeAt(c), 0x01000193);
  return next | 0;
}

/** Slots of an open-addressing table for up to `entries` strings: a power of two, at most half full. */
export function tableSize(entries: number): number {
  let size = 16;
  while (size < 2 * entries) size *= 2;
  return size;
}
