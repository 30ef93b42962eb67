import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import type { EvalReport } from '../eval/evaluate.js';
import { parseColumnFlags } from './column-flags.js';

interface EvalFlags {
  truthCol?: string;
  truthFile?: string;
  baselines?: boolean;
  config?: string;
  col: string[];
  json?: boolean;
  workspace?: string;
  workers?: string;
  labelsFrom?: string;
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(
      'run the pipeline on a labelled file and report precision, recall and F1 (optionally beside baselines)',
    )
    .argument('<data>', 'labelled CSV/XLSX/Parquet')
    .option('--truth-col <column>', 'column holding the true entity id (never mapped as a field)')
    .option('--truth-file <file>', 'CSV with account_id,entity_id (optional kind, variation, family)')
    .option('--baselines', 'also score the fingerprint key and jaro-winkler ≥ 0.9 baselines')
    .option('--config <file>', 'YAML config')
    .option(
      '--col <field=Header>',
      'map a canonical field to a source header (repeatable)',
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .option('--workspace <dir>', 'keep the run in this workspace (default: a temporary one)')
    .option('--workers <n>', 'worker threads for scoring')
    .option(
      '--labels-from <path>',
      "a steward's labels as extra truth: a workspace (its decisions.jsonl) or a labelled-pairs CSV from the review UI",
    )
    .option('--json', 'machine-readable report on stdout')
    .action(async (data: string, flags: EvalFlags) => {
      const config = await loadConfig(flags.config);
      const { evaluate } = await import('../eval/evaluate.js');
      const report = await evaluate({
        dataPath: data,
        truthCol: flags.truthCol,
        truthFile: flags.truthFile,
        baselines: flags.baselines === true,
        config,
        colOverrides: parseColumnFlags(flags.col),
        workers: flags.workers === undefined ? config.workers : Number(flags.workers),
        workspace: flags.workspace,
        labelsFrom: flags.labelsFrom,
      });
      process.stdout.write(flags.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
    });
}

const pct = (x: number): string => x.toFixed(3);

export function renderReport(r: EvalReport): string {
  const lines = [
    `eval ${r.data}: ${r.records.toLocaleString('en-US')} records, ${r.entities.toLocaleString('en-US')} true entities (run ${r.runId}, ${r.seconds.toFixed(1)} s)`,
    `blocking pair recall ${pct(r.blockingPairRecall)}`,
    '',
    `${'method'.padEnd(42)} ${['P', 'R', 'F1', 'R-top10', 'B3-P', 'B3-R', 'B3-F1'].map((h) => h.padStart(7)).join(' ')} ${'clusters'.padStart(9)}`,
  ];
  for (const { method, metrics: m } of r.results) {
    const values = [m.precision, m.recall, m.f1, m.recallWithoutTop10, m.bcubedPrecision, m.bcubedRecall, m.bcubedF1];
    lines.push(
      `${method.padEnd(42)} ${values.map((v) => pct(v).padStart(7)).join(' ')} ${String(m.clusters).padStart(9)}`,
    );
  }
  const main = r.results[0];
  if (main !== undefined) {
    lines.push('', 'pair recall by true entity size:');
    for (const b of main.metrics.recallBySize)
      lines.push(`  size ${b.sizes.padEnd(7)} ${pct(b.recall)}  (${b.entities} entities, ${b.truePairs} pairs)`);
  }
  if (r.kinds.length > 0) {
    lines.push('', 'outcome by truth kind (records, in a group of 2+, Keep/Update/Delete/Verify):');
    for (const k of r.kinds)
      lines.push(
        `  ${k.kind.padEnd(14)} ${String(k.records).padStart(8)} ${String(k.grouped).padStart(8)}   ${k.keep}/${k.update}/${k.delete}/${k.verify}`,
      );
  }
  const s = r.stewardLabels;
  if (s !== null) {
    const value = (x: number | null): string => (x === null ? '—' : pct(x));
    lines.push(
      '',
      `steward labels (${s.source}): ${s.matched} of ${s.pairs} labelled pairs in this data (${s.must} same, ${s.cannot} different)`,
      `  pair precision ${value(s.precision)}  pair recall ${value(s.recall)}  (same & together ${s.tp}, same & apart ${s.fn}, different & together ${s.fp})`,
    );
  }
  if (r.variationRecall !== null && r.variationRecall.length > 0) {
    lines.push('', 'pair recall by variation (true pairs where one side carries it; worst first):');
    for (const v of r.variationRecall)
      lines.push(
        `  ${v.variation.padEnd(20)} ${pct(v.recall)}  (${v.records} records, ${v.foundPairs} of ${v.truePairs} pairs)`,
      );
  }
  if (r.familyMerges !== null && r.familyMerges.length > 0) {
    lines.push('', 'look-alike families wrongly merged (share of record pairs across entities; entity pairs):');
    for (const f of r.familyMerges)
      lines.push(
        `  ${f.kind.padEnd(20)} ${pct(f.mergedShare)}  (${f.families} families, ${f.mergedPairs} of ${f.lookalikePairs} record pairs, ${f.mergedEntityPairs} of ${f.entityPairs} entity pairs)`,
      );
  }
  lines.push('', 'worst false merges (group: wrongly joined pairs, names):');
  for (const e of r.falseMerges) lines.push(`  ${e.id} (${e.size} records): ${e.pairs} pairs — ${e.names.join(' | ')}`);
  lines.push('', 'worst misses (entity: missed pairs, names):');
  for (const e of r.misses) lines.push(`  ${e.id} (${e.size} records): ${e.pairs} pairs — ${e.names.join(' | ')}`);
  return `${lines.join('\n')}\n`;
}
