/**
 * Reviewed / accepted marks against a group of a run (SPEC §10): a mark applies to the member set it names. If
 * the group's members changed since, the group is unreviewed again and the UI says why — unless the only change
 * is the reviewers' own split (cannot-links) of records out of the marked set, which is what they asked for: the
 * mark is kept then, with a note (issue 13 defect 6). A steward's canonical name is judged the same way, without
 * that exception.
 */
import type { FoldedCanonicalName, FoldedDecisions, FoldedReviewed } from './decision-fold.js';
import { memberFingerprint } from './decision-keys.js';

export interface MarkVerdict {
  /** `current`: same members; `kept`: fewer members, every one gone split out by a cannot-link; else `stale`. */
  status: 'current' | 'kept' | 'stale';
  /** Why the mark was kept or dropped, in words; null when current. */
  note: string | null;
}

/** Record key → the keys it has a cannot-link with (the current fold), built once per fold. */
export function cannotPartners(folded: FoldedDecisions): Map<string, Set<string>> {
  const partners = new Map<string, Set<string>>();
  const add = (x: string, y: string): void => {
    let set = partners.get(x);
    if (set === undefined) {
      set = new Set();
      partners.set(x, set);
    }
    set.add(y);
  };
  for (const link of folded.links.values()) {
    if (link.kind !== 'cannot_link') continue;
    add(link.a, link.b);
    add(link.b, link.a);
  }
  return partners;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * How a mark stands against a group whose members (decision keys) are `groupKeys` and which holds at least one
 * marked record. `cannot` is `cannotPartners` of the current fold.
 */
export function judgeMark(
  mark: FoldedReviewed,
  groupKeys: readonly string[],
  cannot: ReadonlyMap<string, ReadonlySet<string>>,
): MarkVerdict {
  if (memberFingerprint(groupKeys) === mark.fingerprint) return { status: 'current', note: null };
  const marked = new Set(mark.accountIds);
  const group = new Set(groupKeys);
  const joined = [...group].filter((id) => !marked.has(id));
  const left = mark.accountIds.filter((id) => !group.has(id));
  const what = mark.kind === 'group_accepted' ? 'Accepted' : 'Marked reviewed';
  const when = `${what} by ${mark.reviewer} on ${mark.ts.slice(0, 10)} with ${plural(marked.size, 'member')}`;
  const splitOut = left.filter((id) => [...(cannot.get(id) ?? [])].some((other) => group.has(other)));
  if (joined.length === 0 && left.length > 0 && splitOut.length === left.length) {
    const gone = left.length === 1 ? 'the record gone since was' : `the ${left.length} records gone since were`;
    return {
      status: 'kept',
      note: `${when}; kept: ${gone} split out by a reviewer.`,
    };
  }
  const changes = [
    left.length > 0 ? `${plural(left.length, 'member')} left` : null,
    joined.length > 0 ? `${plural(joined.length, 'member')} joined` : null,
  ].filter((x) => x !== null);
  return { status: 'stale', note: `${when}; since then ${changes.join(' and ')}: review it again.` };
}

/**
 * How a canonical name (issue 13) stands against a group whose members (decision keys) are `groupKeys` and which
 * holds at least one named record: `current` for exactly the named set, else `stale` with what changed. Unlike a
 * reviewed mark it is never kept after a split: the name was chosen for the records it named.
 */
export function judgeCanonicalName(
  name: FoldedCanonicalName,
  groupKeys: readonly string[],
): { state: 'current' | 'stale'; staleReason: string | null } {
  if (memberFingerprint(groupKeys) === name.fingerprint) return { state: 'current', staleReason: null };
  const group = new Set(groupKeys);
  const kept = name.accountIds.filter((id) => group.has(id)).length;
  const joined = group.size - kept;
  const left = name.accountIds.length - kept;
  return {
    state: 'stale',
    staleReason: `named for ${plural(name.accountIds.length, 'member')}; since then ${plural(joined, 'record')} joined and ${plural(left, 'record')} left`,
  };
}
