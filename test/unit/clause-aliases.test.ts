import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ClauseAliasFile, clauseAliasLinks } from '../../src/core/clause-aliases.js';

const rules = { maxRecords: 150, maxNamesWithWord: 3 };

/** A file's counts as the block stage reads them: records per core, and distinct cores per word. */
function file(records: Record<string, number>): ClauseAliasFile {
  const namesWithWord = new Map<string, number>();
  for (const core of Object.keys(records))
    for (const word of new Set(core.split(' '))) namesWithWord.set(word, (namesWithWord.get(word) ?? 0) + 1);
  return {
    recordsOf: (core) => records[core] ?? 0,
    namesWithWord: (word) => namesWithWord.get(word) ?? 0,
    wellKnown: new Set(['kfc', 'kentucky fried chicken', 'sams club', 'walmart']),
  };
}

test('a dba clause makes the name and its trade name one employer', () => {
  const f = file({ 'acme holdings': 3, quickfix: 12 });
  assert.deepEqual(clauseAliasLinks([['acme holdings', 'quickfix']], f, rules), {
    links: [['acme holdings', 'quickfix']],
    refused: 0,
  });
});

test('each link once, whichever way round and however often intake wrote it', () => {
  const f = file({ 'acme holdings': 3, quickfix: 12 });
  const got = clauseAliasLinks(
    [
      ['acme holdings', 'quickfix'],
      ['acme holdings', 'quickfix'],
      ['quickfix', 'acme holdings'],
    ],
    f,
    rules,
  );
  assert.deepEqual(got, { links: [['acme holdings', 'quickfix']], refused: 0 });
});

test('a clause naming the record itself, or an empty name, adds nothing and refuses nothing', () => {
  const f = file({ 'acme holdings': 3 });
  assert.deepEqual(
    clauseAliasLinks(
      [
        ['acme holdings', 'acme holdings'],
        ['acme holdings', ''],
        ['', 'quickfix'],
      ],
      f,
      rules,
    ),
    { links: [], refused: 0 },
  );
});

test('a chain is refused: a franchisee doing business as a brand intake writes more than maxRecords times', () => {
  const f = file({ jrn: 1, 'taco palace': 400, 'jrn restaurants': 2 });
  assert.deepEqual(clauseAliasLinks([['jrn restaurants', 'taco palace']], f, rules), { links: [], refused: 1 });
  // …whichever side the chain is on.
  assert.deepEqual(clauseAliasLinks([['taco palace', 'jrn restaurants']], f, rules), { links: [], refused: 1 });
  // At the bound it is still a company of its own.
  const g = file({ 'jrn restaurants': 2, 'taco palace': 150 });
  assert.equal(clauseAliasLinks([['jrn restaurants', 'taco palace']], g, rules).links.length, 1);
});

test('a well-known employer of the alias dictionary is refused (`JRN Inc dba KFC` is a franchisee)', () => {
  const f = file({ 'jrn restaurants': 2, kfc: 3 });
  assert.deepEqual(clauseAliasLinks([['jrn restaurants', 'kfc']], f, rules), { links: [], refused: 1 });
});

test('a one-word name is refused when several names share the word (`Pho` beside `Pho Corona`, `Pho Rocklin`) or it is short', () => {
  const f = file({
    pho: 20,
    'pho corona': 5,
    'pho rocklin': 2,
    'pho mesa': 1,
    'acme holdings': 2,
    kautzer: 3,
    'kautzer plumbing': 1,
    wu: 1,
  });
  assert.deepEqual(clauseAliasLinks([['acme holdings', 'pho']], f, rules), { links: [], refused: 1 });
  assert.deepEqual(clauseAliasLinks([['acme holdings', 'wu']], f, rules), { links: [], refused: 1 });
  // A surname two names share is still a name.
  assert.deepEqual(clauseAliasLinks([['acme holdings', 'kautzer']], f, rules), {
    links: [['acme holdings', 'kautzer']],
    refused: 0,
  });
});
