/**
 * Blocking benchmark (SPEC §5.2, §14): candidate generation over synthetic distinct keys at 50K and 500K keys
 * (≈ 100K and 1M records). Prints build + generation time, pairs per key kind, windowed blocks, the largest block,
 * heap growth, and the recall of planted duplicate pairs — overall, by how the duplicate was made, and for the
 * planted pairs whose SPEC §5.4 score (computed naively here) reaches `medium`.
 *
 * Run: node --import tsx bench/blocking.bench.ts [keys …] [--window 20] [--max-block 500] [--char-min 4]
 */
import { en } from '@faker-js/faker';
import { DEFAULT_TOKEN_REWRITES, DEFAULT_WEAK_TOKENS } from '../src/config/default-lists.js';
import { configSchema } from '../src/config/schema.js';
import { BLOCKING_KEY_KINDS, type BlockingOptions, generateCandidates } from '../src/core/blocking.js';
import { buildKeyTokens, rewriteTokens, type TokenRewriteOptions } from '../src/core/key-tokens.js';
import { computeTokenStats, dfCapFromShare } from '../src/core/token-stats.js';
import { seededUniform } from '../src/generate/random.js';
import { blockingOptions } from '../src/pipeline/block.js';

const SEED = 20_260_522;

/** mulberry32: small, fast, seeded. */

/** Zipf(s) sampler over ranks 0..n−1 by inverse CDF on a precomputed table. */
function zipf(n: number, s: number, rnd: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1) ** s;
    cdf[i] = sum;
  }
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const INDUSTRY = (
  'services construction consulting plumbing electric group solutions staffing restaurant auto repair trucking ' +
  'transport logistics landscaping roofing cleaning janitorial healthcare medical dental clinic hospital pharmacy ' +
  'insurance realty properties management holdings enterprises industries manufacturing supply distribution ' +
  'farms foods bakery cafe grill pizza bar salon spa fitness hotel motel inn church school academy university ' +
  'bank credit union financial partners associates law firm accounting tax design marketing media printing ' +
  'systems technologies software networks security painting flooring heating cooling hvac mechanical welding ' +
  'machine tool equipment rental sales motors tire glass lumber hardware furniture appliance electronics ' +
  'stores shop market grocery liquor wireless communications energy oil gas petroleum mining trust capital ' +
  'investments development builders homes center care home health nursing therapy rehab veterinary pet'
).split(' ');
const PLACES = (
  'american national first united pacific atlantic southern northern western eastern central global ' +
  'international metro city county state texas california florida ohio georgia carolina valley mountain ' +
  'river lake coastal bay golden royal premier superior quality best elite pro advanced'
).split(' ');
const SYLLABLES =
  'ka ko ri ta ne lo mar ven tor zen ax on el an is or ra vi sol dex tri cor lum ber gen tec bio nov'.split(' ');

interface Workload {
  cores: string[];
  /** Planted duplicate pairs (key indices) and how the duplicate was made. */
  planted: { a: number; b: number; how: string }[];
}

export function makeWorkload(targetKeys: number, seed: number): Workload {
  const rnd = seededUniform(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const d = en as unknown as {
    person: { last_name: { generic: string[] }; first_name: { generic: string[] } };
    location: { city_name: string[] };
    word: { noun: string[]; adjective: string[] };
  };
  const clean = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  // A long surname tail: faker's surnames first (the common head), then coined ones (the rare tail).
  const surnames = d.person.last_name.generic.map(clean);
  while (surnames.length < Math.max(2000, targetKeys / 6)) {
    let w = '';
    for (let i = 0, n = 2 + Math.floor(rnd() * 2); i < n; i++) w += pick(SYLLABLES);
    surnames.push(w + pick(['son', 'er', 'ez', 'man', 'ski', 'ton', '']));
  }
  const coined: string[] = [];
  while (coined.length < Math.max(2000, targetKeys / 4)) {
    let w = '';
    for (let i = 0, n = 2 + Math.floor(rnd() * 3); i < n; i++) w += pick(SYLLABLES);
    coined.push(w);
  }
  const nouns = d.word.noun.map(clean);
  const adjectives = d.word.adjective.map(clean);
  const cities = d.location.city_name.map(clean);
  const firstNames = d.person.first_name.generic.map(clean);
  const zSurname = zipf(surnames.length, 0.9, rnd);
  const zCoined = zipf(coined.length, 0.6, rnd);
  const zIndustry = zipf(INDUSTRY.length, 1.0, rnd);
  const zPlace = zipf(PLACES.length, 0.8, rnd);
  const zNoun = zipf(nouns.length, 1.0, rnd);
  const zCity = zipf(cities.length, 1.0, rnd);
  const surname = () => surnames[zSurname()] as string;
  const industry = () => INDUSTRY[zIndustry()] as string;
  const place = () => (rnd() < 0.6 ? (PLACES[zPlace()] as string) : (cities[zCity()] as string));
  const patterns: [number, () => string][] = [
    [25, () => `${surname()} ${industry()}`],
    [5, () => `${surname()} and ${surname()} ${industry()}`],
    [10, () => `${surname()} ${industry()} ${industry()}`],
    [10, () => `${place()} ${industry()}`],
    [8, () => `${place()} ${industry()} ${industry()}`],
    [8, () => coined[zCoined()] as string],
    [12, () => `${coined[zCoined()] as string} ${industry()}`],
    [8, () => `${pick(adjectives)} ${nouns[zNoun()] as string} ${industry()}`],
    [5, () => `${pick(firstNames)} ${surname()} ${industry()}`],
    [3, () => `${surname()} ${surname()} and ${surname()}`],
    [3, () => `${String.fromCharCode(97 + Math.floor(rnd() * 26))} ${1 + Math.floor(rnd() * 9)} ${industry()}`],
    [3, () => `${place()} ${nouns[zNoun()] as string} ${industry()}`],
  ];
  const totalWeight = patterns.reduce((s, [w]) => s + w, 0);
  const makeName = (): string => {
    let x = rnd() * totalWeight;
    for (const [w, f] of patterns) {
      x -= w;
      if (x < 0) return f();
    }
    return (patterns[0] as [number, () => string])[1]();
  };
  const typo = (word: string): string => {
    if (word.length < 3) return `${word}${pick(SYLLABLES)}`;
    const i = 1 + Math.floor(rnd() * (word.length - 2));
    const c = String.fromCharCode(97 + Math.floor(rnd() * 26));
    switch (Math.floor(rnd() * 4)) {
      case 0:
        return word.slice(0, i) + word.slice(i + 1); // delete
      case 1:
        return word.slice(0, i) + c + word.slice(i); // insert
      case 2:
        return word.slice(0, i) + c + word.slice(i + 1); // substitute
      default:
        return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1); // transpose
    }
  };
  const variants: [string, number, (core: string) => string][] = [
    ['typo_first_word', 40, (c) => c.replace(/^\S+/, (w) => typo(w))],
    [
      'typo_other_word',
      20,
      (c) => {
        const ws = c.split(' ');
        if (ws.length < 2) return typo(c);
        const i = 1 + Math.floor(rnd() * (ws.length - 1));
        ws[i] = typo(ws[i] as string);
        return ws.join(' ');
      },
    ],
    ['drop_last_word', 10, (c) => (c.includes(' ') ? c.slice(0, c.lastIndexOf(' ')) : `${c} group`)],
    ['add_word', 15, (c) => `${c} ${pick(['group', 'services', 'company', 'of texas', 'usa', 'holdings'])}`],
    ['same_core_other_suffix', 15, (c) => c],
  ];
  const variantWeight = variants.reduce((s, [, w]) => s + w, 0);

  const cores: string[] = [];
  const seen = new Set<string>();
  const planted: Workload['planted'] = [];
  while (cores.length < targetKeys) {
    const base = makeName();
    if (seen.has(base)) continue;
    seen.add(base);
    const a = cores.length;
    cores.push(base);
    if (rnd() >= 0.15) continue;
    let x = rnd() * variantWeight;
    for (const [how, w, f] of variants) {
      x -= w;
      if (x >= 0) continue;
      const dup = f(base);
      // Same core, other suffix class: a distinct key with the same core text (SPEC §5.1).
      if (how !== 'same_core_other_suffix' && (seen.has(dup) || dup === base)) break;
      seen.add(dup);
      planted.push({ a, b: cores.length, how });
      cores.push(dup);
      break;
    }
  }
  return { cores, planted };
}

// The pipeline's defaults (SPEC §3 step 8), from the one place they live.
export const REWRITES: TokenRewriteOptions = { tokenRewrites: DEFAULT_TOKEN_REWRITES, weakTokens: DEFAULT_WEAK_TOKENS };

/** Naive SPEC §5.4 score (no penalties), for labelling planted pairs only — never on the hot path. */
function naiveScore(x: string, y: string): number {
  const lcs = (a: string, b: string): number => {
    const prev = new Int32Array(b.length + 1);
    const cur = new Int32Array(b.length + 1);
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        cur[j] =
          a[i - 1] === b[j - 1] ? (prev[j - 1] as number) + 1 : Math.max(prev[j] as number, cur[j - 1] as number);
      }
      prev.set(cur);
    }
    return prev[b.length] as number;
  };
  const ratio = (a: string, b: string): number =>
    a.length + b.length === 0 ? 100 : 100 * (1 - (a.length + b.length - 2 * lcs(a, b)) / (a.length + b.length));
  const tx = rewriteTokens(x, REWRITES);
  const ty = rewriteTokens(y, REWRITES);
  const tsr = ratio([...tx].sort().join(' '), [...ty].sort().join(' '));
  const A = new Set(tx);
  const B = new Set(ty);
  const inter = [...A].filter((t) => B.has(t)).sort();
  const d1 = [...A].filter((t) => !B.has(t)).sort();
  const d2 = [...B].filter((t) => !A.has(t)).sort();
  let tset: number;
  if (A.size === 0 || B.size === 0) tset = 0;
  else if (inter.length > 0 && (d1.length === 0 || d2.length === 0)) tset = 100;
  else {
    const s = inter.join(' ');
    const s1 = d1.join(' ');
    const s2 = d2.join(' ');
    const L = s.length;
    const L1 = L + (L > 0 ? 1 : 0) + s1.length;
    const L2 = L + (L > 0 ? 1 : 0) + s2.length;
    const r0 = 100 * (1 - (s1.length + s2.length - 2 * lcs(s1, s2)) / (L1 + L2));
    tset = L === 0 ? r0 : Math.max(r0, 100 * (1 - (1 + s1.length) / (L + L1)), 100 * (1 - (1 + s2.length) / (L + L2)));
  }
  const weak = new Set(REWRITES.weakTokens);
  const J1 = new Set(tx.filter((t) => !weak.has(t)));
  const J2 = new Set(ty.filter((t) => !weak.has(t)));
  const ji = [...J1].filter((t) => J2.has(t)).length;
  const jac = J1.size === 0 || J2.size === 0 ? 0 : ji / (J1.size + J2.size - ji);
  return Math.round(0.45 * tsr + 0.35 * tset + 20 * jac);
}

function argValue(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

function run(targetKeys: number): void {
  const t0 = performance.now();
  const workload = makeWorkload(targetKeys, SEED + targetKeys);
  // The pipeline numbers keys in sorted (core, suffix) order (pipeline/block.ts); do the same here.
  const byCore = workload.cores.map((_, i) => i);
  byCore.sort((x, y) => {
    const a = workload.cores[x] as string;
    const b = workload.cores[y] as string;
    return a < b ? -1 : a > b ? 1 : x - y;
  });
  const newId = new Int32Array(byCore.length);
  byCore.forEach((old, i) => {
    newId[old] = i;
  });
  const cores = byCore.map((old) => workload.cores[old] as string);
  const planted = workload.planted.map((p) => ({ ...p, a: newId[p.a] as number, b: newId[p.b] as number }));
  const tGen = performance.now() - t0;
  const eligible = new Uint8Array(cores.length).fill(1);
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;

  const t1 = performance.now();
  const keys = buildKeyTokens(cores, REWRITES);
  const t2 = performance.now();
  const stats = computeTokenStats(keys, cores, eligible);
  const t3 = performance.now();
  const cpu0 = process.cpuUsage();
  // Bridge blocks (issue 10) at the config defaults; weights are 1 per key here, so hubs never form.
  const opts: BlockingOptions = {
    ...blockingOptions(configSchema.parse({}), 0),
    maxTokenDf: dfCapFromShare(stats.distinctCores, 0.01, 50),
    maxBlock: argValue('--max-block', 500),
    windowSize: argValue('--window', 20),
    charKeyMinLength: argValue('--char-min', 4),
  };
  const { candidates, report } = generateCandidates(keys, cores, eligible, opts, stats);
  const t4 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const mem = process.memoryUsage();
  const heapPeakish = mem.heapUsed + mem.arrayBuffers - heap0;

  // Recall of planted pairs: binary search in the (a, b)-sorted output.
  const has = (x: number, y: number): boolean => {
    const a = Math.min(x, y);
    const b = Math.max(x, y);
    let lo = 0;
    let hi = candidates.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const ma = candidates.a[mid] as number;
      const mb = candidates.b[mid] as number;
      if (ma < a || (ma === a && mb < b)) lo = mid + 1;
      else if (ma > a || mb > b) hi = mid - 1;
      else return true;
    }
    return false;
  };
  const byHow = new Map<string, { total: number; hit: number; medium: number; mediumHit: number }>();
  let mediumTotal = 0;
  let mediumHit = 0;
  const missedMedium: string[] = [];
  for (const p of planted) {
    const row = byHow.get(p.how) ?? { total: 0, hit: 0, medium: 0, mediumHit: 0 };
    const hit = has(p.a, p.b);
    const medium = naiveScore(cores[p.a] as string, cores[p.b] as string) >= 84;
    row.total++;
    if (hit) row.hit++;
    if (medium) {
      row.medium++;
      mediumTotal++;
      if (hit) {
        row.mediumHit++;
        mediumHit++;
      } else if (missedMedium.length < 8) missedMedium.push(`${cores[p.a]} / ${cores[p.b]}`);
    }
    byHow.set(p.how, row);
  }

  const pct = (x: number, n: number) => (n === 0 ? '-' : `${((100 * x) / n).toFixed(2)}%`);
  console.log(
    `\n=== ${cores.length.toLocaleString()} distinct keys (${report.distinctCores.toLocaleString()} cores) ===`,
  );
  console.log(
    `options: maxTokenDf=${opts.maxTokenDf} maxBlock=${opts.maxBlock} windowSize=${opts.windowSize} charKeyMinLength=${opts.charKeyMinLength}`,
  );
  console.log(
    `time: workload ${tGen.toFixed(0)} ms | buildKeyTokens ${(t2 - t1).toFixed(0)} ms | token stats ${(t3 - t2).toFixed(0)} ms | generateCandidates ${(t4 - t3).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (all threads, incl. GC)`,
  );
  console.log(
    `pairs: ${candidates.count.toLocaleString()} (${(candidates.count / cores.length).toFixed(1)} per key); heap+buffers growth ≈ ${(heapPeakish / 2 ** 20).toFixed(0)} MB`,
  );
  console.log('recorded key kind:', BLOCKING_KEY_KINDS.map((k) => `${k}=${report.pairsByKeyKind[k]}`).join(' '));
  for (const [kind, r] of Object.entries(report.byKind)) {
    console.log(
      `  ${kind.padEnd(12)} blocks=${r.blocks} windowed=${r.windowedBlocks} largest=${r.largestBlock} found=${r.pairsFound} unique=${r.pairsUnique} windowOnly=${r.pairsByWindowOnly}`,
    );
    if (process.argv.includes('--sizes')) {
      console.log(
        `    sizes: ${r.blockSizes
          .filter((x) => x.blocks > 0)
          .map((x) => `≤${x.upTo}: ${x.blocks} blocks/${x.allPairs} pairs`)
          .join(', ')}`,
      );
    }
  }
  console.log(
    `largest block: ${report.largestBlock.kind} '${report.largestBlock.token}' ${report.largestBlock.size} keys; tokens over maxTokenDf: ${report.tokensOverMaxDf}`,
  );
  console.log(
    `planted-pair recall: all ${pct(
      [...byHow.values()].reduce((s, r) => s + r.hit, 0),
      planted.length,
    )} of ${planted.length}; score ≥ medium ${pct(mediumHit, mediumTotal)} of ${mediumTotal}`,
  );
  for (const [how, r] of byHow) {
    console.log(
      `  ${how.padEnd(24)} ${pct(r.hit, r.total)} of ${r.total}; ≥ medium ${pct(r.mediumHit, r.medium)} of ${r.medium}`,
    );
  }
  if (missedMedium.length > 0) console.log(`  missed (≥ medium): ${missedMedium.join(' · ')}`);
}

if (process.argv[1]?.endsWith('blocking.bench.ts')) {
  const sizes = process.argv
    .slice(2)
    .filter((a, i, all) => /^\d+$/.test(a) && !(all[i - 1] ?? '').startsWith('--'))
    .map(Number);
  for (const n of sizes.length > 0 ? sizes : [50_000, 500_000]) run(n);
}
