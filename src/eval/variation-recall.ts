/**
 * Recall by variation class and look-alike merges (issue 10, "Honest measurement"): which kinds of hand-typed
 * variation the matcher sees through, and which look-alike families it wrongly joins. Reads the generator's truth
 * columns `variation` (classes `|`-joined) and `family` (`<kind>:<id>`). Counts pairs per cell, never enumerates
 * record pairs, so it stays linear in records.
 */

/** One record: its predicted cluster, true entity and truth annotations. */
export interface VariationRecord {
  cluster: string;
  entity: string;
  /** Variation classes, `|`-joined; '' for none. */
  variation: string;
  /** Look-alike family (`<kind>:<id>`), or ''. */
  family: string;
}

export interface VariationRecallRow {
  /** A variation class, or UNCHANGED_PAIRS for pairs where neither record carries any. */
  variation: string;
  /** Records carrying the class. */
  records: number;
  /** True pairs where at least one record carries the class. */
  truePairs: number;
  /** Of those, pairs in the same predicted cluster. */
  foundPairs: number;
  recall: number;
}

export interface FamilyMergeRow {
  /** Family kind (the part of `family` before `:`), or ALL_FAMILIES. */
  kind: string;
  families: number;
  /** Record pairs of one family but different entities. */
  lookalikePairs: number;
  /** Of those, pairs in the same predicted cluster (wrongly merged). */
  mergedPairs: number;
  /** mergedPairs / lookalikePairs. */
  mergedShare: number;
  /** Entity pairs of one family. */
  entityPairs: number;
  /** Of those, entity pairs with records in a common predicted cluster. */
  mergedEntityPairs: number;
}

export const UNCHANGED_PAIRS = '(unchanged pair)';
export const ALL_FAMILIES = '(all families)';

const pairs = (n: number): number => (n * (n - 1)) / 2;

function counter(): Map<string, number> {
  return new Map<string, number>();
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Classes of a record that can earn pairs: junk and multi rows are their own entities, so they have none. */
function classesOf(variation: string): string[] {
  if (variation === '') return [];
  return variation.split('|').filter((c) => c !== '' && !c.startsWith('junk:') && !c.startsWith('multi:'));
}

/**
 * Pairwise recall per variation class: among true pairs (same entity) where at least one record carries the class,
 * the share that share a predicted cluster. For class V and a group of n records of which v carry V, such pairs
 * number C(n,2) − C(n−v,2); the same count over (cluster, entity) cells gives the pairs found. Sorted worst first.
 */
export function variationRecall(records: readonly VariationRecord[]): VariationRecallRow[] {
  const entitySize = counter();
  const cellSize = counter();
  const entityCarrying = new Map<string, Map<string, number>>();
  const cellCarrying = new Map<string, Map<string, number>>();
  const recordsWith = counter();
  const add = (byClass: Map<string, Map<string, number>>, c: string, key: string): void => {
    let m = byClass.get(c);
    if (m === undefined) {
      m = counter();
      byClass.set(c, m);
    }
    bump(m, key);
  };
  for (const r of records) {
    const cell = `${r.cluster}\u0000${r.entity}`;
    bump(entitySize, r.entity);
    bump(cellSize, cell);
    const classes = classesOf(r.variation);
    // "Varied at all" drives the unchanged-pair row: pairs where neither side carries anything.
    if (classes.length > 0) {
      add(entityCarrying, '', r.entity);
      add(cellCarrying, '', cell);
    }
    for (const c of new Set(classes)) {
      bump(recordsWith, c);
      add(entityCarrying, c, r.entity);
      add(cellCarrying, c, cell);
    }
  }
  const withClass = (sizes: Map<string, number>, carrying: Map<string, number> | undefined): number => {
    let total = 0;
    for (const [key, v] of carrying ?? []) {
      const n = sizes.get(key) ?? 0;
      total += pairs(n) - pairs(n - v);
    }
    return total;
  };
  const rows: VariationRecallRow[] = [];
  for (const [c, carrying] of entityCarrying) {
    if (c === '') continue;
    const truePairs = withClass(entitySize, carrying);
    if (truePairs === 0) continue;
    const foundPairs = withClass(cellSize, cellCarrying.get(c));
    rows.push({
      variation: c,
      records: recordsWith.get(c) ?? 0,
      truePairs,
      foundPairs,
      recall: foundPairs / truePairs,
    });
  }
  rows.sort((a, b) => a.recall - b.recall || a.variation.localeCompare(b.variation));
  let allTrue = 0;
  let allFound = 0;
  for (const n of entitySize.values()) allTrue += pairs(n);
  for (const n of cellSize.values()) allFound += pairs(n);
  const unchangedTrue = allTrue - withClass(entitySize, entityCarrying.get(''));
  const unchangedFound = allFound - withClass(cellSize, cellCarrying.get(''));
  if (unchangedTrue > 0) {
    let unchangedRecords = 0;
    for (const r of records) if (classesOf(r.variation).length === 0) unchangedRecords++;
    rows.push({
      variation: UNCHANGED_PAIRS,
      records: unchangedRecords,
      truePairs: unchangedTrue,
      foundPairs: unchangedFound,
      recall: unchangedFound / unchangedTrue,
    });
  }
  return rows;
}

/**
 * Look-alike families wrongly merged, by family kind and over all families: record pairs of one family but two
 * entities that share a predicted cluster, and the same counted over entity pairs (a family of a chain seen 900
 * times and a shop seen twice weighs as one entity pair).
 */
export function familyMerges(records: readonly VariationRecord[]): FamilyMergeRow[] {
  // family → entity → records; family → cluster → entity → records
  const members = new Map<string, Map<string, number>>();
  const together = new Map<string, Map<string, Map<string, number>>>();
  for (const r of records) {
    if (r.family === '') continue;
    let m = members.get(r.family);
    if (m === undefined) {
      m = counter();
      members.set(r.family, m);
    }
    bump(m, r.entity);
    let byCluster = together.get(r.family);
    if (byCluster === undefined) {
      byCluster = new Map();
      together.set(r.family, byCluster);
    }
    let cell = byCluster.get(r.cluster);
    if (cell === undefined) {
      cell = counter();
      byCluster.set(r.cluster, cell);
    }
    bump(cell, r.entity);
  }
  const byKind = new Map<string, FamilyMergeRow>();
  const row = (kind: string): FamilyMergeRow => {
    let out = byKind.get(kind);
    if (out === undefined) {
      out = {
        kind,
        families: 0,
        lookalikePairs: 0,
        mergedPairs: 0,
        mergedShare: 0,
        entityPairs: 0,
        mergedEntityPairs: 0,
      };
      byKind.set(kind, out);
    }
    return out;
  };
  const acrossEntities = (sizes: Iterable<number>): number => {
    let total = 0;
    let within = 0;
    for (const n of sizes) {
      total += n;
      within += pairs(n);
    }
    return pairs(total) - within;
  };
  for (const [family, entities] of members) {
    if (entities.size < 2) continue;
    const kind = family.includes(':') ? family.slice(0, family.indexOf(':')) : family;
    const lookalike = acrossEntities(entities.values());
    let merged = 0;
    const mergedEntities = new Set<string>();
    for (const cell of together.get(family)?.values() ?? []) {
      merged += acrossEntities(cell.values());
      const ids = [...cell.keys()].sort();
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) mergedEntities.add(`${ids[i]}\u0000${ids[j]}`);
    }
    for (const target of [row(kind), row(ALL_FAMILIES)]) {
      target.families++;
      target.lookalikePairs += lookalike;
      target.mergedPairs += merged;
      target.entityPairs += pairs(entities.size);
      target.mergedEntityPairs += mergedEntities.size;
    }
  }
  const rows = [...byKind.values()];
  for (const r of rows) r.mergedShare = r.lookalikePairs === 0 ? 0 : r.mergedPairs / r.lookalikePairs;
  return rows.sort(
    (a, b) =>
      Number(a.kind === ALL_FAMILIES) - Number(b.kind === ALL_FAMILIES) ||
      b.mergedShare - a.mergedShare ||
      a.kind.localeCompare(b.kind),
  );
}
