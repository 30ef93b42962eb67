import { normaliseOptionsFromConfig } from '../config/core-options.js';
import { createBlockingIndex } from '../core/blocking.js';
import { buildKeyStore } from '../core/key-store.js';
import { buildKeyTokens, rewriteTokens } from '../core/key-tokens.js';
import { createNormaliser } from '../core/normalise/index.js';
import { scorePairs } from '../core/score.js';
import { computeTokenStats } from '../core/token-stats.js';
import { blockingOptions, rewriteOptions } from './block.js';
import type { RunInput } from './ingest.js';
import type { Stage } from './runner.js';
import { scoreOptions } from './score.js';
import { loadArtifact, saveArtifact } from './stage-io.js';

export type AliasBundle = {
  record: Int32Array;
  alias: string[];
  aliasSource: string[];
  /** A record of the matched key (its first record in input order). */
  matchedRecord: Int32Array;
  score: Uint8Array;
  /** Record → 1 when one of its aliases matches another group (SPEC §9.1 rule 6). */
  aliasMatchesOtherGroup: Uint8Array;
};

/**
 * SPEC §1 stage `alias` (SPEC §7.2): each alias is normalised like a name and looked up through the same
 * blocking index and scorer; a match needs score ≥ high and must land outside the record's own group.
 * Reported, never merged.
 */
export const aliasStage: Stage<RunInput> = {
  name: 'alias',
  module: import.meta.url,
  inputs: ['names.bin', 'keys.bin', 'grouping.bin'],
  outputs: ['alias.bin'],
  configKeys: ['normalise', 'blocking', 'penalty', 'suffix.equivalence', 'thresholds.high'],
  async run(ctx) {
    const names = await loadArtifact(ctx, 'names.bin');
    const keys = await loadArtifact(ctx, 'keys.bin');
    const grouping = await loadArtifact(ctx, 'grouping.bin');
    const n = names.nameCore.length;
    const keyCount = keys.keyCore.length;
    const rep = new Int32Array(keyCount).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = keys.keyOf[i] as number;
      if (k >= 0 && rep[k] === -1) rep[k] = i;
    }
    const normalise = createNormaliser(normaliseOptionsFromConfig(ctx.config));
    const rewrite = rewriteOptions(ctx.config);
    const aliasRows = names.aliases.json;
    // Aliases become extra keys after the real ones, so one key store scores alias × key pairs.
    const aliasCores: string[] = [];
    const aliasSuffixes: string[] = [];
    for (const [, text] of aliasRows) {
      const normalised = normalise(text);
      aliasCores.push(normalised.name_core);
      aliasSuffixes.push(normalised.suffix_class);
    }
    const tokens = buildKeyTokens(keys.keyCore, rewrite);
    const eligible = new Uint8Array(keyCount).fill(1);
    const distinctCores = keyCount === 0 ? 0 : (keys.keyCoreId[keyCount - 1] as number) + 1;
    const index = createBlockingIndex(
      tokens,
      keys.keyCore,
      eligible,
      blockingOptions(ctx.config, distinctCores),
      computeTokenStats(tokens, keys.keyCore, eligible),
    );
    const pairA: number[] = [];
    const pairB: number[] = [];
    const pairAlias: number[] = [];
    aliasRows.forEach((_row, j) => {
      const core = aliasCores[j] as string;
      if (core.length === 0) return;
      for (const k of index.query(rewriteTokens(core, rewrite), core)) {
        pairA.push(keyCount + j);
        pairB.push(k);
        pairAlias.push(j);
      }
    });
    const allCores = [...keys.keyCore, ...aliasCores];
    const store = buildKeyStore(buildKeyTokens(allCores, rewrite), [...keys.keySuffix, ...aliasSuffixes], allCores);
    const scores = scorePairs(store, Int32Array.from(pairA), Int32Array.from(pairB), scoreOptions(ctx.config));
    const high = ctx.config.thresholds.high;
    const record: number[] = [];
    const alias: string[] = [];
    const aliasSource: string[] = [];
    const matchedRecord: number[] = [];
    const score: number[] = [];
    const aliasMatchesOtherGroup = new Uint8Array(n);
    const seen = new Set<string>();
    for (let p = 0; p < pairA.length; p++) {
      const s = scores.score[p] as number;
      if (s < high) continue;
      const [row, text, source] = aliasRows[pairAlias[p] as number] as [number, string, string];
      const target = rep[pairB[p] as number] as number;
      if (grouping.component[target] === grouping.component[row]) continue;
      const once = `${row}\u0000${text}\u0000${grouping.component[target]}`;
      if (seen.has(once)) continue; // one row per alias and matched group
      seen.add(once);
      record.push(row);
      alias.push(text);
      aliasSource.push(source);
      matchedRecord.push(target);
      score.push(s);
      aliasMatchesOtherGroup[row] = 1;
    }
    await saveArtifact(ctx, 'alias.bin', {
      record: Int32Array.from(record),
      alias,
      aliasSource,
      matchedRecord: Int32Array.from(matchedRecord),
      score: Uint8Array.from(score),
      aliasMatchesOtherGroup,
    } satisfies AliasBundle);
    return { counts: { aliases_looked_up: aliasRows.length, alias_matches: record.length } };
  },
};
