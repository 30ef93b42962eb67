import { access, appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { Workspace } from '../pipeline/workspace.js';
import { wholeNumber } from './generate-command.js';
import { executeRunInterruptibly } from './interrupt.js';
import { createProgressReporter } from './progress.js';
import { ALLOW_HOST_HELP, collectHostNames, portNumber, serveReview } from './review-command.js';
import { printRunSummary } from './run-summary.js';

interface DemoFlags {
  workspace?: string;
  rows: string;
  port: string;
  serve: boolean;
  open?: boolean;
  allowHost: string[];
}

/** `junction demo` (SPEC §13): generate a sample, run the pipeline on it, then serve the review UI over it. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('generate a sample export, run the pipeline on it, show the result and serve the review UI')
    .option('--workspace <dir>', 'workspace folder')
    .option('--rows <n>', 'sample size', '5000')
    .option('--port <n>', 'review UI port (a free one if taken)', '4173')
    .option('--no-serve', 'stop after the summary instead of serving the review UI')
    .option('--allow-host <name>', ALLOW_HOST_HELP, collectHostNames, [])
    .option('--open', 'open the review UI in a browser')
    .action(async (flags: DemoFlags) => {
      const workspace = new Workspace(flags.workspace);
      await workspace.ensure();
      const rows = wholeNumber('--rows', flags.rows, 1);
      const port = portNumber(flags.port);
      const sample = join(workspace.root, `sample-${rows}.csv`);
      try {
        await access(sample);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        process.stderr.write(`generating a ${rows.toLocaleString('en-US')}-row sample export → ${sample}\n`);
        const { generateDataset } = await import('../generate/index.js');
        await generateDataset({ rows, seed: 1, out: sample, truth: join(workspace.root, `sample-${rows}.truth.csv`) });
        await appendShowcaseRows(sample);
      }
      const config = await loadConfig(undefined);
      const progress = createProgressReporter({ quiet: false });
      const result = await executeRunInterruptibly({
        workspace,
        config,
        inputPath: sample,
        sheet: null,
        encoding: 'auto',
        colOverrides: {},
        excludeHeaders: [],
        decisions: null,
        noCache: false,
        workers: config.workers,
        onEvent: progress.onEvent,
      });
      progress.stop();
      printRunSummary(result.manifest, workspace, false);
      const { largestGroups } = await import('../engine/groups-parquet.js');
      const groups = await largestGroups(result.dir, 10);
      process.stdout.write('\nlargest groups (Keep/Update/Delete/Verify):\n');
      for (const g of groups) {
        const mix = `${g.keep_count}/${g.update_count}/${g.delete_count}/${g.verify_count}`;
        process.stdout.write(`  ${String(g.size).padStart(5)}  ${mix.padEnd(12)} ${g.primary_name}  (${g.group_id})\n`);
      }
      process.stdout.write(`\nartifacts: ${result.dir}\n`);
      if (!flags.serve) return;
      await serveReview({
        workspace,
        host: '127.0.0.1',
        port,
        token: null,
        reviewer: null,
        open: flags.open === true,
        anyPortIfBusy: true,
        engine: config.engine,
        allowHosts: flags.allowHost,
      });
    });
}

/**
 * Rows the demo adds to its sample so the first screen shows what issue 10's matcher joins: a legal-form
 * variant, a typo and a location tail of the sample's largest employer, beside its plain spellings.
 */
const SHOWCASE_NAMES = ['Wal-Mart Stores, Inc.', 'Walmrt', 'Walmart - Mesa', 'Walmart'];

async function appendShowcaseRows(sample: string): Promise<void> {
  const text = await readFile(sample, 'utf8');
  const lineEnd = text.includes('\r\n') ? '\r\n' : '\n';
  const header = text
    .slice(0, text.indexOf(lineEnd))
    .replace(/^\uFEFF/, '')
    .split(',');
  const idAt = header.indexOf('Account ID');
  const nameAt = header.indexOf('Account Name');
  if (idAt < 0 || nameAt < 0) return;
  const rows = SHOWCASE_NAMES.map((name, i) => {
    const cells = header.map(() => '');
    cells[idAt] = `001DEMO0000SHW${i}`;
    cells[nameAt] = `"${name.replaceAll('"', '""')}"`;
    return cells.join(',');
  });
  await appendFile(sample, `${rows.join(lineEnd)}${lineEnd}`);
}
