import type { Manifest } from '../pipeline/manifest.js';
import type { Workspace } from '../pipeline/workspace.js';

/** What `junction run` prints when it finishes: a short human summary, or the JSON summary with --json. */
export function printRunSummary(manifest: Manifest, workspace: Workspace, json: boolean): void {
  const seconds = manifest.stages.reduce((sum, s) => sum + s.seconds, 0);
  if (json) {
    const summary = {
      run_id: manifest.run_id,
      status: manifest.status,
      dir: workspace.runDir(manifest.run_id),
      counts: manifest.counts,
      warnings: manifest.warnings,
      stages: manifest.stages,
      seconds: Math.round(seconds * 1000) / 1000,
      peak_rss_mb: manifest.peak_rss_mb,
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const c = manifest.counts;
  const parts = [`${fmt(c.rows_in)} rows in`, `${fmt(c.records)} records`, `${fmt(c.rejected)} rejected`];
  if (c.groups !== undefined) parts.push(`${fmt(c.groups)} groups`);
  process.stdout.write(`run ${manifest.run_id} complete in ${seconds.toFixed(1)} s: ${parts.join(', ')}\n`);
  for (const warning of manifest.warnings) process.stdout.write(`  warning: ${warning}\n`);
  process.stdout.write(`  ${workspace.runDir(manifest.run_id)}\n`);
}

function fmt(n: number | undefined): string {
  return n === undefined ? '?' : n.toLocaleString('en-US');
}
