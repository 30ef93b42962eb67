import { NAME_CLASS_CODE } from './column-codes.js';

/**
 * Whether a record takes part in matching (SPEC §4): usable names and multi-name entries (through their core);
 * junk and unusable names never block, score or group. @example participates(Uint8Array.of(NAME_CLASS_CODE.junk), 0) → false
 */
export function participates(nameClass: Uint8Array, i: number): boolean {
  const c = nameClass[i];
  return c === NAME_CLASS_CODE.usable || c === NAME_CLASS_CODE.multi;
}
