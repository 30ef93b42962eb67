import type { Config } from '../config/schema.js';
import type { CanonicalRecords } from '../core/canonical-records.js';
import { StringInterner } from '../core/string-interner.js';
import type { Alias } from '../core/types.js';
import {
  type NameColumns,
  NameNormaliser,
  type NormaliseConfig,
  type NormalisedNames,
  NormaliseStream,
  type StreamClasses,
} from '../workers/normalise-names.js';
import { plainClassifyConfig, rememberClassesAhead } from './classify.js';
import { HandOver } from './hand-over.js';
import type { RunInput } from './ingest.js';
import type { Stage } from './runner.js';
import { loadArtifact, saveArtifact } from './stage-io.js';

/** Bits of `NamesBundle.flags`. */
export { HAS_MULTIPLE_NAMES, HAS_PARENTHESES, HAS_SEMICOLON } from '../workers/normalise-names.js';

/**
 * SPEC §3 columns per record (row_index = position). Aliases are sparse: [row, text, source, core, suffix class], the
 * alias normalised as a name is; so are the names a record's name lists (`name_parts`): [row, text, core, suffix class].
 */
export type NamesBundle = NameColumns & {
  flags: Uint8Array;
  aliases: { json: [number, string, Alias['source'], string, string][] };
  nameParts: { json: [number, string, string, string][] };
  /**
   * Per record, the first record with the same account name (itself for the first): every column above follows
   * from the name, so later stages work once per distinct name (the 1M bench file holds 546,493).
   */
  sameName: Int32Array;
};

/** The names of a file's readable rows, normalised on a worker thread while the ingest stage finishes. */
export interface NamesAhead {
  /** The names, one per readable row, and each row's data row number (ascending). */
  names: readonly string[];
  dataRows: Int32Array;
  normalised: Promise<NormalisedNames>;
  /**
   * Their spellings' classes, made after them with the reviewers' `manualTerms` (this thread helps the worker make
   * them); null when not asked for.
   */
  classes: { classes: StreamClasses; manualTerms: readonly string[] } | null;
}

/** What the names read ahead are normalised and classified with: the later stages' configs (`configOf`) and terms. */
export interface AheadSettings {
  normalise: Config;
  /** The classify stage's config and the reviewers' manual terms; null when no classify stage runs later. */
  classify: { config: Config; manualTerms: readonly string[] } | null;
}

/**
 * A worker thread that normalises names as the ingest stage reads them, then classifies their spellings, with the
 * normalise and classify stages' configs (`StageContext.configOf`): issue 14, the scan of the file leaves a core
 * idle. Feed it with `add`, then make it {@link namesAheadOf} the names read.
 */
export function startNormaliseStream(settings: AheadSettings): NormaliseStream {
  const classify = settings.classify;
  return new NormaliseStream(
    plainNormaliseConfig(settings.normalise),
    classify === null ? null : { config: plainClassifyConfig(classify.config), manualTerms: [...classify.manualTerms] },
  );
}

/**
 * The names of the readable rows (one per row, numbered `dataRows`) normalised by `stream` if it was fed this list, or
 * by a worker started now; hand it over with {@link rememberNamesAhead}.
 */
export function namesAheadOf(
  stream: NormaliseStream | null,
  names: readonly string[],
  dataRows: Int32Array,
  settings: AheadSettings,
): NamesAhead {
  const { normalised, classes } =
    stream?.finish(names) ??
    (startNormaliseStream(settings).finish(names) as NonNullable<ReturnType<NormaliseStream['finish']>>);
  const manualTerms = settings.classify?.manualTerms ?? [];
  return { names, dataRows, normalised, classes: classes === null ? null : { classes, manualTerms } };
}

const namesAheadOfRecords = new HandOver<CanonicalRecords, NamesAhead>();

/** Remember the names normalised ahead for the records ingest kept, for the normalise stage of this run. */
export function rememberNamesAhead(records: CanonicalRecords, ahead: NamesAhead): void {
  namesAheadOfRecords.remember(records, ahead);
}

/** The records' names normalised on this thread (a resumed run, or records that are not the names read ahead). */
function normaliseHere(
  records: CanonicalRecords,
  config: Config,
  progress: (done: number, total: number) => void,
): NormalisedNames {
  const normaliser = new NameNormaliser(config.normalise);
  normaliser.add(records.accountName, 0, records.accountName.length, progress);
  return normaliser.result();
}

/** Config `normalise` as plain data: config slices are guarded proxies, which cannot be posted to worker threads. */
function plainNormaliseConfig(config: Config): NormaliseConfig {
  return JSON.parse(JSON.stringify(config.normalise)) as NormaliseConfig;
}

/**
 * For each record, the row of `ahead.names` it was read from (records keep their readable rows' order, less the rows
 * rejected for their ids), or null when the records are not those rows (then the stage normalises them itself).
 */
function rowsOfRecords(records: CanonicalRecords, ahead: NamesAhead): Int32Array | null {
  const n = records.accountName.length;
  const rows = new Int32Array(n);
  let row = 0;
  for (let i = 0; i < n; i++) {
    const sourceRow = records.sourceRow[i] as number;
    while (row < ahead.dataRows.length && ahead.dataRows[row] !== sourceRow) row++;
    if (row === ahead.dataRows.length || ahead.names[row] !== records.accountName[i]) return null;
    rows[i] = row++;
  }
  return rows;
}

/** The names normalised ahead; the wait for them readies this thread to help classify their spellings. */
function namesFrom(ahead: NamesAhead): Promise<NormalisedNames> {
  ahead.classes?.classes.prepare();
  return ahead.normalised;
}

/** SPEC §1 stage `normalise` (SPEC §3). */
export const normaliseStage: Stage<RunInput> = {
  name: 'normalise',
  module: import.meta.url,
  inputs: ['canonical.bin'],
  outputs: ['names.bin'],
  configKeys: ['normalise'],
  async run(ctx) {
    const records = await loadArtifact(ctx, 'canonical.bin');
    const n = records.accountName.length;
    const ahead = namesAheadOfRecords.take(records);
    const rows = ahead === undefined ? null : rowsOfRecords(records, ahead);
    const normalised =
      ahead !== undefined && rows !== null ? await namesFrom(ahead) : normaliseHere(records, ctx.config, ctx.progress);
    const rowOf = (i: number): number => (rows === null ? i : (rows[i] as number));
    const out: NamesBundle = {
      nameRaw: new Array<string>(n),
      nameBase: new Array<string>(n),
      nameCore: new Array<string>(n),
      suffixClass: new Array<string>(n),
      nameUnit: new Array<string>(n),
      nameLocation: new Array<string>(n),
      flags: new Uint8Array(n),
      aliases: { json: [] },
      nameParts: { json: [] },
      sameName: new Int32Array(n),
    };
    // A spelling's first record: every record spelled so shares its columns.
    const firstOfSpelling = new Int32Array(normalised.nameRaw.length).fill(-1);
    const spellingOfRecord = new Int32Array(n);
    // One string object per value where the worker's columns or the input's rows repeat one (StringInterner, issue 14:
    // fewer objects for every full collection to mark). The raw name is the account name trimmed, most often the
    // account name itself; the suffix classes are few; a repeated spelling's account names are one text, so the
    // canonical records take the first one's object and still hold the same values.
    const suffixes = new StringInterner();
    const accountNames = records.accountName;
    for (let i = 0; i < n; i++) {
      const s = normalised.spellingOf[rowOf(i)] as number;
      spellingOfRecord[i] = s;
      const first = firstOfSpelling[s] as number;
      if (first === -1) {
        firstOfSpelling[s] = i;
        if (normalised.nameRaw[s] === accountNames[i]) normalised.nameRaw[s] = accountNames[i] as string;
        normalised.suffixClass[s] = suffixes.intern(normalised.suffixClass[s] as string);
      } else accountNames[i] = accountNames[first] as string;
      out.sameName[i] = firstOfSpelling[s] as number;
      out.nameRaw[i] = normalised.nameRaw[s] as string;
      out.nameBase[i] = normalised.nameBase[s] as string;
      out.nameCore[i] = normalised.nameCore[s] as string;
      out.suffixClass[i] = normalised.suffixClass[s] as string;
      out.nameUnit[i] = normalised.nameUnit[s] as string;
      out.nameLocation[i] = normalised.nameLocation[s] as string;
      out.flags[i] = normalised.flags[s] as number;
      for (let a = normalised.aliasStart[s] as number; a < (normalised.aliasStart[s + 1] as number); a++) {
        out.aliases.json.push([
          i,
          normalised.aliasText[a] as string,
          normalised.aliasSource[a] as Alias['source'],
          normalised.aliasCore[a] as string,
          normalised.aliasSuffix[a] as string,
        ]);
      }
      for (let p = normalised.partStart[s] as number; p < (normalised.partStart[s + 1] as number); p++) {
        out.nameParts.json.push([
          i,
          normalised.partText[p] as string,
          normalised.partCore[p] as string,
          normalised.partSuffix[p] as string,
        ]);
      }
    }
    // Its strings are encoded where the block stage waits on its bridge worker (issue 14).
    saveArtifact(ctx, 'names.bin', out, true);
    // The worker classifies the spellings next: the classify stage takes them for these names.
    if (rows !== null && ahead?.classes != null) rememberClassesAhead(out, { ...ahead.classes, spellingOfRecord });
    return { counts: { aliases: out.aliases.json.length } };
  },
};
