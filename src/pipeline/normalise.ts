import { normaliseOptionsFromConfig } from '../config/core-options.js';
import { firstOccurrences } from '../core/first-occurrences.js';
import { createNormaliser } from '../core/normalise/index.js';
import type { Alias } from '../core/types.js';
import type { RunInput } from './ingest.js';
import type { Stage } from './runner.js';
import { loadArtifact, saveArtifact } from './stage-io.js';

/** Bits of `NamesBundle.flags`. */
export const HAS_PARENTHESES = 1;
export const HAS_SEMICOLON = 2;
export const HAS_MULTIPLE_NAMES = 4;

/** SPEC §3 columns per record (row_index = position). Aliases are sparse: [row, text, source]. */
export type NamesBundle = {
  nameRaw: string[];
  nameBase: string[];
  nameCore: string[];
  suffixClass: string[];
  /** Store number, '' when none. */
  nameUnit: string[];
  /** Location or branch tail (`Target - Mesa` → `mesa`), '' when none (issue 10). */
  nameLocation: string[];
  flags: Uint8Array;
  aliases: { json: [number, string, Alias['source']][] };
  /**
   * Per record, the first record with the same account name (itself for the first): every column above follows
   * from the name, so later stages work once per distinct name (the 1M bench file holds 546,493).
   */
  sameName: Int32Array;
};

/** SPEC §1 stage `normalise` (SPEC §3). */
export const normaliseStage: Stage<RunInput> = {
  name: 'normalise',
  module: import.meta.url,
  inputs: ['canonical.bin'],
  outputs: ['names.bin'],
  configKeys: ['normalise'],
  async run(ctx) {
    const records = await loadArtifact(ctx, 'canonical.bin');
    const normalise = createNormaliser(normaliseOptionsFromConfig(ctx.config));
    const n = records.accountName.length;
    const out: NamesBundle = {
      nameRaw: new Array<string>(n),
      nameBase: new Array<string>(n),
      nameCore: new Array<string>(n),
      suffixClass: new Array<string>(n),
      nameUnit: new Array<string>(n),
      nameLocation: new Array<string>(n),
      flags: new Uint8Array(n),
      aliases: { json: [] },
      // Intake repeats names (`Walmart` thousands of times): each distinct spelling is normalised once.
      sameName: firstOccurrences(records.accountName),
    };
    const step = Math.max(1, Math.floor(n / 50));
    const aliasesOf = new Map<number, Alias[]>();
    for (let i = 0; i < n; i++) {
      const text = records.accountName[i] as string;
      const first = out.sameName[i] as number;
      if (first !== i) {
        out.nameRaw[i] = out.nameRaw[first] as string;
        out.nameBase[i] = out.nameBase[first] as string;
        out.nameCore[i] = out.nameCore[first] as string;
        out.suffixClass[i] = out.suffixClass[first] as string;
        out.nameUnit[i] = out.nameUnit[first] as string;
        out.nameLocation[i] = out.nameLocation[first] as string;
        out.flags[i] = out.flags[first] as number;
        for (const alias of aliasesOf.get(first) ?? []) out.aliases.json.push([i, alias.text, alias.source]);
        continue;
      }
      const name = normalise(text);
      if (name.aliases.length > 0) aliasesOf.set(i, name.aliases);
      out.nameRaw[i] = name.name_raw;
      out.nameBase[i] = name.name_base;
      out.nameCore[i] = name.name_core;
      out.suffixClass[i] = name.suffix_class;
      out.nameUnit[i] = name.name_unit ?? '';
      out.nameLocation[i] = name.name_location ?? '';
      out.flags[i] =
        (name.has_parentheses ? HAS_PARENTHESES : 0) |
        (name.has_semicolon ? HAS_SEMICOLON : 0) |
        (name.has_multiple_names ? HAS_MULTIPLE_NAMES : 0);
      for (const alias of name.aliases) out.aliases.json.push([i, alias.text, alias.source]);
      if (i % step === 0) ctx.progress(i, n);
    }
    saveArtifact(ctx, 'names.bin', out);
    return { counts: { aliases: out.aliases.json.length } };
  },
};
