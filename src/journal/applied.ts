import { join } from 'node:path';
import { DISPOSITION_CODE, NO_OVERRIDE } from '../core/column-codes.js';
import { UsageError } from '../core/errors.js';
import type { Disposition } from '../core/types.js';
import { decisionModel } from '../shared/decision-status.js';
import type { DecisionEvent } from './events.js';
import { decisionIdKey, foldDecisions } from './fold.js';
import { JOURNAL_FILE, JournalError, type JournalRead, readJournal, tornMessage } from './journal-file.js';

/**
 * The current decisions of one dataset as the pipeline applies them (SPEC §10): plain sorted data, so each
 * stage can hash exactly the part it uses into its cache key. Ids are `decisionIdKey`s.
 */
export interface AppliedDecisions {
  dataset: string;
  /** The highest seq in the journal when the run read it: later structural events are pending (SPEC §13). */
  journalSeq: number;
  overrides: { id: string; value: Disposition; seq: number }[];
  mustLinks: { a: string; b: string; seq: number }[];
  cannotLinks: { a: string; b: string; seq: number }[];
  primaries: { id: string; seq: number }[];
  manualTerms: { term: string; seq: number }[];
}

/** Per-stage slices for `Stage.extraKey` (a change to an override does not redo grouping). */
export const decisionKeys = {
  classify: (d: AppliedDecisions | null) => d?.manualTerms.map((t) => t.term).sort() ?? [],
  group: (d: AppliedDecisions | null) => (d === null ? null : { must: d.mustLinks, cannot: d.cannotLinks }),
  survive: (d: AppliedDecisions | null) => d?.primaries ?? [],
  dispose: (d: AppliedDecisions | null) => d?.overrides ?? [],
};

/** A decision the run could not apply: it names an account id no record of this run has (SPEC §10). */
export interface StaleDecision {
  seq: number;
  kind: string;
  account_ids: string[];
  missing: string[];
}

/** The manifest's `decisions` section, merged over the stages that apply decisions. */
export interface DecisionsSection {
  applied: Record<string, number>;
  stale: StaleDecision[];
  /** must-links refused because they contradict a cannot-link (SPEC §6). */
  contradicted: { seq: number; a: string; b: string }[];
  /** The journal's highest seq when the run read it. */
  journal_seq?: number;
  /**
   * Must-links of every dataset read as aliases of the dictionary (issue 10), and those whose records no complete
   * run names.
   */
  steward_aliases?: { links: number; unresolved: number };
}

export function emptySection(): DecisionsSection {
  return { applied: {}, stale: [], contradicted: [] };
}

/** Merge one stage's section into the running total. */
export function mergeSections(into: DecisionsSection, part: DecisionsSection): DecisionsSection {
  for (const [kind, n] of Object.entries(part.applied)) into.applied[kind] = (into.applied[kind] ?? 0) + n;
  into.stale.push(...part.stale);
  into.contradicted.push(...part.contradicted);
  into.stale.sort((x, y) => x.seq - y.seq);
  return into;
}

/**
 * Split, merge and set-primary decisions of `dataset` pending for a run that read the journal up to `afterSeq`
 * (the shared model's `pending`, src/shared/decision-status.ts): a merge plan from that run would ignore them.
 * A decision made and undone since is not pending; one split naming many pairs counts once.
 */
export async function countPendingStructural(
  workspaceRoot: string,
  dataset: string,
  afterSeq: number,
): Promise<number> {
  let read: JournalRead;
  try {
    read = await readJournal(join(workspaceRoot, JOURNAL_FILE));
  } catch (error) {
    if (error instanceof JournalError) throw new UsageError(error.message, 'journal');
    throw error;
  }
  const { pending } = decisionModel(read.events, dataset, afterSeq);
  return new Set(pending.filter((p) => p.kind === 'link' || p.kind === 'primary').map((p) => p.seq)).size;
}

/**
 * Load `<workspace>/decisions.jsonl` (read-only, no lock) and fold it for `dataset`. A torn last line is not
 * dropped silently: the intact events apply and the one-line report becomes a run warning.
 */

export async function loadAppliedDecisions(
  workspaceRoot: string,
  dataset: string,
): Promise<{ decisions: AppliedDecisions; warning: string | null; events: DecisionEvent[] }> {
  let read: JournalRead;
  try {
    read = await readJournal(join(workspaceRoot, JOURNAL_FILE));
  } catch (error) {
    if (error instanceof JournalError) throw new UsageError(error.message, 'journal');
    throw error;
  }
  const folded = foldDecisions(read.events, dataset);
  const byId = <T extends { id: string }>(x: T, y: T): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  const links = [...folded.links.values()].sort((x, y) => x.seq - y.seq);
  return {
    decisions: {
      dataset,
      journalSeq: read.events.reduce((max, e) => Math.max(max, e.seq), 0),
      overrides: [...folded.overrides].map(([id, o]) => ({ id, value: o.value, seq: o.seq })).sort(byId),
      mustLinks: links.filter((l) => l.kind === 'must_link').map(({ a, b, seq }) => ({ a, b, seq })),
      cannotLinks: links.filter((l) => l.kind === 'cannot_link').map(({ a, b, seq }) => ({ a, b, seq })),
      primaries: [...folded.primaries].map(([id, seq]) => ({ id, seq })).sort(byId),
      manualTerms: [...folded.manualTerms.values()].map((t) => ({ term: t.term, seq: t.seq })),
    },
    warning: read.tornAt === null ? null : `${tornMessage(read.tornAt)} This run applied the intact events only.`,
    events: read.events,
  };
}

/**
 * The journal's intact events for a caller that brings its own decisions (read-only, no lock); an unreadable journal
 * gives none.
 */
export async function journalEventsOrNone(workspaceRoot: string): Promise<DecisionEvent[]> {
  try {
    return (await readJournal(join(workspaceRoot, JOURNAL_FILE))).events;
  } catch (error) {
    if (error instanceof JournalError) return [];
    throw error;
  }
}

/**
 * The current must-links of every dataset of a journal's events (issue 10: a steward's merge is remembered as an
 * alias for later runs and other datasets), by dataset, oldest first.
 */
export function mustLinksOfEveryDataset(
  events: readonly DecisionEvent[],
): Map<string, { a: string; b: string; seq: number }[]> {
  const out = new Map<string, { a: string; b: string; seq: number }[]>();
  for (const dataset of new Set(events.map((e) => e.dataset))) {
    const links = [...foldDecisions(events, dataset).links.values()]
      .filter((l) => l.kind === 'must_link')
      .sort((x, y) => x.seq - y.seq)
      .map(({ a, b, seq }) => ({ a, b, seq }));
    if (links.length > 0) out.set(dataset, links);
  }
  return out;
}

/** True when there is nothing record-level to apply (the stages then skip loading account ids). */
export function hasRecordDecisions(d: AppliedDecisions | null): d is AppliedDecisions {
  return d !== null && d.overrides.length + d.mustLinks.length + d.cannotLinks.length + d.primaries.length > 0;
}

/** account id key → record index, over the run's canonical ids (15- and 18-character forms both match). */
export function recordIndexByKey(accountIds: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < accountIds.length; i++) index.set(decisionIdKey(accountIds[i] as string), i);
  return index;
}

/** Record pairs for grouping, and the links that name a missing record (stale). */
export function linkPairsToRecords(
  links: readonly { a: string; b: string; seq: number }[],
  index: ReadonlyMap<string, number>,
  kind: 'must_link' | 'cannot_link',
): { a: Int32Array; b: Int32Array; seqs: number[]; stale: StaleDecision[] } {
  const a: number[] = [];
  const b: number[] = [];
  const seqs: number[] = [];
  const stale: StaleDecision[] = [];
  for (const link of links) {
    const x = index.get(link.a);
    const y = index.get(link.b);
    if (x === undefined || y === undefined) {
      stale.push({
        seq: link.seq,
        kind,
        account_ids: [link.a, link.b],
        missing: [x === undefined ? link.a : null, y === undefined ? link.b : null].filter((v) => v !== null),
      });
      continue;
    }
    a.push(x);
    b.push(y);
    seqs.push(link.seq);
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b), seqs, stale };
}

/** survivorship's `setPrimarySeq` column (SPEC §8 rule 0). */
export function setPrimarySeqColumn(
  primaries: readonly { id: string; seq: number }[],
  index: ReadonlyMap<string, number>,
  recordCount: number,
): { column: Int32Array; applied: number; stale: StaleDecision[] } {
  const column = new Int32Array(recordCount).fill(-1);
  const stale: StaleDecision[] = [];
  let applied = 0;
  for (const p of primaries) {
    const i = index.get(p.id);
    if (i === undefined) stale.push({ seq: p.seq, kind: 'set_primary', account_ids: [p.id], missing: [p.id] });
    else {
      column[i] = p.seq;
      applied++;
    }
  }
  return { column, applied, stale };
}

/** disposition's `override` column (SPEC §9.1 rule 1). */
export function overrideColumn(
  overrides: readonly { id: string; value: Disposition; seq: number }[],
  index: ReadonlyMap<string, number>,
  recordCount: number,
): { column: Uint8Array; applied: number; stale: StaleDecision[] } {
  const column = new Uint8Array(recordCount).fill(NO_OVERRIDE);
  const stale: StaleDecision[] = [];
  let applied = 0;
  for (const o of overrides) {
    const i = index.get(o.id);
    if (i === undefined) {
      stale.push({ seq: o.seq, kind: 'disposition_override', account_ids: [o.id], missing: [o.id] });
    } else {
      column[i] = DISPOSITION_CODE[o.value];
      applied++;
    }
  }
  return { column, applied, stale };
}
