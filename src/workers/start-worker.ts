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
