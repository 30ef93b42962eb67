import { setFlagsFromString } from 'node:v8';

/**
 * How long V8 lets a function run before TurboFan optimises it (`--interrupt-budget`, in bytecodes ticked; Node 20's
 * default is 66K). Our hot loops — the comparer, the name rules, the blocking passes — meet new branches after that
 * first optimisation, and each one met deopts the function and compiles it again: at 94K records TurboFan spent
 * ~4.8 s (traced) on 637 compiles, about a sixth of the run's CPU. Four times the budget lets type feedback settle
 * first: 438 compiles and half the deopts, and the 94K run 8.75 → 8.06 s (six interleaved pairs); at 1M, where
 * compiles are a small part, no change.
 * Flags are process-wide, so the worker threads share it; main.ts imports this module first, before anything runs.
 */
const INTERRUPT_BUDGET = 4 * 67_584;
setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
