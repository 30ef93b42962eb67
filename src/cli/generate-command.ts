import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { FILE_SHAPES, type FileShape } from '../generate/columns.js';

interface GenerateFlags {
  rows: string;
  seed?: string;
  out: string;
  truth?: string;
  shape: string;
  pairs?: boolean;
  quiet?: boolean;
  json?: boolean;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write a realistic synthetic Salesforce Account export with known truth')
    .requiredOption('--rows <n>', 'number of rows')
    .option('--seed <s>', 'random seed (same seed, same file)', '1')
    .requiredOption('--out <file>', 'CSV to write')
    .option('--truth <file>', 'also write the truth: account_id,entity_id,kind,variation,family')
    .option('--shape <shape>', `file shape: ${FILE_SHAPES.join(' | ')} (BOM, 20 columns, long notes)`, 'classic')
    .option(
      '--pairs',
      'every company twice, as named and varied as intake writes it (like public "names and perturbed copies" sets)',
    )
    .option('--quiet', 'no progress output')
    .option('--json', 'print the rates this seed drew and the shares measured in the file, as JSON')
    .action(async (flags: GenerateFlags) => {
      const rows = wholeNumber('--rows', flags.rows, 1);
      const seed = wholeNumber('--seed', flags.seed ?? '1', 0);
      const shape = fileShape(flags.shape);
      const { generateDataset } = await import('../generate/index.js');
      const started = performance.now();
      const result = await generateDataset({
        rows,
        seed,
        out: flags.out,
        truth: flags.truth,
        shape,
        pairs: flags.pairs === true,
      });
      if (flags.quiet !== true) {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        process.stderr.write(
          `wrote ${result.rows.toLocaleString('en-US')} rows (${result.entities.toLocaleString('en-US')} entities) to ${flags.out} in ${seconds} s (generator v${result.generatorVersion})\n`,
        );
      }
      if (flags.json === true) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });
}

export function wholeNumber(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} ${value}: give a whole number ≥ ${min}.`);
  return n;
}

function fileShape(value: string): FileShape {
  const shape = FILE_SHAPES.find((s) => s === value);
  if (shape === undefined) throw new UsageError(`--shape ${value}: give one of ${FILE_SHAPES.join(', ')}.`);
  return shape;
}
