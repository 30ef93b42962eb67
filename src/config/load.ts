import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { UsageError } from '../core/errors.js';
import { type Config, configSchema } from './schema.js';

const require = createRequire(import.meta.url);

/** The YAML parser, loaded on first use: a run without a config file never needs it (~60 ms of start-up). */
function parseDocument(...args: Parameters<typeof import('yaml').parseDocument>): Document {
  return (require('yaml') as typeof import('yaml')).parseDocument(...args);
}

/** Load and validate a YAML config (or the defaults). All problems are reported together, one line. */
export async function loadConfig(path: string | undefined): Promise<Config> {
  if (path === undefined) return parseConfig({}, 'defaults');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`config ${path}: cannot read the file (${code}). Check the --config path.`, 'config');
  }
  return parseConfigText(text, basename(path));
}

/**
 * The workspace's own config file (issue 13): `junction run` reads it when no `--config` is given, "Re-run with
 * decisions" lays it over the run's recorded config, and the review UI's threshold explorer writes it ("Apply").
 */
export const WORKSPACE_CONFIG_FILE = 'junction.yaml';

export function workspaceConfigPath(workspaceRoot: string): string {
  return join(workspaceRoot, WORKSPACE_CONFIG_FILE);
}

/**
 * The config of `junction run`: `--config FILE` when given, else `<workspace>/junction.yaml` when it exists, else
 * the defaults. `source` names the file read (null for the defaults).
 * @example await loadRunConfig(undefined, 'ws') → { config: …, source: 'ws/junction.yaml' } when that file exists
 */
export async function loadRunConfig(
  flagPath: string | undefined,
  workspaceRoot: string,
): Promise<{ config: Config; source: string | null }> {
  if (flagPath !== undefined) return { config: await loadConfig(flagPath), source: flagPath };
  const path = workspaceConfigPath(workspaceRoot);
  const text = await readOptional(path);
  if (text === null) return { config: parseConfig({}, 'defaults'), source: null };
  return { config: parseConfigText(text, `${WORKSPACE_CONFIG_FILE} in the workspace`), source: path };
}

/**
 * A recorded effective config (a run's manifest) with the workspace config file's keys laid over it: what a
 * re-run from the review UI uses, so a threshold applied in the explorer reaches the next run (issue 13).
 * Objects merge key by key; lists and values from the file replace the recorded ones.
 */
export async function withWorkspaceConfig(recorded: unknown, workspaceRoot: string): Promise<Config> {
  const text = await readOptional(workspaceConfigPath(workspaceRoot));
  if (text === null) return parseConfig(recorded ?? {}, 'recorded config');
  const overlay = yamlValue(text, `${WORKSPACE_CONFIG_FILE} in the workspace`);
  return parseConfig(deepMerge(recorded ?? {}, overlay), `recorded config + ${WORKSPACE_CONFIG_FILE}`);
}

/**
 * Set dotted keys in `<workspace>/junction.yaml` (created when missing), keeping its comments and other keys.
 * The result is validated before it replaces the file, and the file is replaced whole (no torn config).
 * @example await setWorkspaceConfigKeys('ws', { 'thresholds.medium': 85 }) → { path: 'ws/junction.yaml', config }
 */
export async function setWorkspaceConfigKeys(
  workspaceRoot: string,
  values: Readonly<Record<string, unknown>>,
): Promise<{ path: string; config: Config }> {
  const path = workspaceConfigPath(workspaceRoot);
  const text = (await readOptional(path)) ?? '';
  const label = `${WORKSPACE_CONFIG_FILE} in the workspace`;
  const document: Document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new UsageError(`${label}: ${document.errors[0]?.message.split('\n')[0]}. Fix the YAML first.`, 'config');
  }
  if (document.contents === null) document.contents = document.createNode({});
  for (const [key, value] of Object.entries(values)) document.setIn(key.split('.'), value);
  const next = String(document);
  const config = parseConfigText(next, label);
  const partial = `${path}.partial`;
  await writeFile(partial, next, 'utf8');
  await rename(partial, path);
  return { path, config };
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    // ENOTDIR: the workspace path is not a folder, so it holds no config; the workspace check then says so.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new UsageError(`config ${path}: cannot read the file (${(error as Error).message}).`, 'config');
  }
}

/** YAML syntax errors (duplicate keys included) first: the schema can only check a document that parses. */
function yamlValue(text: string, label: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    const problems = document.errors.map((e) => e.message.split('\n')[0]);
    throw new UsageError(`${label}: ${problems.join('; ')}. Fix the YAML and run again.`, 'config');
  }
  return document.toJS() ?? {};
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function deepMerge(base: unknown, overlay: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) out[key] = key in base ? deepMerge(base[key], value) : value;
  return out;
}

export function parseConfigText(text: string, label: string): Config {
  return parseConfig(yamlValue(text, label), label);
}

export function parseConfig(value: unknown, label: string): Config {
  const result = configSchema.safeParse(value);
  if (result.success) return result.data;
  throw new UsageError(describeProblems(label, result.error.issues), 'config');
}

/**
 * Every problem at once, one line each naming the key (STYLE §3.3, after Splink's ErrorLogger), so the user
 * fixes them all in one pass. @example 'junction.yaml: thresholds.medium: 95 is above thresholds.high (90); …'
 */
function describeProblems(label: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `unknown key ${path ? `${path}.` : ''}${k}`);
    return [`${path || '(root)'}: ${issue.message.replaceAll(/\s+/g, ' ')}`];
  });
  if (lines.length === 1) return `${label}: ${lines[0]}`;
  return `${label}: ${lines.length} problems; fix them all and run again:\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

/** Hash of the effective config, recorded in the manifest. */
export function configHash(config: Config): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}
