/**
 * Decisions in words (REVIEW §2.3–2.4), one wording for the drawer, the header and the exports: who decided,
 * what, and the reason they typed (issue 13 defect 2).
 */
import type { DecisionKind, Disposition } from './api.js';
import { decisionIdKey } from './decision-keys.js';
import { changeIds, type PendingChange } from './decision-status.js';

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
  canonical_name: 'name group',
};

/**
 * One decision in a few words, for the Undo button's title.
 * @example 'set disposition Keep (ACC-1)'; 'name group "Acme Corp" (ACC-1)'
 */
export function describeDecision(e: {
  kind: DecisionKind;
  /** A disposition, or a canonical_name's typed name. */
  value: string | null;
  term: string | null;
  account_ids: readonly string[] | null;
}): string {
  const target = e.term ?? e.account_ids?.[0] ?? '';
  const value = e.value === null ? '' : e.kind === 'canonical_name' ? ` "${e.value}"` : ` ${e.value}`;
  return `${KIND_TEXT[e.kind]}${value} (${target})`;
}

/** Pending changes by the record keys they touch, built once per model for the per-member notes. */
export function pendingById(pending: readonly PendingChange[]): Map<string, PendingChange[]> {
  const byId = new Map<string, PendingChange[]>();
  for (const change of pending) {
    for (const id of changeIds(change)) {
      let list = byId.get(id);
      if (list === undefined) {
        list = [];
        byId.set(id, list);
      }
      list.push(change);
    }
  }
  return byId;
}

/**
 * The pending overlay of one member row (REVIEW §2.4 "pipeline: Update → you: Keep, applies on next run"): only
 * what differs from what this run applied (src/shared/decision-status.ts), so an override the run applied shows
 * as applied, never as pending (issue 13 defect 1). `groupKeys` are the decision keys of the group's members.
 */
export function memberNotes(
  member: { account_id: string; disposition: Disposition; disposition_reason: string; is_primary: boolean },
  changes: readonly PendingChange[],
  groupKeys: ReadonlySet<string>,
): string[] {
  const key = decisionIdKey(member.account_id);
  const notes: string[] = [];
  const source = member.disposition_reason === 'manual_override' ? 'this run' : 'pipeline';
  const apart: string[] = [];
  for (const change of changes) {
    switch (change.kind) {
      case 'override':
        notes.push(
          change.current === null
            ? 'override cleared → the pipeline decides, applies on next run'
            : `${source}: ${member.disposition} → you: ${change.current.value}, applies on next run`,
        );
        break;
      case 'primary':
        if (change.current && !member.is_primary) notes.push('you: primary, applies on next run');
        if (!change.current) notes.push('primary choice withdrawn, applies on next run');
        break;
      case 'link': {
        const other = change.a === key ? change.b : change.a;
        if (change.current === 'cannot_link' && groupKeys.has(other)) apart.push(other);
        else if (change.current === 'must_link' && !groupKeys.has(other)) {
          notes.push(`merge with ${other}, applies on next run`);
        } else if (change.current === null)
          notes.push(`${change.applied === 'must_link' ? 'merge' : 'split'} withdrawn, applies on next run`);
        break;
      }
      case 'term':
        break;
    }
  }
  // The record split out is apart from every other member; the others are apart from it only (no note).
  if (apart.length > 0 && apart.length >= groupKeys.size - 1)
    notes.push('split out of this group, applies on next run');
  return notes;
}
