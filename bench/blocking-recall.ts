/**
 * Blocking pair recall on labelled data, without the rest of the pipeline (issue 10 item 2): reads the keys of an
 * `eval --workspace` run and the run's records (truth column or truth file), blocks the keys again with the code
 * and config of this checkout, and prints pair recall (SPEC §11, as `junction eval` computes it), candidate
 * pairs, time, and the largest missed key pairs.
 *
 * Run: node --import tsx bench/blocking-recall.ts <workspace> (--truth-col C | --truth-file F) [--misses N]
 *        [--no-bridges (the SPEC §5.2 keys alone, as before issue 10)] [--sample KIND (candidate pairs of a kind)]
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadConfig } from '../src/config/load.js';
import { BLOCKING_KEY_KINDS } from '../src/core/blocking.js';
import { blockKeys, distinctCoreCount, type KeysBundle } from '../src/pipeline/block.js';
import { readBundle } from '../src/pipeline/bundle.js';

const args = process.argv.slice(2);
const workspace = args[0] as string;
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const truthCol = flag('--truth-col');
const truthFile = flag('--truth-file');
const showMisses = Number(flag('--misses') ?? 15);

const runs = (await readdir(join(workspace, 'runs'))).sort();
const runDir = join(workspace, 'runs', runs[runs.length - 1] as string);
const blockDirs = await readdir(join(workspace, 'cache', 'block'));
// The newest block cache entry holds the keys (keys depend on normalisation only, not on blocking code).
let keys: KeysBundle | undefined;
for (const d of blockDirs) keys = await readBundle<KeysBundle>(join(workspace, 'cache', 'block', d, 'keys.bin'));
if (keys === undefined) throw new Error('no block cache');

const db = await (await DuckDBInstance.create(':memory:')).connect();
const records = `read_parquet('${join(runDir, 'records.parquet')}')`;
const sql =
  truthCol !== undefined
    ? `SELECT row_index, coalesce(nullif(trim("${truthCol}"), ''), 'u' || row_index) AS e FROM ${records} ORDER BY row_index`
    : `SELECT r.row_index, coalesce(t.entity_id, 'u' || r.row_index) AS e FROM ${records} r LEFT JOIN (SELECT DISTINCT ON (account_id) * FROM read_csv('${truthFile}', all_varchar=true)) t ON t.account_id = r.account_id ORDER BY r.row_index`;
const rows = (await db.runAndReadAll(sql)).getRows();
const entityIds = new Map<string, number>();
const entity = new Int32Array(rows.length);
for (const [i, e] of rows.entries()) {
  let id = entityIds.get(String(e[1]));
  if (id === undefined) {
    id = entityIds.size;
    entityIds.set(String(e[1]), id);
  }
  entity[i] = id;
}

const config = await loadConfig(undefined);
const distinctCores = distinctCoreCount(keys);
const t0 = performance.now();
const { candidates, report } = await blockKeys(
  keys.keyOf,
  keys.keyCore,
  keys.keySuffix,
  keys.keyCoreId,
  distinctCores,
  config,
  args.includes('--no-bridges') ? { bridges: false } : {},
  1,
  // The trade names the run's file declared (older caches have none).
  keys.clauseAliasLinks?.json ?? [],
);
const seconds = (performance.now() - t0) / 1000;
const keyCount = keys.keyCore.length;
const pairSet = new Set<number>();
for (let p = 0; p < candidates.candA.length; p++)
  pairSet.add((candidates.candA[p] as number) * keyCount + (candidates.candB[p] as number));

// Per entity: its keys with record counts; records without a key count in the total only.
const byEntity = new Map<number, Map<number, number>>();
const entitySize = new Map<number, number>();
for (let r = 0; r < rows.length; r++) {
  const e = entity[r] as number;
  entitySize.set(e, (entitySize.get(e) ?? 0) + 1);
  const k = keys.keyOf[r] as number;
  if (k < 0) continue;
  let m = byEntity.get(e);
  if (m === undefined) {
    m = new Map();
    byEntity.set(e, m);
  }
  m.set(k, (m.get(k) ?? 0) + 1);
}
let total = 0;
for (const n of entitySize.values()) total += (n * (n - 1)) / 2;
let covered = 0;
const misses: { w: number; a: string; b: string }[] = [];
for (const m of byEntity.values()) {
  const list = [...m.entries()];
  for (let i = 0; i < list.length; i++) {
    const [ka, na] = list[i] as [number, number];
    covered += (na * (na - 1)) / 2;
    for (let j = i + 1; j < list.length; j++) {
      const [kb, nb] = list[j] as [number, number];
      const lo = Math.min(ka, kb);
      const hi = Math.max(ka, kb);
      if (keys.keyCoreId[lo] === keys.keyCoreId[hi] || pairSet.has(lo * keyCount + hi)) covered += na * nb;
      else misses.push({ w: na * nb, a: keys.keyCore[ka] as string, b: keys.keyCore[kb] as string });
    }
  }
}
misses.sort((x, y) => y.w - x.w);
// Misses whose names share no word at all (after dropping one-letter words): no name key can find them.
const sharesWord = (a: string, b: string): boolean => {
  const words = new Set(a.split(' ').filter((t) => t.length > 1));
  return b.split(' ').some((t) => t.length > 1 && words.has(t));
};
const noOverlap = misses.filter((m) => !sharesWord(m.a, m.b)).reduce((sum, m) => sum + m.w, 0);
let unkeyed = 0;
for (const [e, n] of entitySize) {
  const keyed = [...(byEntity.get(e)?.values() ?? [])].reduce((x, y) => x + y, 0);
  unkeyed += (n * (n - 1)) / 2 - (keyed * (keyed - 1)) / 2;
}
const kinds = BLOCKING_KEY_KINDS.map((k, i) => `${k}=${candidates.candKind.filter((v) => v === i).length}`);
console.log(
  `recall ${(total === 0 ? 1 : covered / total).toFixed(4)}  candidates ${candidates.candA.length}  keys ${keyCount}  block ${seconds.toFixed(2)} s  missed pairs ${total - covered} of ${total} (${misses.length} key pairs)`,
);
console.log(
  `  of the missed pairs: ${unkeyed} involve records without a key (junk/multi), ${noOverlap} names sharing no word; recall without both ${(covered / (total - unkeyed - noOverlap)).toFixed(4)}`,
);
console.log(`  ${kinds.join(' ')}  largest block ${JSON.stringify(report.largestBlock)}`);
for (const m of misses.slice(0, showMisses)) console.log(`  ${String(m.w).padStart(6)}  ${m.a}  |  ${m.b}`);
const sampleKind = flag('--sample');
if (sampleKind !== undefined) {
  const kind = BLOCKING_KEY_KINDS.indexOf(sampleKind as (typeof BLOCKING_KEY_KINDS)[number]);
  const picked: string[] = [];
  for (let p = 0; p < candidates.candA.length && picked.length < 40; p += 997) {
    if (candidates.candKind[p] !== kind) continue;
    picked.push(`  ${keys.keyCore[candidates.candA[p] as number]}  ~  ${keys.keyCore[candidates.candB[p] as number]}`);
  }
  console.log(picked.join('\n'));
}
