#!/usr/bin/env node
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
