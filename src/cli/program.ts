import { Command, CommanderError } from 'commander';
import { UsageError } from '../core/errors.js';
import { RunFailedError } from '../pipeline/run.js';
import { RunInterruptedError } from '../pipeline/runner.js';
import { TOOL_VERSION } from '../pipeline/version.js';
import { registerDemo } from './demo-command.js';
import { registerEval } from './eval-command.js';
import { registerExport } from './export-command.js';
import { registerGenerate } from './generate-command.js';
import { EXIT_INTERRUPTED } from './interrupt.js';
import { registerReview } from './review-command.js';
import { registerRun } from './run-command.js';
import { registerRuns } from './runs-command.js';

/** Exit codes of SPEC §13. */
export const EXIT = { ok: 0, usage: 1, failed: 2, interrupted: EXIT_INTERRUPTED } as const;

/**
 * Every command, defined without loading what only another command runs: the generator, the evaluator, export and
 * the review store are imported by their command's action, so `junction run` starts without them (issue 14: a start
 * loads 168 modules instead of 209; `--version` 0.81 → 0.72 s).
 */
export function buildProgram(): Command {
  const program = new Command('junction')
    .description('Find duplicate company accounts in CRM exports, propose a primary per group, review and export.')
    .version(TOOL_VERSION)
    .option('--debug', 'print stack traces')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerRun(program);
  registerRuns(program);
  registerGenerate(program);
  registerEval(program);
  registerDemo(program);
  registerReview(program);
  registerExport(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Map an error to one line on stderr and an exit code (no stack trace unless --debug). */
export function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return EXIT.ok;
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (debug && error instanceof Error) process.stderr.write(`${error.stack ?? message}\n`);
  if (error instanceof UsageError) {
    process.stderr.write(`junction: ${message}\n`);
    return EXIT.usage;
  }
  if (error instanceof RunInterruptedError) {
    process.stderr.write(`junction: ${message}\n`);
    return EXIT.interrupted;
  }
  if (error instanceof RunFailedError) {
    process.stderr.write(`junction: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
    return EXIT.failed;
  }
  process.stderr.write(`junction: unexpected error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
  return EXIT.failed;
}
