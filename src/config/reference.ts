import { z } from 'zod';
import { configSchema } from './schema.js';

interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
}

/** Markdown reference of every config key: meaning, type and default, generated from the schema. */
export function renderConfigReference(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  const lines: string[] = [
    '# Configuration reference',
    '',
    'Generated from `src/config/schema.ts` by `tools/gen-config-docs.ts` — do not edit by hand.',
    '',
    'Pass a YAML file with `--config FILE`. Every key is optional; unknown or duplicate keys are errors.',
    '',
    '| key | type | default | meaning |',
    '|---|---|---|---|',
  ];
  const walk = (node: JsonSchemaNode, path: string): void => {
    if (node.properties !== undefined && node.type === 'object') {
      for (const [key, child] of Object.entries(node.properties)) walk(child, path ? `${path}.${key}` : key);
      return;
    }
    const shown = MACHINE_DEFAULTS[path] ?? defaultOf(node.default);
    lines.push(`| \`${path}\` | ${typeOf(node)} | ${shown} | ${(node.description ?? '').replaceAll('|', '\\|')} |`);
  };
  walk(schema, '');
  lines.push('');
  return `${lines.join('\n')}\n`;
}

/** Defaults computed from the machine at start-up, described rather than shown. */
const MACHINE_DEFAULTS: Record<string, string> = {
  'engine.memory_limit': 'an eighth of RAM, 0.5–1 GB',
  'engine.threads': 'CPU count',
  workers: 'CPU count',
};

function typeOf(node: JsonSchemaNode): string {
  if (node.enum !== undefined) return node.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  const type = Array.isArray(node.type) ? node.type.join(' \\| ') : (node.type ?? 'any');
  if (type === 'array' && node.items !== undefined) return `list of ${typeOf(node.items)}`;
  const max = node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER ? node.maximum : undefined;
  const range = node.minimum !== undefined || max !== undefined ? ` (${node.minimum ?? ''}–${max ?? ''})` : '';
  return `${type}${range}`;
}

function defaultOf(value: unknown): string {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  if (text.length > 60) return `${Array.isArray(value) ? `${value.length} entries` : 'see schema'}`;
  return `\`${text.replaceAll('|', '\\|')}\``;
}
