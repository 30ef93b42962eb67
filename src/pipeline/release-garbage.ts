import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null = null;

/**
 * Runs a full garbage collection now. V8 collects when JS allocates; a stage that has handed its columns to DuckDB
 * and then waits seconds on one big write allocates nothing, so the JS garbage of its load stays resident through
 * that write (SPEC §14 memory; issue 14: 470 MB of the stats stage's peak at 1M records). Node offers the
 * collector only behind `--expose-gc`, which a CLI cannot ask of its caller: the flag is set at run time and the
 * function read from a fresh context, where V8 then installs it.
 */
export function releaseGarbage(): void {
  if (collect === null) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
