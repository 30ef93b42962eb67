/**
 * `junction runs show <id>` in words (issue 13 defect 6: it printed the raw manifest): what a steward checks —
 * input, status, thresholds, counts, decisions, stages, warnings — in a screenful. `--json` prints the manifest.
 */
import type { DecisionsSection } from '../journal/applied.js';
import type { Manifest } from '../pipeline/manifest.js';

const n = (value: number | undefined): string => (value === undefined ? '?' : value.toLocaleString('en-US'));
const seconds = (s: number): string => (s < 1 ? `${Math.round(s * 1000)} ms` : `${s.toFixed(1)} s`);

function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 ** 2) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 ** 2).toFixed(1)} MB`;
}

/** The lines of `runs show`: label, then text; continuation lines are indented under the text. */
export function formatRunDetails(manifest: Manifest, status: string, dir: string, latest: boolean): string {
  const lines: [string, string][] = [];
  const add = (label: string, text: string): void => {
    lines.push([label, text]);
  };
  const c = manifest.counts;
  const total = manifest.stages.reduce((sum, s) => sum + s.seconds, 0);
  const flags = [latest ? 'latest' : '', manifest.pinned ? 'pinned' : ''].filter((f) => f.length > 0);
  const input = manifest.input;
  add(
    'input',
    input === null
      ? '—'
      : `${input.name} (${bytes(input.size)}, ${[input.format, input.encoding].filter((x) => x).join(', ')}), sha256 ${input.sha256.slice(0, 12)}…`,
  );
  add('dataset', manifest.dataset);
  add(
    'started',
    `${manifest.started_at.replace('T', ' ').slice(0, 19)} UTC${manifest.finished_at ? `, ${seconds(total)}` : ''}, peak ${n(manifest.peak_rss_mb)} MB, version ${manifest.version}`,
  );
  if (manifest.error) add('error', manifest.error);
  const thresholds = (manifest.config as { thresholds?: { high?: number; medium?: number } } | null)?.thresholds;
  if (thresholds?.high !== undefined) add('thresholds', `high ${thresholds.high}, medium ${thresholds.medium ?? '?'}`);
  add(
    'counts',
    `${n(c.rows_in)} rows in, ${n(c.records)} records, ${n(c.rejected)} rejected, ${n(c.groups)} groups` +
      (c.multi_record_groups === undefined ? '' : ` (${n(c.multi_record_groups)} with 2+ records)`),
  );
  if (c.keep !== undefined) {
    add('', `Keep ${n(c.keep)} · Update ${n(c.update)} · Delete ${n(c.delete)} · Verify ${n(c.verify)}`);
  }
  const decisions = manifest.decisions as DecisionsSection | null;
  if (decisions !== null) {
    const applied = Object.entries(decisions.applied)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${kind} ${n(count)}`);
    add(
      'decisions',
      `journal read up to seq ${decisions.journal_seq ?? 0}; applied ${applied.length === 0 ? 'none' : applied.join(', ')}` +
        (decisions.stale.length > 0 ? `; ${n(decisions.stale.length)} no longer match a record` : '') +
        (decisions.contradicted.length > 0
          ? `; ${n(decisions.contradicted.length)} merges refused (contradicted)`
          : ''),
    );
  }
  if (manifest.stages.length > 0) {
    add(
      'stages',
      manifest.stages.map((s) => `${s.name} ${seconds(s.seconds)}${s.cache_hit ? ' (cached)' : ''}`).join(' · '),
    );
  }
  for (const [i, warning] of manifest.warnings.entries()) add(i === 0 ? 'warnings' : '', warning);
  add('folder', dir);
  const width = Math.max(...lines.map(([label]) => label.length));
  const head = `run ${manifest.run_id}  ${status}${flags.length > 0 ? `  [${flags.join(', ')}]` : ''}`;
  const body = lines.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`);
  return `${[head, ...body, '  (--json prints the whole manifest)'].join('\n')}\n`;
}
