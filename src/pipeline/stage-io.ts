import type { AliasBundle } from './alias.js';
import type { CandidatesBundle, KeysBundle } from './block.js';
import { type RepeatedColumns, readBundle, writeBundle } from './bundle.js';
import type { ClassesBundle } from './classify.js';
import type { DisposeBundle } from './dispose.js';
import type { GroupingBundle } from './group.js';
import type { CanonicalRecords } from './ingest.js';
import type { NamesBundle } from './normalise.js';
import type { StageContext } from './runner.js';
import type { ScoredBundle } from './score.js';
import type { SurviveBundle } from './survive.js';

/**
 * The typed-array artifacts stages pass each other (issue 12 item 8): artifact name → bundle type, so a stage
 * reads `names.bin` as a `NamesBundle` without a cast of its own, and a renamed artifact fails to compile.
 */
export interface BundleArtifacts {
  'canonical.bin': CanonicalRecords;
  'names.bin': NamesBundle;
  'classes.bin': ClassesBundle;
  'keys.bin': KeysBundle;
  'candidates.bin': CandidatesBundle;
  'scored.bin': ScoredBundle;
  'grouping.bin': GroupingBundle;
  'survive.bin': SurviveBundle;
  'alias.bin': AliasBundle;
  'dispose.bin': DisposeBundle;
}
export type BundleArtifact = keyof BundleArtifacts;

/** How an artifact's file stores its string columns besides whole (`BundleLayout`, src/pipeline/bundle.ts). */
const LAYOUTS: {
  readonly [A in BundleArtifact]?: {
    repeated?: RepeatedColumns & Partial<Record<keyof BundleArtifacts[A], readonly (keyof BundleArtifacts[A])[]>>;
    labelled?: readonly (keyof BundleArtifacts[A] & string)[];
  };
} = {
  // Every name column follows from the account name, and sameName points a repeated name at its first record.
  'names.bin': {
    repeated: { sameName: ['nameRaw', 'nameBase', 'nameCore', 'suffixClass', 'nameUnit', 'nameLocation'] },
  },
  // A relationship has a few values, a parent id is mostly none (ingest interns both: StringInterner).
  'canonical.bin': { labelled: ['relationship', 'parentAccountId'] },
};

/**
 * Read an upstream artifact bundle: the in-process value when the producing stage ran in this process,
 * otherwise the cached file (a resumed or cached run must see exactly the same columns, SPEC §12).
 */
export async function loadArtifact<A extends BundleArtifact>(
  ctx: StageContext<unknown>,
  artifact: A,
): Promise<BundleArtifacts[A]> {
  const held = ctx.memo.get(artifact);
  if (held !== undefined) return held as BundleArtifacts[A];
  const loaded = await readBundle<BundleArtifacts[A]>(ctx.input(artifact));
  ctx.memo.set(artifact, loaded);
  return loaded;
}

/**
 * Some columns of an upstream artifact bundle: the whole bundle when this process holds it, otherwise only those
 * columns read from the cached file (and not kept: another stage may need the rest). For a stage that reads a few
 * typed columns of a bundle whose string columns cost most of its read (issue 14: keys.bin at 1M records).
 */
export async function loadArtifactColumns<A extends BundleArtifact, C extends keyof BundleArtifacts[A] & string>(
  ctx: StageContext<unknown>,
  artifact: A,
  columns: readonly C[],
): Promise<Pick<BundleArtifacts[A], C>> {
  const held = ctx.memo.get(artifact);
  if (held !== undefined) return held as BundleArtifacts[A];
  return await readBundle<BundleArtifacts[A]>(ctx.input(artifact), columns);
}

/**
 * An upstream artifact bundle this process holds, whether or not the stage declared it as an input; undefined when
 * it would have to be read from the cache. For work done ahead for a later stage (`StageContext.configOf`), which
 * that stage takes only if it runs on the same bundles.
 */
export function heldArtifact<A extends BundleArtifact>(
  ctx: StageContext<unknown>,
  artifact: A,
): BundleArtifacts[A] | undefined {
  return ctx.memo.get(artifact) as BundleArtifacts[A] | undefined;
}

/**
 * Keep an artifact bundle in memory for later stages and write it to this stage's cache folder: the encoding now,
 * the file write while later stages run (`defer`: at 1M records candidates.bin alone is 256 MB, ~0.9 s to write).
 * `whenIdle` puts off the encoding too, until a later stage's thread would wait (`deferUntilIdle`): for bundles of
 * strings, whose encoding is the cost, that later stages hold in memory anyway. A bundle is never changed once saved,
 * so the file holds what later stages read.
 */
export function saveArtifact<A extends BundleArtifact>(
  ctx: StageContext<unknown>,
  artifact: A,
  bundle: BundleArtifacts[A],
  whenIdle = false,
): void {
  const write = (): Promise<void> => writeBundle(ctx.output(artifact), bundle, LAYOUTS[artifact]);
  if (whenIdle) ctx.deferUntilIdle(write);
  else ctx.defer(write());
  ctx.memo.set(artifact, bundle);
}
