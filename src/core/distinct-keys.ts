import { textHash } from './first-occurrences.js';
import { TextIndex } from './text-index.js';

/** The distinct blocking keys of a run's records (SPEC §5): a key is a (name core, suffix class) pair. */
export interface DistinctKeys {
  /** Each record's key, −1 for a record that takes no part in matching. */
  keyOf: Int32Array;
  keyCore: string[];
  keySuffix: string[];
  /** Each key's core number: keys of one core are adjacent, so the numbers follow key order. */
  keyCoreId: Int32Array;
  distinctCores: number;
}

/**
 * The distinct (core, suffix) keys of the records that `takesPart` admits, numbered in sorted order: by core, then
 * suffix, each compared by UTF-16 code units as `<` and the default sort do. Key ids thus do not depend on input row
 * order. `sameName[i]` is the first record named as record i, whose key i shares.
 *
 * The order is the one of the texts `core + '\0' + suffix` sorted, but neither those texts are built nor are all keys
 * sorted: distinct cores are sorted, and a core's few suffixes after it (issue 14: building, hashing and sorting
 * 315K joined texts took ~0.9 s of the 1M run's block stage, with the other core idle).
 * @example distinctKeys(['b', 'a', 'a'], ['', 'llc', ''], [0, 1, 2], () => true).keyCore → ['a', 'a', 'b']
 */
export function distinctKeys(
  nameCore: readonly string[],
  suffixClass: readonly string[],
  sameName: ArrayLike<number>,
  takesPart: (record: number) => boolean,
): DistinctKeys {
  const n = nameCore.length;
  // The cores looked up are hashed first, in one pass, then numbered by a TextIndex (issue 14: a Map over the 545K
  // distinct names' cores of the 1M bench file, fresh strings whose hashes V8 computes and whose texts it compares,
  // was ~0.5 s of the block stage).
  const hashes = new Int32Array(n);
  let lookups = 0;
  for (let i = 0; i < n; i++) {
    if (sameName[i] !== i || !takesPart(i)) continue;
    hashes[i] = textHash(nameCore[i] as string);
    lookups++;
  }
  const coreNumbers = new TextIndex(lookups);
  // Distinct cores in first-seen order, each with its first key's suffix and first-seen key number; the few cores
  // with more suffixes hold the others in `moreOf` (issue 14: two small arrays per core cost ~0.3 s at 1M records).
  const cores: string[] = [];
  const firstSuffix: string[] = [];
  const firstSeen: number[] = [];
  const moreOf = new Map<number, { suffixes: string[]; seen: number[] }>();
  let keysSeen = 0;
  const seenAs = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (!takesPart(i)) continue;
    // A record named as an earlier one has its key (its class, core and suffix are that record's).
    const same = sameName[i] as number;
    if (same !== i) {
      seenAs[i] = seenAs[same] as number;
      continue;
    }
    const core = nameCore[i] as string;
    const suffix = suffixClass[i] as string;
    const slot = coreNumbers.numberOf(core, hashes[i] as number);
    if (slot === cores.length) {
      cores.push(core);
      firstSuffix.push(suffix);
      firstSeen.push(keysSeen);
      seenAs[i] = keysSeen++;
      continue;
    }
    if (firstSuffix[slot] === suffix) {
      seenAs[i] = firstSeen[slot] as number;
      continue;
    }
    let more = moreOf.get(slot);
    if (more === undefined) {
      more = { suffixes: [], seen: [] };
      moreOf.set(slot, more);
    }
    const at = more.suffixes.indexOf(suffix);
    if (at >= 0) {
      seenAs[i] = more.seen[at] as number;
      continue;
    }
    more.suffixes.push(suffix);
    more.seen.push(keysSeen);
    seenAs[i] = keysSeen++;
  }
  // The default sort orders strings by UTF-16 code units, as `<` does, without calling a comparator per pair.
  const sortedCores = cores.slice().sort();
  const keyCore: string[] = [];
  const keySuffix: string[] = [];
  const keyCoreId = new Int32Array(keysSeen);
  const keyOfSeen = new Int32Array(keysSeen);
  for (let c = 0; c < sortedCores.length; c++) {
    const core = sortedCores[c] as string;
    const slot = coreNumbers.numberOf(core);
    const more = moreOf.get(slot);
    if (more === undefined) {
      keyOfSeen[firstSeen[slot] as number] = keyCore.length;
      keyCoreId[keyCore.length] = c;
      keyCore.push(core);
      keySuffix.push(firstSuffix[slot] as string);
      continue;
    }
    // A core has a handful of suffix classes at most: their order by index, without moving the lists.
    const suffixes = [firstSuffix[slot] as string, ...more.suffixes];
    const seen = [firstSeen[slot] as number, ...more.seen];
    for (const j of suffixes.map((_s, j) => j).sort(byText(suffixes))) {
      keyOfSeen[seen[j] as number] = keyCore.length;
      keyCoreId[keyCore.length] = c;
      keyCore.push(core);
      keySuffix.push(suffixes[j] as string);
    }
  }
  const keyOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const seen = seenAs[i] as number;
    if (seen >= 0) keyOf[i] = keyOfSeen[seen] as number;
  }
  return { keyOf, keyCore, keySuffix, keyCoreId, distinctCores: sortedCores.length };
}

/** Compares indices by their texts' UTF-16 code units, as `<` does. */
function byText(texts: readonly string[]): (x: number, y: number) => number {
  return (x, y) => {
    const a = texts[x] as string;
    const b = texts[y] as string;
    return a < b ? -1 : a > b ? 1 : 0;
  };
}
