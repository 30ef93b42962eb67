import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  loadRunConfig,
  parseConfig,
  setWorkspaceConfigKeys,
  WORKSPACE_CONFIG_FILE,
  withWorkspaceConfig,
} from '../../src/config/load.js';
import { UsageError } from '../../src/core/errors.js';
import { tempDir } from '../support/run-fixture.js';

const defaults = parseConfig({}, 'defaults');

test('junction run without --config reads <workspace>/junction.yaml, and the defaults when there is none', async () => {
  const ws = await tempDir('ws-config-');
  const none = await loadRunConfig(undefined, ws);
  assert.equal(none.source, null);
  assert.deepEqual(none.config.thresholds, defaults.thresholds);

  await writeFile(join(ws, WORKSPACE_CONFIG_FILE), 'thresholds:\n  medium: 80\n');
  const fromWorkspace = await loadRunConfig(undefined, ws);
  assert.equal(fromWorkspace.source, join(ws, WORKSPACE_CONFIG_FILE));
  assert.equal(fromWorkspace.config.thresholds.medium, 80);
  assert.equal(fromWorkspace.config.thresholds.high, defaults.thresholds.high, 'other keys keep their defaults');

  const flag = join(ws, 'other.yaml');
  await writeFile(flag, 'thresholds:\n  medium: 86\n');
  const fromFlag = await loadRunConfig(flag, ws);
  assert.equal(fromFlag.config.thresholds.medium, 86, '--config wins over the workspace file');
});

test('a bad workspace junction.yaml is a one-line usage error naming the file', async () => {
  const ws = await tempDir('ws-config-');
  await writeFile(join(ws, WORKSPACE_CONFIG_FILE), 'thresholds:\n  medum: 80\n');
  await assert.rejects(
    loadRunConfig(undefined, ws),
    (e: unknown) =>
      e instanceof UsageError && /junction\.yaml in the workspace: unknown key thresholds\.medum/.test(e.message),
  );
});

test('setting keys keeps comments and other keys, creates the file when missing, refuses an invalid value', async () => {
  const ws = await tempDir('ws-config-');
  const created = await setWorkspaceConfigKeys(ws, { 'thresholds.medium': 85 });
  assert.equal(created.config.thresholds.medium, 85);
  assert.match(await readFile(created.path, 'utf8'), /thresholds:\n\s+medium: 85/);

  await writeFile(created.path, '# tuned by Ana\npairs_floor: 60 # keep more pairs\nthresholds:\n  high: 95\n');
  const updated = await setWorkspaceConfigKeys(ws, { 'thresholds.medium': 82, 'thresholds.high': 93 });
  const text = await readFile(updated.path, 'utf8');
  assert.match(text, /# tuned by Ana/);
  assert.match(text, /pairs_floor: 60 # keep more pairs/);
  assert.deepEqual(updated.config.thresholds, { high: 93, medium: 82 });

  await assert.rejects(setWorkspaceConfigKeys(ws, { 'thresholds.medium': 140 }), UsageError);
  assert.equal(await readFile(updated.path, 'utf8'), text, 'a refused value leaves the file as it was');
});

test('a re-run lays the workspace file over the recorded config: objects merge, values replace', async () => {
  const ws = await tempDir('ws-config-');
  const recorded = { ...defaults, pairs_floor: 65, thresholds: { high: 94, medium: 89 } };
  assert.equal((await withWorkspaceConfig(recorded, ws)).thresholds.medium, 89, 'no file: the recorded config');
  await writeFile(join(ws, WORKSPACE_CONFIG_FILE), 'thresholds:\n  medium: 84\n');
  const merged = await withWorkspaceConfig(recorded, ws);
  assert.deepEqual(merged.thresholds, { high: 94, medium: 84 });
  assert.equal(merged.pairs_floor, 65);
});
