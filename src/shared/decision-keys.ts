/**
 * The keys decisions are folded and matched by (SPEC §10), one definition for the pipeline, the server and the
 * web app. Imports zod-free pure code only: `src/core/salesforce-id.ts` has no imports of its own.
 */
import { canonicalAccountId } from '../core/salesforce-id.js';
import type { DecisionKind } from './api.js';

/**
 * The key an account id is folded and matched by: the case-safe 18-character form of a Salesforce-shaped id, so
 * the 15- and 18-character forms of one record are one key (SPEC §10); anything else as given (trimmed).
 * @example decisionIdKey('001Hs000054S8kI') → '001Hs000054S8kIIAS'; decisionIdKey('ACC-1') → 'ACC-1'
 */
export function decisionIdKey(id: string): string {
  return canonicalAccountId(id, true);
}

/** Normalised key of a manual blacklist term (the classify stage normalises it again like a name, SPEC §9.2). */
export function termKey(term: string): string {
  return term.trim().replaceAll(/\s+/g, ' ').toLowerCase();
}

/**
 * 64-bit FNV-1a of a string (two 32-bit lanes), as 16 hex digits: a member-set fingerprint the browser can
 * compute too (no node:crypto). Collisions only matter between sets that share a member, so 64 bits is plenty.
 */
function fnv64(text: string): string {
  let lo = 0x84222325;
  let hi = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    // (hi·2^32 + lo) · (2^40 + 0x1b3) mod 2^64: every partial product stays below 2^53, so doubles are exact.
    const loMul = lo * 0x1b3;
    const carry = Math.floor(loMul / 0x100000000);
    const newLo = loMul >>> 0;
    hi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = newLo;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/**
 * Fingerprint of a member set: reviewed/accepted apply to exactly these members (SPEC §10).
 * @example memberFingerprint(['b', 'a']) === memberFingerprint(['a', 'b'])
 */
export function memberFingerprint(accountIds: readonly string[]): string {
  return fnv64([...new Set(accountIds.map(decisionIdKey))].sort().join('\n'));
}

/** A group's key in the journal: `g-` + its smallest canonical id, as `group_id` is built (SPEC §6). */
export function groupKeyOf(accountIds: readonly string[]): string {
  const sorted = accountIds.map(decisionIdKey).sort();
  return `g-${sorted[0] ?? ''}`;
}

/** The pairs a link event states: its first id with each of the others, each pair ordered (a < b). */
export function linkPairs(ids: readonly string[]): [string, string][] {
  const first = ids[0];
  if (first === undefined) return [];
  const pairs: [string, string][] = [];
  for (const other of ids.slice(1)) if (other !== first) pairs.push(first < other ? [first, other] : [other, first]);
  return pairs;
}

/**
 * What a target key looks like: `record:<id>`, `pair:<a>|<b>`, `primary:<id>`, `group:<key>`, `name:<key>`,
 * `term:<key>`.
 */
export type TargetKey = string;

/**
 * The targets an event touches: two writes conflict when they share a target (SPEC §10 "no lost updates"), and a
 * decision is pending when one of its targets differs from what the run applied. Overrides target the record;
 * links the unordered pair; set_primary every member it names; group marks the group; a canonical name the
 * group's name (issue 13); terms the term.
 */
export function targetsOf(e: {
  kind: DecisionKind;
  account_ids: readonly string[] | null;
  term: string | null;
}): TargetKey[] {
  const ids = (e.account_ids ?? []).map(decisionIdKey);
  switch (e.kind) {
    case 'disposition_override':
    case 'clear_override':
      return ids.map((id) => `record:${id}`);
    case 'must_link':
    case 'cannot_link':
      return linkPairs(ids).map(([a, b]) => `pair:${a}|${b}`);
    case 'set_primary':
      return ids.map((id) => `primary:${id}`);
    case 'group_accepted':
    case 'group_reviewed':
      return [`group:${groupKeyOf(ids)}`];
    case 'canonical_name':
      return [`name:${groupKeyOf(ids)}`];
    case 'blacklist_add':
    case 'blacklist_remove':
      return [`term:${termKey(e.term ?? '')}`];
  }
}
