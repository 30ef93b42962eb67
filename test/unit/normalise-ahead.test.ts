import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { normaliseOptionsFromConfig } from '../../src/config/core-options.js';
import { parseConfig } from '../../src/config/load.js';
import { NAME_CLASS_CODE } from '../../src/core/column-codes.js';
import { createNormaliser } from '../../src/core/normalise/index.js';
import { quoteField } from '../../src/input/csv-write.js';
import { readBundle } from '../../src/pipeline/bundle.js';
import type { ClassesBundle } from '../../src/pipeline/classify.js';
import type { NamesBundle } from '../../src/pipeline/normalise.js';
import type { StageEvent } from '../../src/pipeline/runner.js';
import {
  allClaimed,
  CLAIM_BLOCK,
  classifyClaimed,
  classifySpellings,
  createSpellingClassifier,
  joinClasses,
  sharedClasses,
} from '../../src/workers/name-classes.js';
import { NameNormaliser, NormaliseStream, placesAhead } from '../../src/workers/normalise-names.js';
import { NORMALISE_WORKER, prestartedWorker, prestartWorker } from '../../src/workers/start-worker.js';
import { runOn, tempDir, writeInput } from '../support/run-fixture.js';

// Issue 14: the ingest stage feeds the names it reads to a worker thread that normalises each distinct spelling once;
// the normalise stage builds names.bin from what it finds. It must be what normalising each record's name gives.
const NAMES = [
  'Acme, Inc.',
  'Walmart #12',
  'Acme, Inc.',
  'Johnson Plumbing dba Quick Drain',
  '(1) Acme Corp; (2) Beta LLC',
  'Kaiser Permanente (California)',
  'Walmart #12',
  'Target - Mesa',
  '$18/hr self employed',
  '',
  'Johnson Plumbing dba Quick Drain',
];

const config = parseConfig({}, 'test');

test('names added in batches are normalised once a spelling, in first-seen order, as each name alone would be', () => {
  const whole = new NameNormaliser(config.normalise);
  whole.add(NAMES);
  const batched = new NameNormaliser(config.normalise);
  batched.add(NAMES, 0, 3);
  batched.add(NAMES, 3, 4);
  batched.add(NAMES, 4);
  assert.equal(batched.size, NAMES.length);
  const result = whole.result();
  assert.deepEqual(batched.result(), result);
  assert.deepEqual([...result.spellingOf], [0, 1, 0, 2, 3, 4, 1, 5, 6, 7, 2]);
  const normalise = createNormaliser(normaliseOptionsFromConfig(config));
  NAMES.forEach((text, i) => {
    const s = result.spellingOf[i] as number;
    const name = normalise(text);
    assert.equal(result.nameCore[s], name.name_core);
    assert.equal(result.nameLocation[s], name.name_location ?? '');
    const aliases = result.aliasText.slice(result.aliasStart[s], result.aliasStart[s + 1]);
    assert.deepEqual(
      aliases,
      name.aliases.map((a) => a.text),
    );
    // The alias stage looks aliases and listed names up by their own normalised core and suffix.
    const [aliasFrom, aliasTo] = [result.aliasStart[s] as number, result.aliasStart[s + 1] as number];
    assert.deepEqual(
      result.aliasCore.slice(aliasFrom, aliasTo),
      name.aliases.map((a) => normalise(a.text).name_core),
    );
    assert.deepEqual(
      result.aliasSuffix.slice(aliasFrom, aliasTo),
      name.aliases.map((a) => normalise(a.text).suffix_class),
    );
    const [partFrom, partTo] = [result.partStart[s] as number, result.partStart[s + 1] as number];
    const parts = name.name_parts ?? [];
    assert.deepEqual(result.partText.slice(partFrom, partTo), parts);
    assert.deepEqual(
      result.partCore.slice(partFrom, partTo),
      parts.map((part) => normalise(part).name_core),
    );
    assert.deepEqual(
      result.partSuffix.slice(partFrom, partTo),
      parts.map((part) => normalise(part).suffix_class),
    );
  });
  assert.ok(result.aliasText.length > 0, 'the dba name has an alias');
  assert.ok(result.partText.length >= 2, 'the listing name has its names');
});

test('a stream fed as the scan reads gives the names normalised on this thread, and refuses another list', async () => {
  const stream = new NormaliseStream(config.normalise);
  assert.equal(stream.add(NAMES, 4), true);
  assert.equal(stream.add(NAMES, 2), true, 'names already posted are not posted again');
  const here = new NameNormaliser(config.normalise);
  here.add(NAMES);
  assert.deepEqual(await stream.finish(NAMES)?.normalised, here.result());

  const classifying = new NormaliseStream(config.normalise, { config, manualTerms: ['acme'] });
  const finished = classifying.finish(NAMES);
  assert.ok(finished !== null && finished.classes !== null);
  assert.deepEqual(await finished.normalised, here.result());
  const classes = await finished.classes.take();
  assert.deepEqual(classes, classifySpellings(here.result(), config, ['acme']));
  assert.ok(classes.terms.length > 0, 'the manual term is found');
  assert.ok(classes.nameClass.includes(NAME_CLASS_CODE.multi), 'a multi-name spelling');

  const other = new NormaliseStream(config.normalise);
  other.add(NAMES, 3);
  assert.equal(other.finish([...NAMES]), null, 'the names read are another list than the one fed');
});

async function cached<T extends object>(workspace: string, stage: string, artifact: string): Promise<T> {
  const [key] = await readdir(join(workspace, 'cache', stage));
  return readBundle<T & Record<string, never>>(join(workspace, 'cache', stage, key as string, artifact));
}
const namesBin = (workspace: string) => cached<NamesBundle>(workspace, 'normalise', 'names.bin');
const classesBin = (workspace: string) => cached<ClassesBundle>(workspace, 'classify', 'classes.bin');

test('names.bin and classes.bin made ahead are the ones a run resumed at the normalise stage makes', async () => {
  const dir = await tempDir();
  // Rows rejected for their ids (a duplicate, a missing one) are read but are no records.
  const ids = NAMES.map((_n, i) => (i === 6 ? 'A1' : i === 9 ? '' : `A${i}`));
  const body = NAMES.map((name, i) => `${ids[i]},${quoteField(name)}`).join('\n');
  for (const [file, text] of [
    ['clean.csv', `Account ID,Account Name\n${body}\n`],
    // A row the clean scan refuses (an unbalanced quote): the general reader reads the file, names and all.
    ['unclean.csv', `Account ID,Account Name\n${body}\nA99,"Never closed\n`],
  ] as const) {
    const input = await writeInput(dir, file, text);
    const workspace = join(dir, `ws-${file}`);
    // The stage reports progress only while it normalises on its own thread.
    const progressEvents = { fresh: 0, resumed: 0 };
    const counting = (run: keyof typeof progressEvents) => (event: StageEvent) => {
      if (event.stage === 'normalise' && event.kind === 'progress') progressEvents[run]++;
    };
    const fresh = await runOn(input, { workspace, runId: 'fresh', onEvent: counting('fresh') });
    assert.ok((fresh.manifest.counts.rejected ?? 0) >= 2, `${file}: rows rejected for their ids`);
    const ahead = await namesBin(workspace);
    const classesAhead = await classesBin(workspace);
    assert.ok(classesAhead.junkEvidence.json.length > 0, `${file}: a junk name with its evidence`);
    const resumed = await runOn(input, {
      workspace,
      runId: 'resumed',
      from: 'normalise',
      onEvent: counting('resumed'),
    });
    assert.equal(resumed.manifest.stages.find((s) => s.name === 'normalise')?.cache_hit, false);
    assert.ok(progressEvents.fresh === 0 && progressEvents.resumed > 0, `${file}: ahead, then on the stage's thread`);
    assert.deepEqual(await namesBin(workspace), ahead, file);
    assert.deepEqual(await classesBin(workspace), classesAhead, file);
    assert.equal(ahead.nameCore.length, fresh.manifest.counts.records);
  }
});

test('spellings classified in blocks two threads claim join into the classes of one pass, whoever did which', () => {
  // More than three blocks of spellings, junk with its evidence and blacklist terms in each.
  const list = Array.from({ length: 3 * CLAIM_BLOCK + 17 }, (_n, i) => `${NAMES[i % NAMES.length]} ${i}`);
  const normaliser = new NameNormaliser(config.normalise);
  normaliser.add(list);
  const names = normaliser.result();
  const manualTerms = ['acme'];
  const expected = classifySpellings(names, config, manualTerms);
  assert.ok(expected.evidence.some(([s]) => s >= 3 * CLAIM_BLOCK) && expected.terms.some(([s]) => s < CLAIM_BLOCK));

  const classify = createSpellingClassifier(config, manualTerms);
  const shared = sharedClasses(names.nameRaw.length);
  // The other thread claims the second block first; this one then claims every block left.
  Atomics.store(shared.claimed, 0, CLAIM_BLOCK);
  const other = { evidence: [], terms: [] };
  classify(names, CLAIM_BLOCK, 2 * CLAIM_BLOCK, shared, other);
  Atomics.store(shared.claimed, 0, 0);
  const before = classifyClaimed(
    names,
    (n, from, to, dense, sparse) => {
      // Stands for the other thread's claim of the second block: skipped here.
      if (from !== CLAIM_BLOCK) classify(n, from, to, dense, sparse);
    },
    shared,
  );
  assert.ok(allClaimed(shared, names));
  assert.deepEqual(joinClasses(shared, [before, other]), expected);
  assert.deepEqual(joinClasses(shared, [other, before]), expected, 'the parts in either order');
});

test('a stream asked for classes of many spellings gives the classes of one pass (this thread may help)', async () => {
  const list = Array.from({ length: 20 * CLAIM_BLOCK }, (_n, i) => `${NAMES[i % NAMES.length]} ${i % 4000}`);
  const stream = new NormaliseStream(config.normalise, { config, manualTerms: ['acme'] });
  const finished = stream.finish(list);
  assert.ok(finished !== null && finished.classes !== null);
  const here = new NameNormaliser(config.normalise);
  here.add(list);
  assert.deepEqual(await finished.classes.take(), classifySpellings(here.result(), config, ['acme']));
});

test('the normalise worker started ahead, told the place settings ahead, is the one the next stream takes', async () => {
  prestartWorker(NORMALISE_WORKER);
  const ahead = prestartedWorker(NORMALISE_WORKER);
  assert.ok(ahead !== undefined);
  placesAhead(config.normalise.places);
  const stream = new NormaliseStream(config.normalise, { config, manualTerms: [] });
  assert.equal(prestartedWorker(NORMALISE_WORKER), undefined, 'taken');
  const exited = new Promise((resolve) => ahead.once('exit', resolve));
  const finished = stream.finish(NAMES);
  assert.ok(finished !== null && finished.classes !== null);
  const here = new NameNormaliser(config.normalise);
  here.add(NAMES);
  assert.deepEqual(await finished.normalised, here.result());
  assert.deepEqual(await finished.classes.take(), classifySpellings(here.result(), config, []));
  await exited;
  // With none started ahead, the places are not told to anyone and the next stream starts its own worker.
  placesAhead(config.normalise.places);
  const fresh = new NormaliseStream(config.normalise);
  assert.deepEqual(await fresh.finish(NAMES)?.normalised, here.result());
});

test('a worker started ahead that fails before it is taken is forgotten, its failure escaping nowhere', async () => {
  prestartWorker('no-such-worker');
  const failing = prestartedWorker('no-such-worker');
  assert.ok(failing !== undefined);
  // Held alive here to see it end (one started ahead does not keep the process alive).
  failing.ref();
  await new Promise((resolve) => failing.once('exit', resolve));
  assert.equal(prestartedWorker('no-such-worker'), undefined);
});
