import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChanges } from '../engine/review-changes.js';
import { computeReviewState, writeAppliedDecisions, writeReviewState } from '../engine/review-state.js';
import type { ReviewStore, RunTables } from '../engine/review-store.js';
import type { DecisionsSection } from '../journal/applied.js';
import type { Manifest } from '../pipeline/manifest.js';
import type { RunChanges } from '../shared/api.js';
import { HttpError } from './http-error.js';
import { JournalAccess } from './journal-access.js';
import { type RunRules, runRules } from './member-words.js';
import type { RunCatalog } from './run-catalog.js';

/** An opened run: its tables in the server's DuckDB, its rules, and its differences from the previous run. */
export interface OpenRun {
  manifest: Manifest;
  tables: RunTables;
  rules: RunRules;
  changes: RunChanges;
}

/** The artifacts the review server reads (SPEC §12). */
const REVIEW_ARTIFACTS = [
  'records.parquet',
  'groups.parquet',
  'pairs.parquet',
  'alias_matches.parquet',
  'search_tokens.parquet',
] as const;

/** The journal seq a run read (SPEC §10): its decisions up to it are applied, later ones pending. */
export function appliedSeqOf(manifest: Manifest): number {
  return (manifest.decisions as DecisionsSection | null)?.journal_seq ?? 0;
}

/** What every route shares: the workspace's runs and the one DuckDB store. */
export class ReviewContext {
  private readonly rules = new Map<string, RunRules>();
  /** Per materialised run: the journal seq its state table reflects, and the refresh in flight. */
  private readonly stateSeq = new WeakMap<RunTables, { seq: number; chain: Promise<void> }>();
  readonly journal: JournalAccess;

  constructor(
    readonly catalog: RunCatalog,
    readonly store: ReviewStore,
    journal?: JournalAccess,
  ) {
    this.journal = journal ?? new JournalAccess(catalog.workspace.root);
  }

  /** Forget a deleted run: its tables and rules (REVIEW §2.7). */
  async forget(runId: string): Promise<void> {
    this.rules.delete(runId);
    await this.store.drop(runId);
  }

  /**
   * Bring a run's review-state table up to the journal (issue 7, SPEC §10): on open and after every write.
   * Refreshes of one run are serialised and skipped when the journal has not moved.
   */
  async refreshState(manifest: Manifest, tables: RunTables): Promise<void> {
    let entry = this.stateSeq.get(tables);
    if (entry === undefined) {
      entry = { seq: -1, chain: Promise.resolve() };
      this.stateSeq.set(tables, entry);
    }
    const current = entry;
    const next = current.chain.then(async () => {
      const { events } = await this.journal.events();
      const seq = events.at(-1)?.seq ?? 0;
      if (seq === current.seq) return;
      const journalSeq = appliedSeqOf(manifest);
      // What the run applied is the fold up to its journal seq, which later events never change: written once.
      if (current.seq === -1) await writeAppliedDecisions(this.store, tables, events, manifest.dataset, journalSeq);
      const rows = await computeReviewState(this.store, tables, events, manifest.dataset, journalSeq);
      await writeReviewState(this.store, tables, rows);
      current.seq = seq;
    });
    current.chain = next.catch(() => undefined);
    await next;
  }

  /**
   * A complete run, materialised on first use (404 unknown, 409 not complete). The comparison with the
   * previous run is part of opening, so a row's `change` does not depend on which view was opened first.
   */
  async open(runId: string): Promise<OpenRun> {
    const { manifest, dir } = await this.catalog.complete(runId);
    for (const artifact of REVIEW_ARTIFACTS) {
      if (!existsSync(join(dir, artifact))) {
        throw new HttpError(409, `run "${runId}" has no ${artifact} (an older or damaged run): run the input again`);
      }
    }
    const tables = await this.store.tables(runId, dir);
    const changes = await ensureChanges(this.store, tables, () => this.catalog.previous(manifest));
    await this.refreshState(manifest, tables);
    let rules = this.rules.get(runId);
    if (rules === undefined) {
      rules = runRules(manifest);
      this.rules.set(runId, rules);
    }
    return { manifest, tables, rules, changes };
  }
}
