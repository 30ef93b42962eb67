import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSchema } from '../../src/config/schema.js';
import { findTypoNeighbours } from '../../src/core/blocking/typo-neighbours.js';
import {
  BLOCKING_KEY_KINDS,
  type BlockingInputs,
  type BlockingKeyKind,
  type BlockingOptions,
  generateCandidates,
} from '../../src/core/blocking.js';
import { buildKeyTokens, type TokenRewriteOptions } from '../../src/core/key-tokens.js';
import { blockingOptions } from '../../src/pipeline/block.js';
import { aliasTokenGroups } from '../../src/pipeline/key-rewrites.js';

const REWRITES: TokenRewriteOptions = {
  tokenRewrites: { stores: 'store', services: 'service' },
  weakTokens: ['the', 'and', 'of'],
};
/** The config's defaults, with a small window and fixed caps so the cases stay readable. */
const OPTS: BlockingOptions = {
  ...blockingOptions(configSchema.parse({}), 0),
  maxTokenDf: 50,
  maxBlock: 100,
  windowSize: 3,
  charKeyMinLength: 4,
};

function pairs(
  cores: string[],
  opts: Partial<BlockingOptions> = {},
  inputs: BlockingInputs = {},
  rewrites: TokenRewriteOptions = REWRITES,
) {
  const keys = buildKeyTokens(cores, rewrites);
  const { candidates, report } = generateCandidates(
    keys,
    cores,
    new Uint8Array(cores.length).fill(1),
    { ...OPTS, ...opts },
    undefined,
    inputs,
  );
  const found = new Map<string, BlockingKeyKind>();
  for (let i = 0; i < candidates.count; i++) {
    const a = cores[candidates.a[i] as number] as string;
    const b = cores[candidates.b[i] as number] as string;
    found.set(`${a}|${b}`, BLOCKING_KEY_KINDS[candidates.keyKind[i] as number] as BlockingKeyKind);
  }
  return { found, report, candidates };
}

/** `count` filler names of one shape, so the tokens under test are not rare by accident. */
function filler(count: number, make: (i: number) => string): string[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

const WORDS = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa'.split(
  ' ',
);
const word = (i: number): string => `${WORDS[i % WORDS.length]}${WORDS[Math.floor(i / WORDS.length) % WORDS.length]}`;

test('typo in the last word of a three-word name meets the right spelling (typo key on every token)', () => {
  const cores = ['hartley owens pruitt', 'hartley owens pruit'].sort();
  // Make `hartley` and `owens` common so no rare/first block pairs them.
  const common = filler(120, (i) => `hartley ${word(i)}`).concat(filler(120, (i) => `${word(i)} owens`));
  const all = [...cores, ...common].sort();
  const { found } = pairs(all, { maxTokenDf: 50, allTokenMaxDf: 5 });
  assert.ok(found.has('hartley owens pruit|hartley owens pruitt'));
});

test('typo neighbours: one deletion, transposition, insertion; two deletions only for long tokens', () => {
  const tokens = [
    'target',
    'targget',
    'taget',
    'microsoft',
    'microsfot',
    'starbucks',
    'satrbucks',
    'plumbing',
    'pulmbnig',
  ];
  const nb = findTypoNeighbours(tokens, new Uint8Array(tokens.length).fill(1), {
    minLength: 4,
    twoDeletionMinLength: 9,
    maxGroup: 20,
  });
  const of = (t: string): string[] => {
    const id = tokens.indexOf(t);
    return Array.from(nb.neighbours.subarray(nb.offsets[id], nb.offsets[id + 1]), (u) => tokens[u] as string).sort();
  };
  assert.deepEqual(of('target'), ['taget', 'targget']);
  assert.ok(of('microsoft').includes('microsfot'));
  assert.ok(of('starbucks').includes('satrbucks'));
  assert.deepEqual(of('plumbing'), [], 'two edits in an 8-letter word are not a typo key');
});

/** Typo neighbours from the variants' texts: the rule findTypoNeighbours implements with hashes. */
function typoNeighboursByText(
  tokens: readonly string[],
  use: Uint8Array,
  opts: { minLength: number; twoDeletionMinLength: number; maxGroup: number },
): string[][] {
  const holders = new Map<string, Set<number>>();
  const note = (variant: string, t: number): void => {
    const set = holders.get(variant) ?? new Set<number>();
    holders.set(variant, set.add(t));
  };
  tokens.forEach((token, t) => {
    const n = token.length;
    if (use[t] === 0 || n < opts.minLength - 1) return;
    note(token, t);
    if (n < opts.minLength) return;
    for (let i = 0; i < n; i++) note(token.slice(0, i) + token.slice(i + 1), t);
    if (n < opts.twoDeletionMinLength) return;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) note(token.slice(0, i) + token.slice(i + 1, j) + token.slice(j + 1), t);
  });
  const of = tokens.map(() => new Set<number>());
  for (const set of holders.values()) {
    if (set.size < 2 || set.size > opts.maxGroup) continue;
    for (const t of set) for (const u of set) if (t !== u) (of[t] as Set<number>).add(u);
  }
  return of.map((set) => [...set].sort((x, y) => x - y).map((u) => tokens[u] as string));
}

test("typo neighbours: each token's list ascending and once, as the rule on the variants' texts gives them", () => {
  // `bakery` has more than 24 neighbours (the native sort's branch), sharing several variants with some of them;
  // the variant `aker` of the short words is shared by more than maxGroup tokens and links nothing; `bakry` is left out.
  const letters = 'bcdfghjklmnprstvwxz';
  const tokens = [
    'bakery',
    ...Array.from(letters, (c) => `${c}akery`),
    ...Array.from(letters, (c) => `bak${c}ry`),
    'baekry',
    'bakeyr',
    'bakry',
    ...Array.from(letters, (c) => `${c}aker`),
    'target',
    'targget',
    'taget',
  ];
  const use = Uint8Array.from(tokens, (t) => (t === 'bakry' ? 0 : 1));
  const opts = { minLength: 4, twoDeletionMinLength: 6, maxGroup: 30 };
  const nb = findTypoNeighbours(tokens, use, opts);
  assert.equal(nb.offsets.length, tokens.length + 1);
  const expected = typoNeighboursByText(tokens, use, opts);
  assert.ok((expected[0] as string[]).length > 24, 'the fixture exercises a long list');
  tokens.forEach((token, t) => {
    const ids = Array.from(nb.neighbours.subarray(nb.offsets[t], nb.offsets[t + 1]));
    assert.ok(
      ids.every((u, i) => i === 0 || u > (ids[i - 1] as number)),
      `${token}: neighbours ascending, each once`,
    );
    assert.deepEqual(
      ids.map((u) => tokens[u]),
      expected[t],
      token,
    );
  });
});

test('a typo of a huge head entity meets its dominant spelling through the hub, and its window neighbours', () => {
  const heads = filler(300, (i) => `walmart ${word(i)}`);
  const cores = ['walmart', 'walmrt', 'walmart store', 'walmrt store', ...heads].sort();
  const keys = buildKeyTokens(cores, REWRITES);
  const weights = Int32Array.from(cores, (c) => (c === 'walmart' ? 900 : 1));
  const { candidates } = generateCandidates(
    keys,
    cores,
    new Uint8Array(cores.length).fill(1),
    { ...OPTS, entityMaxBlock: 10 },
    undefined,
    { weights },
  );
  const at = (c: string): number => cores.indexOf(c);
  const has = (x: string, y: string): boolean => {
    const [a, b] = [at(x), at(y)].sort((p, q) => p - q);
    for (let i = 0; i < candidates.count; i++) if (candidates.a[i] === a && candidates.b[i] === b) return true;
    return false;
  };
  assert.ok(has('walmart', 'walmrt'), 'hub');
  assert.ok(has('walmart store', 'walmrt store'), 'window in remainder order');
  assert.ok(candidates.count < 300 * 20, `bounded: ${candidates.count}`);
});

test('a head entity block (one key holds most records) pairs all its keys', () => {
  const cores = [
    'koninklijke philips electronics',
    'nv philips gloeilampenfabrieken',
    ...filler(60, (i) => `philips ${word(i)}`),
  ].sort();
  const keys = buildKeyTokens(cores, REWRITES);
  const weights = Int32Array.from(cores, (c) => (c.startsWith('koninklijke') ? 300 : c.startsWith('nv') ? 60 : 1));
  const { candidates } = generateCandidates(
    keys,
    cores,
    new Uint8Array(cores.length).fill(1),
    { ...OPTS, allTokenMaxDf: 0, maxTokenDf: 10 },
    undefined,
    { weights },
  );
  const n = cores.length;
  assert.equal(candidates.count, (n * (n - 1)) / 2);
});

test('joined words: wal mart / walmart, fed ex / fedex, home depot / homedepot', () => {
  const { found } = pairs(['fed ex', 'fedex', 'home depot', 'homedepot', 'wal mart store', 'walmart'].sort());
  assert.equal(found.get('fed ex|fedex'), 'joined');
  assert.equal(found.get('home depot|homedepot'), 'joined');
  assert.equal(found.get('wal mart store|walmart'), 'joined');
});

test('a plural run into the word before it meets its singular rewrite (`safewaystores`, `tjxcompanies`)', () => {
  // `safeway` and `tjx` start many names, so only the joined bridge can pair the run-together spellings.
  const common = filler(120, (i) => `safeway ${word(i)}`).concat(filler(120, (i) => `tjx ${word(i)}`));
  const rewrites = { ...REWRITES, tokenRewrites: { ...REWRITES.tokenRewrites, companies: 'company' } };
  const cores = ['safeway stores', 'safewaystores', 'tjx companies', 'tjxcompanies', ...common].sort();
  const { found } = pairs(cores, {}, {}, rewrites);
  assert.equal(found.get('safeway stores|safewaystores'), 'joined');
  assert.equal(found.get('tjx companies|tjxcompanies'), 'joined');
  // A rare run-together word splits into its words, the plural read as the singular its rewrite made.
  const split = pairs(
    ['pacific coast', 'pacific rim', 'pacifictechnologies', 'technology'],
    {},
    {},
    { ...REWRITES, tokenRewrites: { technologies: 'technology' } },
  );
  assert.equal(split.found.get('pacifictechnologies|technology'), 'joined');
});

test('initials: an acronym meets the name it abbreviates; one-letter runs meet the acronym and the name', () => {
  const { found } = pairs(['ibm', 'international business machines', 'n t a', 'national teachers academy'].sort());
  assert.equal(found.get('ibm|international business machines'), 'initials');
  assert.equal(found.get('n t a|national teachers academy'), 'initials');
});

test('aliases: spellings of one employer meet; a one-word spelling only as the whole name', () => {
  const aliases = [
    [['federal', 'express'], ['fedex']],
    [['kaiser', 'permanente'], ['kaiser']],
  ];
  const cores = ['fedex', 'federal express mesa', 'kaiser', 'kaiser roofing', 'kaiser permanente'].sort();
  const { found } = pairs(cores, { allTokenMaxDf: 0, maxTokenDf: 1 }, { aliases });
  assert.equal(found.get('federal express mesa|fedex'), 'alias');
  assert.equal(found.get('kaiser|kaiser permanente'), 'first_token');
  const kaiserRoofing = [...found.entries()].filter(([p, k]) => p.includes('kaiser roofing') && k === 'alias');
  assert.deepEqual(kaiserRoofing, []);
});

test('aliases: a spelling with one word misspelt, or run together, meets the other spellings', () => {
  const aliases = [
    [
      ['tj', 'maxx'],
      ['tjx', 'companies'],
    ],
  ];
  const cores = ['tj maxx', 'tjx companies', 'tj maxxx', 'tjx companiess', 'tjmaxx', 'tj mixer'].sort();
  // The right spellings are held by many records, the misspelt ones by one each.
  const weights = Int32Array.from(cores, (core) => (core === 'tj maxx' || core === 'tjx companies' ? 40 : 1));
  const { found } = pairs(cores, { allTokenMaxDf: 0, maxTokenDf: 1 }, { aliases, weights });
  const met = (a: string, b: string): boolean => found.has(a < b ? `${a}|${b}` : `${b}|${a}`);
  assert.ok(met('tj maxxx', 'tjx companies'), 'a typo in one word of a spelling');
  assert.ok(met('tjx companiess', 'tj maxx'), '… in any word');
  assert.ok(met('tjmaxx', 'tjx companies'), 'a spelling run together');
  assert.ok(!met('tj mixer', 'tjx companies'), 'a word two edits off is another name');
});

test('the default alias dictionary normalises to non-empty spellings, and the config has matching.aliases', () => {
  const config = configSchema.parse({});
  const groups = aliasTokenGroups(config);
  assert.ok(groups.length >= 100);
  assert.ok(groups.every((g) => g.length >= 1));
  assert.ok(groups.some((g) => g.some((s) => s.join(' ') === 'ups')));
  assert.ok(blockingOptions(config, 10_000).allTokenMaxDf >= 0);
});

test('each spelling of the default alias dictionary, as normalised, names one employer, and each group two spellings', () => {
  const groups = aliasTokenGroups(configSchema.parse({}));
  const owner = new Map<string, number>();
  groups.forEach((group, g) => {
    const spellings = new Set(group.map((tokens) => tokens.join(' ')));
    assert.ok(spellings.size >= 2, `group ${g} (${[...spellings].join(' / ')}) spells one name only`);
    for (const spelling of spellings) {
      const other = owner.get(spelling);
      assert.ok(other === undefined, `'${spelling}' is in groups ${other} and ${g}`);
      owner.set(spelling, g);
    }
  });
});

test('bridges off: only the SPEC §5.2 keys', () => {
  const { found } = pairs(['fed ex', 'fedex'], { bridges: false });
  assert.equal(found.size, 0);
});

test('two-word initials, initials with weak words, initials of the first two words, short forms', () => {
  const cores = [
    'bk',
    'burger king',
    'jitb',
    'jack in the box',
    'dg',
    'dollar general store',
    'mcd',
    'mcdonalds',
    'autozone',
    'theautozone',
  ].sort();
  const { found } = pairs(cores, {}, {});
  assert.equal(found.get('bk|burger king'), 'initials');
  assert.equal(found.get('jack in the box|jitb'), 'initials');
  assert.equal(found.get('dg|dollar general store'), 'initials');
  assert.equal(found.get('mcd|mcdonalds'), 'initials');
  assert.equal(found.get('autozone|theautozone'), 'joined');
});

test('three-letter typos of a frequent acronym meet it (ups / usp)', () => {
  const cores = ['ups', 'usp', ...filler(30, (i) => `ups ${word(i)}`)].sort();
  const { found } = pairs(cores, { allTokenMaxDf: 0, maxTokenDf: 5 });
  assert.equal(found.get('ups|usp'), 'typo');
});

test('keys bridging into a rare joined word meet its holders, not each other (`… law group` / `lawgroup`)', () => {
  // 150 `<word> law group` firms: `law` and `group` are too common to block; one key writes `lawgroup`.
  const firms = filler(150, (i) => `${word(i)} law group`);
  const cores = [...firms, 'adams lawgroup'].sort();
  const { found } = pairs(cores);
  const first = firms[0] as string;
  const second = firms[1] as string;
  const key = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
  assert.equal(found.get(key(first, 'adams lawgroup')), 'joined');
  assert.equal(found.get(key(first, second)), undefined, `${first} / ${second} met through the rare 'lawgroup'`);
});
