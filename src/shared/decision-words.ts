/**
 * Decisions in words (REVIEW §2.3–2.4), one wording for the drawer, the header and the exports: who decided,
 * what, and the reason they typed (issue 13 defect 2).
 */
import type { DecisionKind, Disposition } from './api.js';

/**
 * A reviewer's override as the drawer and the records export say it.
 * @example overrideWords({ value: 'Keep', reviewer: 'ana', reason: 'Active customer: keep' })
 *   → 'set to Keep by ana: Active customer: keep'
 */
export function overrideWords(o: { value: Disposition; reviewer: string; reason: string | null }): string {
  const by = o.reviewer.trim().length > 0 ? ` by ${o.reviewer.trim()}` : ' by a reviewer';
  const reason = o.reason?.trim() ?? '';
  return `set to ${o.value}${by}${reason.length > 0 ? `: ${reason}` : ''}`;
}

const KIND_TEXT: Record<DecisionKind, string> = {
  disposition_override: 'set disposition',
  clear_override: 'clear override',
  must_link: 'merge',
  cannot_link: 'split',
  set_primary: 'set primary',
  blacklist_add: 'add blacklist term',
  blacklist_remove: 'remove blacklist term',
  group_accepted: 'accept group',
  group_reviewed: 'mark reviewed',
};

/** One decision in a few words, for the Undo button's title. @example 'set disposition Keep (ACC-1)' */
export function describeDecision(e: {
  kind: DecisionKind;
  value: Disposition | null;
  term: string | null;
  account_ids: readonly string[] | null;
}): string {
  const target = e.term ?? e.account_ids?.[0] ?? '';
  const value = e.value === null ? '' : ` ${e.value}`;
  return `${KIND_TEXT[e.kind]}${value} (${target})`;
}
