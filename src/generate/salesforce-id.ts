/** Salesforce-style Account ids for generated rows (SPEC §2.2). */
import { toCaseSafeId } from '../core/salesforce-id.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * An 18-character Account id: key prefix `001`, a two-character instance (`pod`), a reserved `0`, nine base-62
 * digits of `serial`, then the case-safe suffix. Distinct serials give distinct ids.
 */
export function salesforceId(pod: string, serial: number): string {
  let digits = '';
  let n = serial;
  for (let i = 0; i < 9; i++) {
    digits = BASE62[n % 62] + digits;
    n = Math.floor(n / 62);
  }
  const id15 = `001${pod}0${digits}`;
  return toCaseSafeId(id15);
}

/** A two-character instance code such as `Hs` or `5e`, drawn from the seed. */
export function podFor(hash: number): string {
  return BASE62[10 + (hash % 26)]! + BASE62[(hash >>> 8) % 62]!;
}
