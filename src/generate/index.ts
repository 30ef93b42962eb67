/** Public surface of the synthetic data generator (`junction generate`, SPEC §11, §13). */

export { FILE_SHAPES, type FileShape } from './columns.js';
export type { GenerateOptions, GenerateSummary, TruthKind } from './generate.js';
export { generateDataset, MAX_ROWS } from './generate.js';
