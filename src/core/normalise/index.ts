/** Name normalisation (SPEC §3) and alias extraction (SPEC §7.1): the folder's public surface. */
export type { LegalFormClass } from './legal-forms.js';
export { createBaseNormaliser, createNormaliser, type NormalisedName, type NormaliseOptions } from './normalise.js';
