import type { Command } from 'commander';
import { loadRunConfig } from '../config/load.js';
import { UsageError } from '../core/errors.js';
import type { EncodingChoice } from '../input/read-source.js';
import { STAGE_NAMES, type StageName } from '../pipeline/runner.js';
import { Workspace } from '../pipeline/workspace.js';
import { parseColumnFlags } from './column-flags.js';
import { executeRunInterruptibly } from './interrupt.js';
import { createProgressReporter } from './progress.js';
import { printRunSummary } from './run-summary.js';

interface RunFlags {
  workspace?: string;
  config?: string;
  runId?: string;
  col: string[];
  sheet?: string;
  encoding?: string;
  from?: string;
  cache: boolean;
  workers?: string;
  json?: boolean;
  quiet?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run the pipeline on a CSV/TSV, XLSX or Parquet export and write a run folder')
    .argument('<input>', 'the accounts export')
    .option('--workspace <dir>', 'workspace folder (default ./junction-workspace or $JUNCTION_WORKSPACE)')
    .option(
      '--config <file>',
      'YAML config (default: <workspace>/junction.yaml when it exists; see docs/reference/config.md)',
    )
    .option('--run-id <id>', 'name of the run folder (default YYYYMMDD-HHMMSS-<input hash>)')
    .option('--col <field=Header>', 'map a canonical field to a source header (repeatable)', collect, [])
    .option('--sheet <name>', 'XLSX sheet to read (default: the first)')
    .option('--encoding <enc>', 'utf8 or windows-1252 (default: detected)')
    .option('--from <stage>', `re-run from this stage even if cached (${STAGE_NAMES.join(', ')})`)
    .option('--no-cache', 'recompute every stage')
    .option('--workers <n>', 'worker threads for scoring')
    .option('--json', 'print a machine-readable summary on stdout')
    .option('--quiet', 'no progress output')
    .option('--debug', 'print stack traces')
    .action(async (input: string, flags: RunFlags) => {
      const workspace = new Workspace(flags.workspace);
      const { config } = await loadRunConfig(flags.config, workspace.root);
      const progress = createProgressReporter({ quiet: flags.quiet === true || flags.json === true });
      try {
        const result = await executeRunInterruptibly({
          workspace,
          config,
          inputPath: input,
          sheet: flags.sheet ?? null,
          encoding: parseEncoding(flags.encoding),
          colOverrides: parseColumnFlags(flags.col),
          excludeHeaders: [],
          decisions: null,
          runId: flags.runId,
          from: parseStage(flags.from),
          noCache: !flags.cache,
          workers: parseWorkers(flags.workers, config.workers),
          onEvent: progress.onEvent,
        });
        progress.stop();
        printRunSummary(result.manifest, workspace, flags.json === true);
      } finally {
        progress.stop();
      }
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseEncoding(value: string | undefined): EncodingChoice {
  if (value === undefined) return 'auto';
  const v = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (v === 'utf8') return 'utf8';
  if (v === 'windows1252' || v === 'cp1252' || v === 'latin1') return 'windows-1252';
  throw new UsageError(`--encoding ${value}: use utf8 or windows-1252.`);
}

function parseStage(value: string | undefined): StageName | undefined {
  if (value === undefined) return undefined;
  if ((STAGE_NAMES as readonly string[]).includes(value)) return value as StageName;
  throw new UsageError(`--from ${value}: not a stage. Use one of ${STAGE_NAMES.join(', ')}.`);
}

function parseWorkers(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UsageError(`--workers ${value}: give a whole number from 1 to 64.`);
  return n;
}
