import { Worker } from 'node:worker_threads';

/**
 * Start a worker thread on a module of this folder (`name` without extension). Compiled code (dist/) runs the `.js`
 * file. Under tsx (tests, benchmarks) this module is a `.ts` file and so is the worker; Node 20 does not apply
 * `--import tsx` to a worker's entry, so a two-line bootstrap registers tsx's loader inside the worker and then
 * imports the entry.
 */
export function startWorkerModule(name: string): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, here));
  const entry = new URL(`./${name}.ts`, here).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** The normalise stage's worker, the first a run needs: the CLI starts it ahead (src/cli/main.ts). */
export const NORMALISE_WORKER = 'normalise-worker';

/** Workers started ahead (`prestartWorker`) and not taken yet, by module name. */
const prestarted = new Map<string, Worker>();

/**
 * Start a worker on module `name` now, for `takeWorker` to hand out later: the CLI starts the one a command needs
 * first before it loads its own modules (~0.4 s), so the worker boots meanwhile on the other core (issue 14).
 * Unref'd until taken, so one never taken keeps no process alive.
 */
export function prestartWorker(name: string): void {
  if (prestarted.has(name)) return;
  const worker = startWorkerModule(name);
  worker.unref();
  prestarted.set(name, worker);
  // One that fails before it is taken is forgotten: the command then starts its own, whose failure it hears.
  const forget = (): void => {
    if (prestarted.get(name) === worker) prestarted.delete(name);
  };
  worker.once('error', forget);
  worker.once('exit', forget);
}

/** The worker started ahead on module `name` and not taken yet, to post it work ahead; undefined when there is none. */
export function prestartedWorker(name: string): Worker | undefined {
  return prestarted.get(name);
}

/** The worker started ahead on module `name` (from now on it keeps the process alive), or a fresh one. */
export function takeWorker(name: string): Worker {
  const worker = prestarted.get(name);
  if (worker === undefined) return startWorkerModule(name);
  prestarted.delete(name);
  worker.ref();
  return worker;
}

/** Posts `job` to a fresh worker, settles with `take` of its one reply (or its failure), and stops it. */
export function runOnce<J, D, T>(worker: Worker, what: string, job: J, take: (done: D) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (done: D) => {
      void worker.terminate();
      try {
        resolve(take(done));
      } catch (e) {
        reject(e);
      }
    });
    worker.once('error', (e) => {
      void worker.terminate();
      reject(e);
    });
    worker.once('exit', (code) => reject(new Error(`${what} worker exited with code ${code}`)));
    worker.postMessage(job);
  });
}
