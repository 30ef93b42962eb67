import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildKeyTokens, rebuildKeyTokens, type TokenRewriteOptions } from '../../src/core/key-tokens.js';

const CONFIGURED: TokenRewriteOptions = {
  tokenRewrites: { stores: 'store', constr: 'const', '^n': 'north', '^e': 'east', st: 'saint' },
  weakTokens: ['the', 'of', 'and'],
};

/** CONFIGURED with `learned` short → long, as the block stage adds a file's abbreviations (src/pipeline/key-rewrites.ts). */
function withLearned(learned: Record<string, string>): TokenRewriteOptions {
  const tokenRewrites: Record<string, string> = {};
  for (const [from, to] of Object.entries(CONFIGURED.tokenRewrites)) tokenRewrites[from] = learned[to] ?? to;
  for (const [short, long] of Object.entries(learned))
    if (!Object.hasOwn(tokenRewrites, short)) tokenRewrites[short] = long;
  return { tokenRewrites, weakTokens: CONFIGURED.weakTokens };
}

const CORES = [
  'jones const',
  'jones construction',
  'acme constr',
  'n const co',
  'north hldgs',
  'hldgs of e hartford',
  'dodge of e hartford',
  'twenty four hour const',
  'eig five',
  'the home depot',
  '947 s street',
  'st const and sons',
  '',
  'jones const',
];

test('rebuildKeyTokens gives what a full build with the learned rewrites gives, token ids included', () => {
  const base = buildKeyTokens(CORES, CONFIGURED);
  const learned = withLearned({ const: 'construction', hldgs: 'holdings', eig: 'eighty' });
  const rebuilt = rebuildKeyTokens(base, CORES, CONFIGURED, learned);
  assert.deepEqual(rebuilt, buildKeyTokens(CORES, learned));
  // The learned words reached their cores: `acme constr` through the configured rewrite, `eig five` as a number.
  const tokensOf = (k: number): string[] =>
    Array.from(rebuilt.ids.subarray(rebuilt.offsets[k], rebuilt.offsets[k + 1]), (id) => rebuilt.tokens[id] as string);
  assert.deepEqual(tokensOf(2), ['acme', 'construction']);
  assert.deepEqual(tokensOf(8), ['85']);
  assert.deepEqual(tokensOf(4), ['north', 'holdings']);
  // The base is left as it was.
  assert.deepEqual(base, buildKeyTokens(CORES, CONFIGURED));
});

test('rebuildKeyTokens rewrites every core again when a changed rewrite may leave no trace in the tokens', () => {
  const base = buildKeyTokens(CORES, CONFIGURED);
  // A `^` rewrite whose result is learned, a learned word that joins a number, a learned word a `^` rewrite reads,
  // a learned word a `^` rewrite replaced (`n const co` was `north const co`).
  const cases: Record<string, string>[] = [
    { east: 'eastern' },
    { twenty: 'twentieth' },
    { north: 'northern' },
    { n: 'nord' },
  ];
  for (const learned of cases) {
    const opts = withLearned(learned);
    assert.deepEqual(
      rebuildKeyTokens(base, CORES, CONFIGURED, opts),
      buildKeyTokens(CORES, opts),
      JSON.stringify(learned),
    );
  }
  // Other weak words change the weak flags of tokens no rewrite reaches.
  const weaker = { ...withLearned({ const: 'construction' }), weakTokens: ['the', 'of', 'and', 'co'] };
  assert.deepEqual(rebuildKeyTokens(base, CORES, CONFIGURED, weaker), buildKeyTokens(CORES, weaker));
});

test('rebuildKeyTokens matches a full build over random cores and random changes of the rewrites', () => {
  const words = [
    ...['jones', 'const', 'construction', 'constr', 'n', 'north', 'e', 'east', 'twenty', 'four', 'eig', 'five'],
    ...['of', 'the', 'stores', 'st', 'saint', 'hldgs', 'holdings', '947', 'fortyfive', 'nine', 'co', 's'],
  ];
  // A small linear congruential generator: the same cases on every run.
  let seed = 20_261_207;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed % n;
  };
  const pick = (): string => words[next(words.length)] as string;
  for (let trial = 0; trial < 300; trial++) {
    const cores = Array.from({ length: 1 + next(30) }, () => Array.from({ length: next(6) }, pick).join(' '));
    const baseOpts: TokenRewriteOptions = {
      tokenRewrites: Object.fromEntries(
        Array.from({ length: next(5) }, () => [next(4) === 0 ? `^${pick()}` : pick(), pick()]),
      ),
      weakTokens: ['the', 'of'],
    };
    const tokenRewrites = { ...baseOpts.tokenRewrites };
    for (let c = 1 + next(3); c > 0; c--) tokenRewrites[next(5) === 0 ? `^${pick()}` : pick()] = pick();
    const opts = { tokenRewrites, weakTokens: baseOpts.weakTokens };
    const base = buildKeyTokens(cores, baseOpts);
    assert.deepEqual(rebuildKeyTokens(base, cores, baseOpts, opts), buildKeyTokens(cores, opts), `trial ${trial}`);
  }
});
