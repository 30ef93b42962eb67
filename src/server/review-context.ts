import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChanges } from '../engine/review-changes.js';
import type { ReviewStore, RunTables } from '../engine/review-store.js';
import type { Manifest } from '../pipeline/manifest.js';
import type { RunChanges } from '../shared/api.js';
import { HttpError } from './http-error.js';
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

/** What every route shares: the workspace's runs and the one DuckDB store. */
export class ReviewContext {
  private readonly rules = new Map<string, RunRules>();

  constructor(
    readonly catalog: RunCatalog,
    readonly store: ReviewStore,
  ) {}

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
    let rules = this.rules.get(runId);
    if (rules === undefined) {
      rules = runRules(manifest);
      this.rules.set(runId, rules);
    }
    return { manifest, tables, rules, changes };
  }
}
