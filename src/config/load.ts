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
  } catch {
    throw new UsageError(`config ${path}: cannot read the file. Check the --config path.`, 'config');
  }
  return parseConfigText(text, basename(path));
}

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
  throw new UsageError(`${label}: ${describeIssues(result.error.issues)}`, 'config');
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((k) => `unknown key ${path ? `${path}.` : ''}${k}`).join('; ');
      }
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

/** Hash of the effective config, recorded in the manifest. */
export function configHash(config: Config): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}
