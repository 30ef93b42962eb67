/** The run manifest (SPEC §12): everything a reader needs to trust or reproduce a run. */

export type RunStatus = 'running' | 'complete' | 'failed' | 'interrupted';

export interface StageTiming {
  name: string;
  seconds: number;
  cache_hit: boolean;
  cache_key: string;
  /** Highest resident set size sampled while the stage ran, MB (peak_rss_mb is the OS maximum over the run). */
  rss_mb: number;
}

export interface InputFacts {
  path: string;
  name: string;
  size: number;
  sha256: string;
  format: string;
  encoding: string;
  delimiter: string | null;
  sheet: string | null;
}

export interface Manifest {
  run_id: string;
  status: RunStatus;
  error?: string;
  version: string;
  pid: number;
  heartbeat: string;
  started_at: string;
  finished_at: string | null;
  dataset: string;
  input: InputFacts | null;
  mapping: Record<string, string>;
  mapping_sources: Record<string, string>;
  synthetic_ids: boolean;
  config: unknown;
  config_hash: string;
  counts: Record<string, number>;
  warnings: string[];
  blocking: unknown;
  grouping: unknown;
  decisions: unknown;
  stages: StageTiming[];
  peak_rss_mb: number;
  pinned: boolean;
}
