import { createRequire } from 'node:module';
import type { SingleBar } from 'cli-progress';
import type { StageEvent } from '../pipeline/runner.js';

const require = createRequire(import.meta.url);

/**
 * Stage progress (SPEC §13): an in-place bar with the stage name, counts and ETA on a TTY, plain lines
 * otherwise, nothing with --quiet. Always on stderr: stdout is kept for results (--json).
 */
export function createProgressReporter(mode: { quiet: boolean }): {
  onEvent: (event: StageEvent) => void;
  stop: () => void;
} {
  if (mode.quiet) return { onEvent: () => undefined, stop: () => undefined };
  const tty = process.stderr.isTTY === true;
  let bar: SingleBar | null = null;
  const stopBar = (): void => {
    bar?.stop();
    bar = null;
  };
  const onEvent = (event: StageEvent): void => {
    if (event.kind === 'start') {
      if (!tty) return;
      // Loaded for a terminal only: piped and --json runs never draw a bar (~20 ms of start-up).
      const cliProgress = require('cli-progress') as typeof import('cli-progress');
      bar = new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: `  ${event.stage.padEnd(10)} [{bar}] {percentage}% {value}/{total} ETA {eta}s`,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(1, 0);
      return;
    }
    if (event.kind === 'progress') {
      if (bar !== null && event.total !== undefined && event.total > 0) {
        bar.setTotal(event.total);
        bar.update(event.done ?? 0);
      }
      return;
    }
    stopBar();
    const how = event.cacheHit === true ? 'reused from cache' : `${(event.seconds ?? 0).toFixed(2)} s`;
    process.stderr.write(`  ${event.stage.padEnd(10)} ${how}\n`);
  };
  return { onEvent, stop: stopBar };
}
