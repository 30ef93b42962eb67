#!/usr/bin/env node
// First: V8's tiering budget must be set before any of our code runs (see v8-tiering.ts).
import './v8-tiering.js';
import { NORMALISE_WORKER, prestartWorker } from '../workers/start-worker.js';

// The commands that run the pipeline start its first worker before the rest of the CLI loads (~0.4 s of modules), so
// it has booted on the other core when the ingest stage feeds it names (issue 14).
const PIPELINE_COMMANDS: ReadonlySet<string> = new Set(['run', 'eval', 'demo']);
const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
if (command !== undefined && PIPELINE_COMMANDS.has(command)) prestartWorker(NORMALISE_WORKER);
const [{ installInterruptHandling }, { buildProgram, EXIT, reportError }] = await Promise.all([
  import('./interrupt.js'),
  import('./program.js'),
]);

async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  installInterruptHandling();
  try {
    await buildProgram().parseAsync(argv);
    process.exitCode = process.exitCode ?? EXIT.ok;
  } catch (error) {
    process.exitCode = reportError(error, debug);
  }
}

await main(process.argv);
