/** String metrics of SPEC §5.3: the public surface of core/metrics. */
export {
  type CodePoints,
  codePointLength,
  compareByCodePoint,
  sortByCodePoint,
  splitTokens,
  toCodePoints,
} from './code-points.js';
export { LcsPattern, lcsLength } from './lcs-bitparallel.js';
export { lcsLength as lcsLengthReference } from './lcs-reference.js';
export {
  createRatios,
  fastRatios,
  jaccard,
  type LcsLength,
  type Ratios,
  ratio,
  ratioFromDistance,
  ratioMany,
  referenceRatios,
  setRatioFromDistance,
  tokenSetRatio,
  tokenSortRatio,
  tokenSortRatioMany,
} from './ratios.js';
