import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateDataset } from '../../src/generate/index.js';
import { tempDir } from '../support/run-fixture.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Start the CLI with its own TMPDIR, so its scratch folders can be counted. */
function start(args: readonly string[], tmp: string, prefix: readonly string[] = []): ChildProcess {
  const [command, ...rest] =
    prefix.length === 0
      ? [process.execPath, '--import', 'tsx', MAIN, ...args]
      : [...prefix, process.execPath, '--import', 'tsx', MAIN, ...args];
  return spawn(command as string, rest, { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Wait for a child, killing it after `seconds` (a spin must fail the test, not hang it). */
function finished(child: ChildProcess, seconds = 120): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`timed out waiting for ${what}`);
}

const names = async (dir: string): Promise<string[]> => readdir(dir).catch(() => [] as string[]);

/** Scratch folders in `tmp` and half-written cache folders in the workspace. */
async function leftovers(tmp: string, workspace: string): Promise<string[]> {
  const found = (await names(tmp)).filter((n) => n.startsWith('junction-'));
  const cache = join(workspace, 'cache');
  for (const folder of await names(cache)) {
    for (const name of await names(join(cache, folder))) if (name.includes('.tmp-')) found.push(`${folder}/${name}`);
  }
  return found;
}

async function manifestOf(workspace: string): Promise<{ status: string; error?: string }> {
  const [runId] = await names(join(workspace, 'runs'));
  return JSON.parse(await readFile(join(workspace, 'runs', runId as string, 'manifest.json'), 'utf8')) as {
    status: string;
    error?: string;
  };
}

async function sample(rows: number): Promise<{ dir: string; input: string; tmp: string; workspace: string }> {
  const dir = await tempDir();
  const input = join(dir, 'accounts.csv');
  await generateDataset({ rows, seed: 3, out: input });
  const tmp = join(dir, 'tmp');
  await mkdir(tmp);
  return { dir, input, tmp, workspace: join(dir, 'ws') };
}

/** The pid of a process that has exited: an owner that is certainly dead on this host. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

for (const workspace of ['/proc/x', '/dev/null/x']) {
  test(`--workspace ${workspace}: one line, exit 1, no spin`, async () => {
    const { input, tmp } = await sample(20);
    const result = await finished(start(['run', input, '--workspace', workspace, '--quiet'], tmp), 60);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`^junction: workspace ${workspace} cannot be used \\(E[A-Z]+: .*\\n$`));
  });
}

test('inverted thresholds stop the run at start-up with a line naming the key, exit 1', async () => {
  const { dir, input, tmp, workspace } = await sample(20);
  const config = join(dir, 'junction.yaml');
  await writeFile(config, 'thresholds: { high: 85, medium: 90 }\n');
  const result = await finished(start(['run', input, '--workspace', workspace, '--config', config], tmp));
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /^junction: junction\.yaml: thresholds\.medium: 90 is above thresholds\.high \(85\)/);
  assert.deepEqual(await names(join(workspace, 'runs')), [], 'nothing was started');
});

test('a normal run leaves no temp files', async () => {
  const { input, tmp, workspace } = await sample(300);
  const result = await finished(start(['run', input, '--workspace', workspace, '--quiet'], tmp));
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(await leftovers(tmp, workspace), []);
});

test('a write failure mid-run (file size limit) marks the run failed in one line, exit 2, no temp files left', async () => {
  const { input, tmp, workspace } = await sample(5000);
  // RLIMIT_FSIZE: any file over 256 KB fails to grow (EFBIG, "File too large") — source.parquet does (written by
  // DuckDB, which reports the OS message rather than the code: issue 14 removed the staging CSV); the manifest does not.
  const result = await finished(
    start(['run', input, '--workspace', workspace, '--quiet'], tmp, ['sh', '-c', 'ulimit -f 256 && exec "$@"', 'sh']),
  );
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^junction: run \S+ failed: .*(EFBIG|File too large).*\n$/);
  const manifest = await manifestOf(workspace);
  assert.equal(manifest.status, 'failed');
  assert.match(manifest.error ?? '', /EFBIG|File too large/);
  assert.ok(!(manifest.error ?? '').includes('\n'));
  assert.deepEqual(await leftovers(tmp, workspace), []);
});

/** A tmpfs of `kilobytes` in a private mount namespace, when this machine allows one (root or user namespaces). */
function tmpfsWrapper(mountPoint: string, kilobytes: number): string[] | null {
  const probe = spawnSync('unshare', [
    '--mount',
    'sh',
    '-c',
    `mount -t tmpfs -o size=${kilobytes}k tmpfs ${mountPoint}`,
  ]);
  if (probe.status !== 0) return null;
  // The tmpfs lives only as long as the namespace: copy the manifest out before leaving it.
  return [
    'unshare',
    '--mount',
    'sh',
    '-c',
    `mount -t tmpfs -o size=${kilobytes}k tmpfs ${mountPoint} && "$@"; code=$?; cp -r ${mountPoint}/runs ${mountPoint}.runs; exit $code`,
    'sh',
  ];
}

test('a full disk (ENOSPC) marks the run failed, never left running, exit 2', async (t) => {
  const { input, tmp, workspace } = await sample(20_000);
  await mkdir(workspace);
  const wrapper = tmpfsWrapper(workspace, 1024);
  if (wrapper === null) {
    t.skip('no tmpfs here (needs a mount namespace); the file-size-limit test covers the write failure');
    return;
  }
  const result = await finished(start(['run', input, '--workspace', workspace, '--quiet'], tmp, wrapper));
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /ENOSPC|No space left on device/);
  const [runId] = await names(`${workspace}.runs`);
  const manifest = JSON.parse(await readFile(join(`${workspace}.runs`, runId as string, 'manifest.json'), 'utf8')) as {
    status: string;
    error: string;
  };
  assert.equal(manifest.status, 'failed');
  assert.match(manifest.error, /ENOSPC|No space left on device/);
  assert.deepEqual(await leftovers(tmp, workspace), []);
});

/** Start a run on 30,000 rows and send `signal` once the run has a temp file. */
async function signalMidRun(
  signal: NodeJS.Signals,
): Promise<Finished & { input: string; tmp: string; workspace: string }> {
  const { input, tmp, workspace } = await sample(30_000);
  const child = start(['run', input, '--workspace', workspace, '--quiet', '--no-cache'], tmp);
  const done = finished(child);
  await until(async () => (await leftovers(tmp, workspace)).length > 0, 'a temp file of the run');
  child.kill(signal);
  return { ...(await done), input, tmp, workspace };
}

test('Ctrl-C mid-stage removes the run temp files, marks the run interrupted, exit 130', async () => {
  const result = await signalMidRun('SIGINT');
  assert.equal(result.code, 130, result.stderr);
  assert.equal((await manifestOf(result.workspace)).status, 'interrupted');
  assert.deepEqual(await leftovers(result.tmp, result.workspace), []);
});

test('temp files of a SIGKILLed run are swept by the next run, and those of live processes are kept', async () => {
  const { input, tmp, workspace } = await signalMidRun('SIGKILL');
  const killed = await leftovers(tmp, workspace);
  assert.ok(killed.length > 0, 'SIGKILL leaves temp files behind');
  // Owners of this host: a dead one (swept), a live one (this test: kept); another host's: kept.
  const dead = deadPid();
  const stale = [`junction-ingest-${dead}@${hostname()}-abc123`, `normalise/0123.tmp-${dead}@${hostname()}`];
  const kept = [
    `junction-ingest-${process.pid}@${hostname()}-abc123`,
    `junction-ingest-${dead}@another-host-abc123`,
    `normalise/0123.tmp-${dead}@another-host`,
  ];
  for (const name of [...stale, ...kept]) {
    await mkdir(name.includes('/') ? join(workspace, 'cache', name) : join(tmp, name), { recursive: true });
  }
  const next = await finished(start(['run', input, '--workspace', workspace, '--quiet', '--run-id', 'next'], tmp));
  assert.equal(next.code, 0, next.stderr);
  assert.deepEqual((await leftovers(tmp, workspace)).sort(), kept.sort());
});
