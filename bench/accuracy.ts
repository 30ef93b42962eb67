/**
 * `npm run accuracy [-- --record]`: runs `junction eval --baselines` over the labelled suite and writes ACCURACY.md.
 * With --record it also updates test/accuracy/recorded.json, the values the regression tests guard.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/load.js';
import { type EvalReport, evaluate } from '../src/eval/evaluate.js';
import { GENERATOR_VERSION, generateDataset } from '../src/generate/index.js';
import { GENERATED_SUITE, PUBLIC_SUITE, type SuiteEntry } from './accuracy-suite.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = join(ROOT, '.bench-data');

async function prepare(entry: SuiteEntry): Promise<SuiteEntry> {
  if (entry.generate === undefined) return entry;
  await mkdir(DATA, { recursive: true });
  const { rows, seed } = entry.generate;
  const data = join(DATA, `gen-${rows}-${seed}-v${GENERATOR_VERSION}.csv`);
  const truthFile = join(DATA, `gen-${rows}-${seed}-v${GENERATOR_VERSION}.truth.csv`);
  if (!existsSync(data) || !existsSync(truthFile)) await generateDataset({ rows, seed, out: data, truth: truthFile });
  return { ...entry, data, truthFile };
}

const f = (x: number): string => x.toFixed(3);

async function main(): Promise<void> {
  const config = parseConfig({}, 'defaults');
  const reports: { entry: SuiteEntry; report: EvalReport }[] = [];
  for (const raw of [...PUBLIC_SUITE, ...GENERATED_SUITE]) {
    const entry = await prepare(raw);
    process.stderr.write(`eval ${entry.name}…\n`);
    const report = await evaluate({
      dataPath: entry.data,
      truthCol: entry.truthCol,
      truthFile: entry.truthFile,
      baselines: true,
      config,
      colOverrides: {},
      workers: config.workers,
    });
    reports.push({ entry, report });
  }
  const lines = [
    '# Accuracy',
    '',
    `Date: ${new Date().toISOString().slice(0, 10)}. Command: \`npm run accuracy\` (each row is \`junction eval <data> --truth-… --baselines\` with the default config).`,
    'P/R/F1 are pairwise; R-top10 is pairwise recall without the 10 largest true entities; B3 is B-cubed.',
    'Targets (SPEC §11): generated data P ≥ 0.98, R ≥ 0.90, R-top10 ≥ 0.85, B3-F1 ≥ 0.95; public sets: F1 above both baselines.',
    '',
    '| dataset | rows | entities | method | P | R | F1 | R-top10 | B3-P | B3-R | B3-F1 | clusters | blocking pair recall |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const recorded: Record<string, { precision: number; recall: number }> = {};
  for (const { entry, report } of reports) {
    for (const { method, metrics: m } of report.results) {
      lines.push(
        `| ${entry.name} | ${report.records.toLocaleString('en-US')} | ${report.entities.toLocaleString('en-US')} | ${method} | ${f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} | ${f(m.recallWithoutTop10)} | ${f(m.bcubedPrecision)} | ${f(m.bcubedRecall)} | ${f(m.bcubedF1)} | ${m.clusters.toLocaleString('en-US')} | ${method === 'junction' ? f(report.blockingPairRecall) : ''} |`,
      );
    }
    const main = report.results[0];
    if (main !== undefined) recorded[entry.name] = { precision: main.metrics.precision, recall: main.metrics.recall };
  }
  lines.push(
    '',
    '## Junk and multi-name entries (generated data, by truth kind)',
    '',
    'SPEC §11: junk never merged and always Delete or Verify; multi-name entries Verify.',
    '',
  );
  lines.push(
    '| dataset | kind | records | in a group of 2+ | Keep | Update | Delete | Verify |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const { entry, report } of reports) {
    for (const k of report.kinds)
      lines.push(
        `| ${entry.name} | ${k.kind} | ${k.records} | ${k.grouped} | ${k.keep} | ${k.update} | ${k.delete} | ${k.verify} |`,
      );
  }
  lines.push('', (await readFile(join(ROOT, 'bench/accuracy-log.md'), 'utf8')).trimEnd());
  lines.push('', '## Worst errors (junction)', '');
  for (const { entry, report } of reports) {
    lines.push(
      `### ${entry.name}`,
      '',
      'False merges:',
      ...report.falseMerges
        .slice(0, 5)
        .map((e) => `- ${e.id} (${e.size} records, ${e.pairs} wrong pairs): ${e.names.join(' · ')}`),
      '',
      'Misses:',
      ...report.misses
        .slice(0, 5)
        .map((e) => `- ${e.id} (${e.size} records, ${e.pairs} missed pairs): ${e.names.join(' · ')}`),
      '',
    );
  }
  await writeFile(join(ROOT, 'ACCURACY.md'), `${lines.join('\n')}\n`);
  if (process.argv.includes('--record'))
    await writeFile(join(ROOT, 'test/accuracy/recorded.json'), `${JSON.stringify(recorded, null, 2)}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
