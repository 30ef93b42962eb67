import { CANONICAL_FIELDS, type CanonicalField, type MappingRules } from '../core/column-mapping.js';
import { DEFAULT_MAPPING_RULES } from './default-mapping.js';
import type { Config } from './schema.js';

/** Mapping rules with the config's synonyms (SPEC §2.1 step 3) over the built-in heuristics. */
export function mappingRulesFromConfig(config: Config): MappingRules {
  const synonyms = {} as Record<CanonicalField, readonly string[]>;
  for (const field of CANONICAL_FIELDS) synonyms[field] = config.input.synonyms[field] ?? [];
  return { ...DEFAULT_MAPPING_RULES, synonyms };
}
