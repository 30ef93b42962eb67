import { aliasStage } from './alias.js';
import { blockStage } from './block.js';
import { classifyStage } from './classify.js';
import { disposeStage } from './dispose.js';
import { groupStage } from './group.js';
import { ingestStage, type RunInput } from './ingest.js';
import { normaliseStage } from './normalise.js';
import type { Stage } from './runner.js';
import { scoreStage } from './score.js';
import { statsStage } from './stats.js';
import { surviveStage } from './survive.js';
import { writeStage } from './write.js';

/** The pipeline, in SPEC §1 order. */
export const PIPELINE_STAGES: readonly Stage<RunInput>[] = [
  ingestStage,
  normaliseStage,
  classifyStage,
  blockStage,
  scoreStage,
  groupStage,
  surviveStage,
  aliasStage,
  disposeStage,
  statsStage,
  writeStage,
];

/** Cache artifact → file name in the run folder (SPEC §12). */
export const RUN_ARTIFACTS: readonly (readonly [string, string])[] = [
  ['records.parquet', 'records.parquet'],
  ['groups.parquet', 'groups.parquet'],
  ['pairs.parquet', 'pairs.parquet'],
  ['alias_matches.parquet', 'alias_matches.parquet'],
  ['search_tokens.parquet', 'search_tokens.parquet'],
  ['rejected.csv', 'rejected.csv'],
];
