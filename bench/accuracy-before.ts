/**
 * The "before" column of ACCURACY.md: the same suite files through an older build of junction, e.g. the matcher
 * before issue 10: `node --import tsx bench/accuracy-before.ts --junction ../v1/dist/src/cli/main.js`. Writes
 * bench/accuracy-before.json (name → pairwise P/R/F1, B3-F1, blocking pair recall).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { prepare } from './accuracy.js';
import { GENERATED_SUITE, PUBLIC_SUITE } from './accuracy-suite.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

interface OldReport {
  blockingPairRecall: number;
  results: { method: string; metrics: { precision: number; recall: number; f1: number; bcubedF1: number } }[];
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--junction');
  const junction = at < 0 ? undefined : process.argv[at + 1];
  if (junction === undefined) throw new Error('give --junction path/to/dist/src/cli/main.js of the older build');
  const out: Record<string, unknown> = {};
  for (const raw of [...PUBLIC_SUITE, ...GENERATED_SUITE]) {
    const entry = await prepare(raw);
    process.stderr.write(`before: ${entry.name}…\n`);
    const truth =
      entry.truthCol !== undefined ? ['--truth-col', entry.truthCol] : ['--truth-file', entry.truthFile ?? ''];
    const { stdout } = await run('node', [junction, 'eval', entry.data, ...truth, '--json'], {
      maxBuffer: 1 << 28,
    });
    const report = JSON.parse(stdout) as OldReport;
    const m = report.results[0]?.metrics;
    if (m === undefined) continue;
    out[entry.name] = {
      precision: m.precision,
      recall: m.recall,
      f1: m.f1,
      bcubedF1: m.bcubedF1,
      blockingPairRecall: report.blockingPairRecall,
    };
  }
  await writeFile(join(ROOT, 'bench/accuracy-before.json'), `${JSON.stringify(out, null, 2)}\n`);
}

await main();
