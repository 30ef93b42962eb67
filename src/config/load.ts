import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { UsageError } from '../core/errors.js';
import { type Config, configSchema } from './schema.js';

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

/** YAML syntax errors (duplicate keys included) first: the schema can only check a document that parses. */
export function parseConfigText(text: string, label: string): Config {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    const problems = document.errors.map((e) => e.message.split('\n')[0]);
    throw new UsageError(`${label}: ${problems.join('; ')}. Fix the YAML and run again.`, 'config');
  }
  return parseConfig(document.toJS() ?? {}, label);
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
