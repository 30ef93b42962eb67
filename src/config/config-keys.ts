import { z } from 'zod';
import { configSchema } from './schema.js';

interface JsonSchemaNode {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
}

let leafPaths: readonly string[] | null = null;

/**
 * Every config leaf as a dotted key, from the schema: a leaf is a value that is not one of the schema's
 * objects (a number, a list, or a free-form map such as `normalise.token_rewrites`).
 * @example configLeafKeys().includes('thresholds.medium') → true
 */
export function configLeafKeys(): readonly string[] {
  if (leafPaths !== null) return leafPaths;
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  const out: string[] = [];
  const walk = (node: JsonSchemaNode, path: string): void => {
    if (node.properties !== undefined && node.type === 'object') {
      for (const [key, child] of Object.entries(node.properties)) walk(child, path ? `${path}.${key}` : key);
    } else out.push(path);
  };
  walk(schema, '');
  leafPaths = out;
  return out;
}
