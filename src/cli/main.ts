#!/usr/bin/env node
// First: V8's tiering budget must be set before any of our code runs (see v8-tiering.ts).
import './v8-tiering.js';
import { installInterruptHandling } from './interrupt.js';
import { buildProgram, EXIT, reportError } from './program.js';

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
