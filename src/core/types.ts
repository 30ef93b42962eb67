/** Types of the closed vocabularies (declared once in `vocabulary.ts`) and the shapes built from them. */
import type { AliasSource } from './vocabulary.js';

export type {
  AliasSource,
  Disposition,
  DispositionReason,
  JoinReason,
  NameClass,
} from './vocabulary.js';

/** Legal-form class (SPEC §3 step 6). The classes come from config; `NONE` means no legal suffix. */
export type SuffixClass = string;
export const NO_SUFFIX: SuffixClass = 'NONE';

export interface Alias {
  text: string;
  source: AliasSource;
}
