/**
 * Before/after on a shared machine (issue 14): runs two or more builds of `junction run` on one file, interleaved
 * run by run so they meet the same load, and prints one JSON line per run — wall, process CPU (user + sys, DuckDB
 * threads and score workers included, from /usr/bin/time), peak RSS, the 1-min load average and the manifest's
 * stage seconds. CPU and peak RSS are the figures to compare when the load moves.
 *
 * `node --import tsx bench/compare-builds.ts FILE RUNS label=path/to/dist/src/cli/main.js …`
 * (copy `dist` aside before rebuilding to keep a "before" build).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '../src/pipeline/manifest.js';
import { childOutput } from './child-output.js';

interface Build {
  label: string;
  cli: string;
}

async function runOnce(build: Build, input: string): Promise<Record<string, unknown>> {
  const workspace = await mkdtemp(join(tmpdir(), 'junction-compare-'));
  const load = loadavg()[0] ?? 0;
  const started = performance.now();
  const { stdout: out, stderr: err } = await childOutput('/usr/bin/time', [
    '-f',
    'TIME %U %S %M',
    process.execPath,
    build.cli,
    'run',
    input,
    '--workspace',
    workspace,
    '--json',
    '--no-cache',
  ]);
  const wall = (performance.now() - started) / 1000;
  const time = /TIME (\S+) (\S+) (\S+)/.exec(err);
  const { dir } = JSON.parse(out) as { dir: string };
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  await rm(workspace, { recursive: true, force: true });
  return {
    label: build.label,
    wall,
    cpu: time === null ? null : Number(time[1]) + Number(time[2]),
    maxRssMb: time === null ? null : Math.round(Number(time[3]) / 1024),
    peak: manifest.peak_rss_mb,
    load,
    loadAfter: loadavg()[0] ?? 0,
    counts: manifest.counts,
    stages: Object.fromEntries(manifest.stages.map((s) => [s.name, s.seconds])),
  };
}

const [input, runs, ...specs] = process.argv.slice(2);
if (input === undefined || runs === undefined || specs.length === 0) {
  process.stderr.write('usage: node --import tsx bench/compare-builds.ts FILE RUNS label=cli.js …\n');
  process.exit(1);
}
const builds: Build[] = specs.map((spec) => {
  const at = spec.indexOf('=');
  return { label: spec.slice(0, at), cli: spec.slice(at + 1) };
});
for (let r = 0; r < Number(runs); r++) {
  for (const build of builds) process.stdout.write(`${JSON.stringify(await runOnce(build, input))}\n`);
}
