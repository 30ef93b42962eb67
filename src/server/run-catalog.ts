import { join } from 'node:path';
import { UsageError } from '../core/index.js';
import type { PreviousRun } from '../engine/review-changes.js';
import type { Manifest } from '../pipeline/manifest.js';
import { STAGE_NAMES } from '../pipeline/runner.js';
import { CorruptRunError, effectiveStatus, type Workspace } from '../pipeline/workspace.js';
import type { RunDetails, RunSummary, Thresholds } from '../shared/api.js';
import { HttpError } from './http-error.js';

/** Run ids as `junction run --run-id` accepts them; anything else cannot name a run folder. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * The runs of a workspace as the API shows them (REVIEW §2.1), read from the manifests on every request:
 * a live run rewrites its manifest every 2 s, so there is nothing to cache.
 */
export class RunCatalog {
  constructor(readonly workspace: Workspace) {}

  async list(): Promise<RunSummary[]> {
    const all = await this.workspace.listRuns();
    const latest = all.find((m) => m.status === 'complete')?.run_id;
    return all.map((m) => summarise(m, m.run_id === latest));
  }

  /** The manifest of a run: 404 only when it does not exist, 500 naming the damage when it cannot be read. */
  async manifest(runId: string): Promise<Manifest> {
    if (!RUN_ID.test(runId)) throw new HttpError(404, `no run "${runId.slice(0, 100)}"`);
    try {
      return await this.workspace.readManifest(runId);
    } catch (error) {
      if (error instanceof CorruptRunError) throw new HttpError(500, error.message);
      if (error instanceof UsageError) throw new HttpError(404, `no run "${runId}" in this workspace`);
      throw error;
    }
  }

  /** A complete run's manifest and folder, or 404 / 409 (a live, failed or interrupted run has no artifacts). */
  async complete(runId: string): Promise<{ manifest: Manifest; dir: string }> {
    const manifest = await this.manifest(runId);
    const status = effectiveStatus(manifest);
    if (status !== 'complete') {
      const stage = currentStage(manifest);
      throw new HttpError(
        409,
        status === 'running'
          ? `run "${runId}" is still running${stage === null ? '' : ` (stage ${stage})`}; it opens when complete`
          : `run "${runId}" is ${status}: it has no artifacts to review`,
      );
    }
    return { manifest, dir: this.workspace.runDir(runId) };
  }

  async details(runId: string): Promise<RunDetails> {
    const manifest = await this.manifest(runId);
    const all = await this.workspace.listRuns();
    const latest = all.find((m) => m.status === 'complete')?.run_id;
    const previous = previousOf(manifest, all);
    return {
      ...summarise(manifest, manifest.run_id === latest),
      thresholds: thresholdsOf(manifest),
      counts: manifest.counts,
      stages: manifest.stages.map((s) => ({ name: s.name, seconds: s.seconds, cache_hit: s.cache_hit })),
      stageNames: [...STAGE_NAMES],
      warnings: manifest.warnings,
      rejected: manifest.counts.rejected ?? 0,
      error: manifest.error ?? null,
      heartbeat: manifest.heartbeat,
      input_facts:
        manifest.input === null
          ? null
          : {
              name: manifest.input.name,
              size: manifest.input.size,
              sha256: manifest.input.sha256,
              format: manifest.input.format,
              encoding: manifest.input.encoding,
            },
      config_hash: manifest.config_hash,
      config: manifest.config,
      version: manifest.version,
      peak_rss_mb: manifest.peak_rss_mb,
      previous_run_id: previous?.run_id ?? null,
    };
  }

  /** The previous complete run of the same dataset (REVIEW §2.2 "what changed"), or null. */
  async previous(manifest: Manifest): Promise<PreviousRun | null> {
    const found = previousOf(manifest, await this.workspace.listRuns());
    return found === null ? null : { runId: found.run_id, dir: this.workspace.runDir(found.run_id) };
  }

  rejectedPath(runId: string): string {
    return join(this.workspace.runDir(runId), 'rejected.csv');
  }
}

function previousOf(manifest: Manifest, all: readonly Manifest[]): Manifest | null {
  const earlier = all.filter(
    (m) =>
      m.run_id !== manifest.run_id &&
      m.status === 'complete' &&
      m.dataset === manifest.dataset &&
      (m.started_at < manifest.started_at || (m.started_at === manifest.started_at && m.run_id < manifest.run_id)),
  );
  return earlier[0] ?? null; // listRuns is newest first
}

/** The thresholds of a run's effective config (SPEC §6), or null when the manifest lacks them. */
export function thresholdsOf(manifest: Manifest): Thresholds | null {
  const config = manifest.config as { thresholds?: { high?: unknown; medium?: unknown } } | null;
  const high = config?.thresholds?.high;
  const medium = config?.thresholds?.medium;
  return typeof high === 'number' && typeof medium === 'number' ? { high, medium } : null;
}

/** The stage a live run is in: the first pipeline stage not yet finished. */
function currentStage(manifest: Manifest): string | null {
  if (manifest.status !== 'running') return null;
  const done = new Set(manifest.stages.map((s) => s.name));
  return STAGE_NAMES.find((s) => !done.has(s)) ?? null;
}

function summarise(m: Manifest, latest: boolean): RunSummary {
  const status = effectiveStatus(m);
  const seconds =
    m.finished_at === null ? null : Math.round((Date.parse(m.finished_at) - Date.parse(m.started_at)) / 100) / 10;
  return {
    run_id: m.run_id,
    status,
    input: m.input?.name ?? null,
    dataset: m.dataset,
    started_at: m.started_at,
    finished_at: m.finished_at,
    seconds: Number.isFinite(seconds) ? seconds : null,
    records: m.counts.records ?? null,
    groups: m.counts.groups ?? null,
    latest,
    pinned: m.pinned,
    stage: status === 'running' ? currentStage(m) : null,
  };
}
