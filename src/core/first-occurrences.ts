/**
 * For each string of a list, the index of its first occurrence in the list: what a `Map<string, number>` over the
 * list gives, through an open-addressing table of indices hashed on the code units (FNV-1a), so a million account
 * ids or names cost a typed array instead of a million Map entries (issue 14).
 * @example firstOccurrences(['a', 'b', 'a']) → Int32Array [0, 1, 0]
 */
export function firstOccurrences(values: readonly string[]): Int32Array {
  const n = values.length;
  const out = new Int32Array(n);
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  // Slot → index + 1 of the first string hashed there (0 = empty).
  const slots = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    const text = values[i] as string;
    let hash = 0x811c9dc5;
    for (let c = 0; c < text.length; c++) hash = Math.imul(hash ^ text.charCodeAt(c), 0x01000193);
    let slot = hash & mask;
    for (;;) {
      const held = slots[slot] as number;
      if (held === 0) {
        slots[slot] = i + 1;
        out[i] = i;
        break;
      }
      if (values[held - 1] === text) {
        out[i] = held - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return out;
}
