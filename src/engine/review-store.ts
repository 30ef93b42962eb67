import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { DISPOSITION_REASONS } from '../core/column-codes.js';
import { Engine, type EngineOptions } from './database.js';
import { sqlString } from './sql-quote.js';

/** A value bound to a `?` placeholder: the review server binds every user-supplied value (REVIEW §1). */
export type BoundValue = string | number | boolean | null;

/**
 * Groups of at least this many records rank as "large" in the work queue (REVIEW §2.2: "then large groups"):
 * a wrong merge there moves the most records.
 */
export const LARGE_GROUP_SIZE = 10;

/** The DuckDB tables of one opened run (names are derived from the run id, never from request text). */
export interface RunTables {
  readonly runId: string;
  readonly dir: string;
  /** One row per group: groups.parquet without the merge preview, plus risk order and join-reason flags. */
  readonly groups: string;
  /** The member columns of records.parquet the review screens show, sorted by gid (see `materialise`). */
  readonly members: string;
  /** search_tokens.parquet, sorted by token (a prefix is a range scan over zone maps). */
  readonly tokens: string;
  /** Distinct tokens with their record counts: the fuzzy-search vocabulary. */
  readonly vocab: string;
  /** Scored pairs whose two keys are in the same group, sorted by group. */
  readonly edges: string;
  /** alias_matches.parquet with the group of the alias's record. */
  readonly aliases: string;
  /** groups.parquet's merge previews of multi-record groups. */
  readonly previews: string;
  /** Review state per group: rewritten from the folded journal (src/engine/review-state.ts). */
  readonly state: string;
  /** Who made the decisions the run applied (src/engine/review-state.ts `writeAppliedDecisions`). */
  readonly applied: string;
  /** Differences from the previous run of the dataset, once computed (see review-changes). */
  changes: string | null;
  /** Tables a screen builds on first use (the workbench's pairs, canonical names); dropped with the run. */
  readonly extra: Set<string>;
  totalGroups: number;
  lastUsed: number;
}

/** Rank of a Verify reason in SPEC §9.1 rule order: the work queue shows the first rule's groups first. */
const VERIFY_REASON_RANK = `CASE disposition_reason ${DISPOSITION_REASONS.map((r, i) => `WHEN ${sqlString(r)} THEN ${i}`).join(' ')} END`;

/**
 * The work-queue tier of a group (REVIEW §2.2, issue 13 defect 7), one SQL expression over a groups row;
 * `RISK_TIERS` in src/shared/api.ts names the values in this order:
 *   0 delete     a Delete record — deleting an account cascades in Salesforce: the most destructive proposal
 *   1 verify     a Verify record — a human must decide (unusable-name singletons excepted, see 6)
 *   2 weak_join  joined by a medium edge (score ≥ medium + a shared distinctive token), or flagged weak_bridge /
 *                suffix_conflict — the joins most likely to be wrong
 *   3 large      LARGE_GROUP_SIZE or more records — a wrong merge moves the most records
 *   4 fuzzy      joined by high edges only — similar names, strong evidence
 *   5 exact      plain exact-name groups
 *   6 unusable   a singleton whose name is unusable (`?`, `1099`, a phone number): nothing would be merged or
 *                deleted; it waits for the name to be fixed in the CRM — last in the queue
 *   7 singleton  one record, Keep — not in the queue
 */
const RISK_TIER_SQL = `CASE
    WHEN delete_count > 0 THEN 0
    WHEN verify_count > 0 AND NOT (size = 1 AND verify_reason = 'unusable_name') THEN 1
    WHEN has_medium_edge OR weak_bridge OR suffix_conflict THEN 2
    WHEN size >= ${LARGE_GROUP_SIZE} THEN 3
    WHEN size > 1 AND NOT all_exact THEN 4
    WHEN size > 1 THEN 5
    WHEN verify_count > 0 THEN 6
    ELSE 7 END`;

/**
 * The risk order itself: tier, then the most urgent Verify reason, then bigger groups first, then group_id —
 * numbered once per run, so `sort=risk` is an ORDER BY over one unique integer.
 */
const RISK_ORDER_SQL = 'risk_tier, coalesce(verify_reason_rank, 255), size DESC, gid';

/** Read results kept between writes (least recently used dropped first), and the largest result kept. */
const READ_CACHE_ENTRIES = 500;
const READ_CACHE_MAX_ROWS = 2_000;

/** Runs kept materialised at once; the least recently used is dropped beyond this. */
const MAX_OPEN_RUNS = 4;

/**
 * The review server's one long-lived DuckDB instance (REVIEW §1). A run's Parquet artifacts are materialised
 * into tables the first time the run is opened — the groups table and the search index become plain DuckDB
 * tables with zone maps, so a page, a filter or a prefix search never re-reads Parquet.
 *
 * Writes (`run`) go one at a time through one connection; reads (`rows`) go through a small pool of connections
 * in parallel (issue 12 defect 10: one query at a time capped the server at ~27 requests/s whatever the number of
 * clients). Order is kept as a readers–writer queue: a read waits for every write issued before it (it sees what
 * was written), a write waits for every read issued before it (a DROP never pulls a table from under a read).
 * Reads do not see the write connection's TEMP tables: statements that use them go through `run`, or use plain
 * tables (export-files).
 *
 * Between two writes the database does not change, so a read's result is kept until the next write: the same
 * statement with the same parameters (fifty reviewers on the first page of the work queue) runs once, and
 * identical reads in flight share one execution. Every caller gets its own copy of the rows.
 */
export class ReviewStore {
  /** The last write issued (never rejects): every later statement starts after it. */
  private lastWrite: Promise<unknown> = Promise.resolve();
  /** Reads issued since the last write and not settled yet: the next write starts after them. */
  private readsSinceWrite = new Set<Promise<unknown>>();
  private readonly idleReaders: Engine[];
  private readonly waitingForReader: ((reader: Engine) => void)[] = [];
  /** Reads since the last write, by statement and parameters (see the class comment). */
  private readonly readCache = new Map<string, Promise<Record<string, unknown>[]>>();
  private readonly runs = new Map<string, Promise<RunTables>>();

  private constructor(
    private readonly writer: Engine,
    private readonly readers: readonly Engine[],
  ) {
    this.idleReaders = [...readers];
  }

  static async open(options: EngineOptions): Promise<ReviewStore> {
    const writer = await Engine.open(options);
    const readers: Engine[] = [];
    for (let i = 0; i < Math.max(1, options.readConnections ?? 1); i++) readers.push(await writer.connect());
    return new ReviewStore(writer, readers);
  }

  /**
   * Rows of one statement with bound parameters, after every write issued before it; reads run in parallel, and
   * a read already answered (or in flight) since the last write is answered from that.
   */
  async rows<T = Record<string, unknown>>(task: string, sql: string, params: BoundValue[] = []): Promise<T[]> {
    const key = JSON.stringify([sql, params]);
    let read = this.readCache.get(key);
    if (read === undefined) {
      read = this.lastWrite.then(() => this.withReader((reader) => reader.rows(task, sql, params as DuckDBValue[])));
      this.remember(key, read);
      const settled = read.then(
        () => undefined,
        () => undefined,
      );
      this.readsSinceWrite.add(settled);
      settled.then(() => this.readsSinceWrite.delete(settled));
    } else {
      // Most recently used last: the Map's order is the eviction order.
      this.readCache.delete(key);
      this.readCache.set(key, read);
    }
    const rows = await read;
    return (rows.length <= READ_CACHE_MAX_ROWS ? structuredClone(rows) : rows) as T[];
  }

  private remember(key: string, read: Promise<Record<string, unknown>[]>): void {
    this.readCache.set(key, read);
    const forget = (): void => {
      if (this.readCache.get(key) === read) this.readCache.delete(key);
    };
    read.then((rows) => {
      if (rows.length > READ_CACHE_MAX_ROWS) forget();
    }, forget);
    if (this.readCache.size > READ_CACHE_ENTRIES) {
      const oldest = this.readCache.keys().next().value;
      if (oldest !== undefined) this.readCache.delete(oldest);
    }
  }

  /** A statement that changes the database (or uses TEMP tables), after every statement issued before it. */
  run(task: string, sql: string, params: BoundValue[] = []): Promise<void> {
    this.readCache.clear();
    const before = [this.lastWrite, ...this.readsSinceWrite];
    this.readsSinceWrite = new Set();
    const write = Promise.all(before).then(() => this.writer.run(task, sql, params as DuckDBValue[]));
    this.lastWrite = write.catch(() => undefined);
    return write;
  }

  private async withReader<T>(work: (reader: Engine) => Promise<T>): Promise<T> {
    const reader =
      this.idleReaders.pop() ?? (await new Promise<Engine>((resolve) => this.waitingForReader.push(resolve)));
    try {
      return await work(reader);
    } finally {
      const next = this.waitingForReader.shift();
      if (next !== undefined) next(reader);
      else this.idleReaders.push(reader);
    }
  }

  /** The tables of a complete run, materialising them on first use (concurrent callers share one load). */
  async tables(runId: string, dir: string): Promise<RunTables> {
    let pending = this.runs.get(runId);
    if (pending === undefined) {
      pending = this.materialise(runId, dir);
      this.runs.set(runId, pending);
      pending.catch(() => this.runs.delete(runId));
      await this.evict(runId);
    }
    const tables = await pending;
    tables.lastUsed = Date.now();
    return tables;
  }

  private async evict(keep: string): Promise<void> {
    if (this.runs.size <= MAX_OPEN_RUNS) return;
    const opened: RunTables[] = [];
    for (const [id, pending] of this.runs) {
      if (id === keep) continue;
      const t = await pending.catch(() => null);
      if (t !== null) opened.push(t);
    }
    opened.sort((a, b) => a.lastUsed - b.lastUsed);
    const victim = opened[0];
    if (victim === undefined) return;
    await this.dropTables(victim);
  }

  /** Forget a run's tables (its folder was deleted, REVIEW §2.7); a no-op for a run never opened. */
  async drop(runId: string): Promise<void> {
    const pending = this.runs.get(runId);
    if (pending === undefined) return;
    const t = await pending.catch(() => null);
    if (this.runs.get(runId) === pending) this.runs.delete(runId);
    if (t !== null) await this.dropTables(t);
  }

  /** Whether a run's tables are materialised (or being materialised). */
  isOpen(runId: string): boolean {
    return this.runs.has(runId);
  }

  private async dropTables(victim: RunTables): Promise<void> {
    this.runs.delete(victim.runId);
    const names = [
      victim.groups,
      victim.members,
      victim.tokens,
      victim.vocab,
      victim.edges,
      victim.aliases,
      victim.previews,
      victim.state,
      victim.applied,
    ];
    if (victim.changes !== null) names.push(victim.changes);
    names.push(...victim.extra);
    await this.run(`closing run ${victim.runId}`, names.map((n) => `DROP TABLE IF EXISTS ${n};`).join(' '));
  }

  private async materialise(runId: string, dir: string): Promise<RunTables> {
    const p = `rv_${createHash('sha1').update(runId).digest('hex').slice(0, 12)}`;
    const file = (name: string): string => sqlString(join(dir, name));
    const t = {
      groups: `${p}_groups`,
      members: `${p}_members`,
      tokens: `${p}_tokens`,
      vocab: `${p}_vocab`,
      edges: `${p}_edges`,
      aliases: `${p}_aliases`,
      previews: `${p}_previews`,
      state: `${p}_state`,
      applied: `${p}_applied`,
    };
    const task = (what: string): string => `opening run ${runId}: ${what}`;
    // Group ids are strings that share a long prefix ("g-001…"), and DuckDB's string zone maps keep 8 bytes;
    // so every table keys groups by a dense integer `gid` in group_id order (sorting by gid = by group_id).
    await this.run(
      task('numbering groups'),
      `CREATE OR REPLACE TEMP TABLE ${p}_gids AS
       SELECT group_id, (row_number() OVER (ORDER BY group_id))::INTEGER AS gid
       FROM read_parquet(${file('groups.parquet')})`,
    );
    await this.run(
      task('members from records.parquet'),
      `CREATE OR REPLACE TABLE ${t.members} AS
       SELECT g.gid, r.row_index, r.account_id, r.account_id_src, coalesce(r.account_name, '') AS account_name,
              r.is_primary, r.created_date, r.relationship, r.suffix_class, r.name_core, r.name_unit, r.edge_to_primary,
              r.join_edge_score, r.join_reason, r.parent_in_group, r.shared_tokens_count, r.disposition,
              r.disposition_reason, r.disposition_reason_text, r.blacklist_terms
       FROM read_parquet(${file('records.parquet')}) r JOIN ${p}_gids g USING (group_id)
       ORDER BY g.gid, r.row_index`,
    );
    await this.run(
      task('groups from groups.parquet'),
      `CREATE OR REPLACE TABLE ${t.groups} AS
       WITH per_group AS (
         SELECT gid,
                min(${VERIFY_REASON_RANK}) FILTER (WHERE disposition = 'Verify') AS verify_reason_rank,
                arg_min(disposition_reason, ${VERIFY_REASON_RANK}) FILTER (WHERE disposition = 'Verify') AS verify_reason,
                any_value(disposition) FILTER (WHERE is_primary) AS primary_disposition,
                bool_or(join_reason = 'exact_name') AS jr_exact_name,
                bool_or(join_reason = 'edge>=high') AS jr_high,
                bool_or(join_reason = 'edge>=medium+shared_token') AS jr_medium,
                bool_or(join_reason = 'must_link') AS jr_must_link
         FROM ${t.members} GROUP BY gid),
       tiered AS (
         SELECT i.gid, g.* EXCLUDE (merge_preview), p.* EXCLUDE (gid), (${RISK_TIER_SQL})::UTINYINT AS risk_tier
         FROM read_parquet(${file('groups.parquet')}) g JOIN ${p}_gids i USING (group_id) JOIN per_group p ON p.gid = i.gid)
       SELECT *, (row_number() OVER (ORDER BY ${RISK_ORDER_SQL}))::INTEGER AS risk_rank,
              (size > 1 OR verify_count > 0 OR delete_count > 0) AS in_queue,
              -- Sorted by the trimmed text: a name typed with a leading space sorts with its letters (issue 13).
              lower(trim(primary_name)) AS primary_name_key
       FROM tiered ORDER BY gid`,
    );
    await this.run(
      task('merge previews'),
      `CREATE OR REPLACE TABLE ${t.previews} AS
       SELECT i.gid, g.merge_preview FROM read_parquet(${file('groups.parquet')}) g
       JOIN ${p}_gids i USING (group_id) WHERE g.merge_preview IS NOT NULL ORDER BY i.gid`,
    );
    await this.run(
      task('search index'),
      `CREATE OR REPLACE TABLE ${t.tokens} AS
       SELECT s.token, s.row_index, i.gid FROM read_parquet(${file('search_tokens.parquet')}) s JOIN ${p}_gids i USING (group_id)
       ORDER BY s.token, i.gid, s.row_index;
       CREATE OR REPLACE TABLE ${t.vocab} AS SELECT token, count(*)::INTEGER AS n FROM ${t.tokens} GROUP BY token ORDER BY token`,
    );
    await this.run(
      task('pairs inside groups'),
      `CREATE OR REPLACE TABLE ${t.edges} AS
       SELECT i.gid, e.core_a, e.suffix_a, e.core_b, e.suffix_b, e.account_id_a, e.account_id_b, e.score, e.base,
              e.token_sort, e.token_set, e.jaccard, e.penalty_num_style, e.penalty_suffix_conflict, e.blocking_key
       FROM read_parquet(${file('pairs.parquet')}) e JOIN ${p}_gids i ON i.group_id = e.group_id_a
       WHERE e.group_id_a = e.group_id_b
       ORDER BY i.gid, e.score DESC`,
    );
    await this.run(
      task('alias matches'),
      `CREATE OR REPLACE TABLE ${t.aliases} AS
       SELECT a.account_id, a.alias, a.alias_source, a.matched_account_id, a.matched_group_id, a.score,
              i.group_id, i.gid, j.gid AS matched_gid
       FROM read_parquet(${file('alias_matches.parquet')}) a
       JOIN ${t.members} m USING (account_id) JOIN ${p}_gids i ON i.gid = m.gid
       LEFT JOIN ${p}_gids j ON j.group_id = a.matched_group_id`,
    );
    await this.run(
      task('review state'),
      `CREATE OR REPLACE TABLE ${t.state} (group_id VARCHAR, reviewed BOOLEAN NOT NULL DEFAULT false,
                                              reviewed_stale BOOLEAN NOT NULL DEFAULT false,
                                              accepted BOOLEAN NOT NULL DEFAULT false,
                                              decisions_pending INTEGER NOT NULL DEFAULT 0,
                                              review_note VARCHAR);
       CREATE OR REPLACE TABLE ${t.applied} (account_id VARCHAR, kind VARCHAR, other_id VARCHAR, reviewer VARCHAR,
                                                reason VARCHAR, ts VARCHAR, words VARCHAR);
       DROP TABLE ${p}_gids`,
    );
    const totalGroups = Number(
      (await this.rows<{ n: number }>(task('counting groups'), `SELECT count(*) AS n FROM ${t.groups}`))[0]?.n ?? 0,
    );
    return {
      runId,
      dir,
      ...t,
      changes: null,
      extra: new Set(),
      totalGroups,
      lastUsed: Date.now(),
    };
  }

  close(): void {
    for (const reader of this.readers) reader.close();
    this.writer.close();
  }
}
