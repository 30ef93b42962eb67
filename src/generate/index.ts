/** Public surface of the synthetic data generator (`junction generate`, SPEC §11, §13). */
export { FILE_SHAPES, type FileShape } from './columns.js';
export type { GenerateOptions, GenerateSummary, MeasuredShares, TruthKind } from './generate.js';
export { generateDataset, MAX_ROWS, TRUTH_HEADER } from './generate.js';
export type { DrawnRates, VariationClass } from './rates.js';
export { drawRates, VARIATION_CLASSES } from './rates.js';
export { GENERATOR_VERSION } from './version.js';
