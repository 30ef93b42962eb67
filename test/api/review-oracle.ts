/**
 * The review API's expected answers, computed in plain JS from the run's Parquet files — an oracle written
 * from REVIEW §2.2's words, independent of the server's SQL.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DISPOSITION_REASONS } from '../../src/core/column-codes.js';
import { generateDataset } from '../../src/generate/index.js';
import { parseCsvText } from '../../src/input/csv-parse.js';
import type { GroupQuery, GroupSortKey } from '../../src/shared/api.js';
import { readParquet, runOn, tempDir } from '../support/run-fixture.js';

export interface OracleGroup {
  group_id: string;
  size: number;
  primary_name: string | null;
  min_edge: number | null;
  max_edge: number | null;
  keep_count: number;
  update_count: number;
  delete_count: number;
  verify_count: number;
  suffix_conflict: boolean;
  has_alias_matches: boolean;
  blacklist_hits: boolean;
  weak_bridge: boolean;
  all_exact: boolean;
  has_medium_edge: boolean;
  primary_disposition: string;
  join_reasons: Set<string>;
  verify_rank: number | null;
  tier: number;
  in_queue: boolean;
  change: { new_records: number; gained: number; lost: number } | null;
}

export interface OracleRecord {
  row_index: number;
  account_id: string;
  account_name: string;
  group_id: string;
  is_primary: boolean;
  disposition: string;
  disposition_reason: string;
  join_reason: string;
  name_tokens: string[];
  name_core: string;
  parent_in_group: string | null;
}

export interface ApiFixture {
  dir: string;
  workspace: string;
  runId: string;
  previousRunId: string;
  runDir: string;
  groups: OracleGroup[];
  records: OracleRecord[];
  /** Risk order as REVIEW §2.2 words it, position by group id. */
  riskPosition: Map<string, number>;
  thresholds: { high: number; medium: number };
}

/**
 * Two runs of one dataset (`accounts.csv`): the first over a generated export, the second with its first rows
 * dropped, rows of another export added and one duplicate id (→ rejected.csv), so every "changed" kind occurs.
 */
export async function buildApiFixture(): Promise<ApiFixture> {
  const dir = await tempDir('junction-api-');
  const workspace = join(dir, 'ws');
  await generateDataset({ rows: 4000, seed: 5, out: join(dir, 'a.csv') });
  await generateDataset({ rows: 300, seed: 6, out: join(dir, 'b.csv') });
  const a = parseCsvText(await readFile(join(dir, 'a.csv'), 'utf8'), ',').filter((r) => r.raw.length > 0);
  const b = parseCsvText(await readFile(join(dir, 'b.csv'), 'utf8'), ',').filter((r) => r.raw.length > 0);
  const header = a[0]?.raw ?? '';
  const first = join(dir, 'first', 'accounts.csv');
  const second = join(dir, 'second', 'accounts.csv');
  await writeFileIn(first, [header, ...a.slice(1).map((r) => r.raw)]);
  await writeFileIn(second, [
    header,
    ...a.slice(121).map((r) => r.raw),
    ...b.slice(1).map((r) => r.raw),
    a[200]?.raw ?? '',
  ]);
  const previous = await runOn(first, { workspace });
  const current = await runOn(second, { workspace });
  const runDir = current.dir;
  const records = (await readParquet(join(runDir, 'records.parquet'), 'row_index')) as unknown as (OracleRecord & {
    account_name: string | null;
  })[];
  for (const r of records) r.account_name = r.account_name ?? '';
  const prev = (await readParquet(join(previous.dir, 'records.parquet'))) as unknown as OracleRecord[];
  const rawGroups = await readParquet(join(runDir, 'groups.parquet'));
  const groups = oracleGroups(rawGroups, records, prev);
  return {
    dir,
    workspace,
    runId: current.runId,
    previousRunId: previous.runId,
    runDir,
    groups,
    records,
    riskPosition: riskOrder(groups),
    thresholds: { high: current.config.thresholds.high, medium: current.config.thresholds.medium },
  };
}

async function writeFileIn(path: string, lines: string[]): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, `${lines.join('\n')}\n`);
}

const LARGE = 10;

function oracleGroups(
  raw: Record<string, unknown>[],
  records: readonly OracleRecord[],
  prev: readonly OracleRecord[],
): OracleGroup[] {
  const byGroup = new Map<string, OracleRecord[]>();
  for (const r of records) {
    const list = byGroup.get(r.group_id) ?? [];
    if (list.length === 0) byGroup.set(r.group_id, list);
    list.push(r);
  }
  const prevGroupOf = new Map(prev.map((r) => [r.account_id, r.group_id]));
  const prevSize = new Map<string, number>();
  for (const r of prev) prevSize.set(r.group_id, (prevSize.get(r.group_id) ?? 0) + 1);
  return raw.map((g) => {
    const members = byGroup.get(g.group_id as string) ?? [];
    const verifyRanks = members
      .filter((m) => m.disposition === 'Verify')
      .map((m) => DISPOSITION_REASONS.indexOf(m.disposition_reason as (typeof DISPOSITION_REASONS)[number]));
    const size = g.size as number;
    const verify = g.verify_count as number;
    // Issue 13 / REVIEW §2.2: Delete first; Verify (but unusable-name singletons); medium-only joins or
    // weak_bridge/suffix_conflict; large; fuzzy; exact; unusable-name singletons last in the queue.
    const verifyRank = verifyRanks.length === 0 ? null : Math.min(...verifyRanks);
    const unusableSingleton = size === 1 && verifyRank === DISPOSITION_REASONS.indexOf('unusable_name');
    const tier =
      (g.delete_count as number) > 0
        ? 0
        : verify > 0 && !unusableSingleton
          ? 1
          : g.has_medium_edge || g.weak_bridge || g.suffix_conflict
            ? 2
            : size >= LARGE
              ? 3
              : size > 1 && !g.all_exact
                ? 4
                : size > 1
                  ? 5
                  : verify > 0
                    ? 6
                    : 7;
    // Changes by account_id: the best previous group holds most members (ties → smaller id).
    const overlap = new Map<string, number>();
    let fresh = 0;
    for (const m of members) {
      const p = prevGroupOf.get(m.account_id);
      if (p === undefined) fresh++;
      else overlap.set(p, (overlap.get(p) ?? 0) + 1);
    }
    let best: string | null = null;
    let bestN = 0;
    for (const [p, n] of overlap) {
      if (n > bestN || (n === bestN && best !== null && p < best)) {
        best = p;
        bestN = n;
      }
    }
    const gained = size - bestN;
    const lost = best === null ? 0 : (prevSize.get(best) ?? 0) - bestN;
    return {
      group_id: g.group_id as string,
      size,
      primary_name: g.primary_name as string | null,
      min_edge: g.min_edge as number | null,
      max_edge: g.max_edge as number | null,
      keep_count: g.keep_count as number,
      update_count: g.update_count as number,
      delete_count: g.delete_count as number,
      verify_count: verify,
      suffix_conflict: g.suffix_conflict as boolean,
      has_alias_matches: g.has_alias_matches as boolean,
      blacklist_hits: g.blacklist_hits as boolean,
      weak_bridge: g.weak_bridge as boolean,
      all_exact: g.all_exact as boolean,
      has_medium_edge: g.has_medium_edge as boolean,
      primary_disposition: members.find((m) => m.is_primary)?.disposition ?? '',
      join_reasons: new Set(members.map((m) => m.join_reason)),
      verify_rank: verifyRank,
      tier,
      in_queue: tier < 7,
      change: gained > 0 || lost > 0 ? { new_records: fresh, gained, lost } : null,
    };
  });
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function riskOrder(groups: readonly OracleGroup[]): Map<string, number> {
  const sorted = [...groups].sort(
    (a, b) =>
      a.tier - b.tier ||
      (a.verify_rank ?? 255) - (b.verify_rank ?? 255) ||
      b.size - a.size ||
      cmp(a.group_id, b.group_id),
  );
  return new Map(sorted.map((g, i) => [g.group_id, i]));
}

/** Expected order of a sort: the key (nulls last in both directions), then group_id ascending. */
export function sortGroups(
  groups: readonly OracleGroup[],
  key: GroupSortKey,
  dir: 'asc' | 'desc',
  risk: Map<string, number>,
): OracleGroup[] {
  const value = (g: OracleGroup): number | string | null => {
    switch (key) {
      case 'risk':
        return risk.get(g.group_id) ?? 0;
      case 'primary_name':
        // Sorted by the trimmed text (issue 13): DuckDB's trim removes spaces only.
        return g.primary_name === null ? null : g.primary_name.replace(/^ +| +$/g, '').toLowerCase();
      default:
        return g[key];
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...groups].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
      return cmp(a.group_id, b.group_id);
    }
    const c = typeof va === 'string' ? Buffer.compare(Buffer.from(va), Buffer.from(vb as string)) : va - (vb as number);
    return c !== 0 ? sign * c : cmp(a.group_id, b.group_id);
  });
}

/** REVIEW §2.2 filters over the oracle: AND across parameters, OR within a list. */
export function filterGroups(groups: readonly OracleGroup[], q: Partial<GroupQuery>): OracleGroup[] {
  return groups.filter((g) => {
    const view = q.view ?? 'queue';
    if (view === 'queue' && !g.in_queue) return false;
    if (view === 'changed' && g.change === null) return false;
    if (q.change?.length && !q.change.some((k) => (g.change?.[k] ?? 0) > 0)) return false;
    if (q.disposition?.length) {
      const mode = q.dispositionMode ?? 'contains';
      const ok = q.disposition.some((d) =>
        mode === 'primary'
          ? g.primary_disposition === d
          : g[`${d.toLowerCase()}_count` as 'keep_count' | 'update_count' | 'delete_count' | 'verify_count'] > 0,
      );
      if (!ok) return false;
    }
    if (q.flags?.length && !q.flags.some((f) => g[f])) return false;
    if (q.joinReason?.length && !q.joinReason.some((j) => g.join_reasons.has(j))) return false;
    if (q.sizeMin !== undefined && g.size < q.sizeMin) return false;
    if (q.sizeMax !== undefined && g.size > q.sizeMax) return false;
    if (q.edgeMin !== undefined && (g.min_edge === null || g.min_edge < q.edgeMin)) return false;
    if (q.edgeMax !== undefined && (g.min_edge === null || g.min_edge > q.edgeMax)) return false;
    if (q.multiOnly === 'true' && g.size <= 1) return false;
    if (q.reviewed === 'true' || q.hasDecision === 'true') return false;
    return true;
  });
}
