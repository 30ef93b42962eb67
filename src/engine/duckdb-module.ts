import { createRequire } from 'node:module';

/**
 * @duckdb/node-api loaded with `require`: imported as an ES module, Node lexes each of its ~180 CommonJS files for
 * named exports first (0.18 → 0.10 s of every command's start-up). Types still come from `import type`.
 */
export const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');

/** The C API bindings under @duckdb/node-api, for bulk copies into vectors that node-api does only value by value. */
export const bindings = createRequire(import.meta.url)(
  '@duckdb/node-bindings',
) as typeof import('@duckdb/node-bindings');
