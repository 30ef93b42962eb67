import { decodeHTMLStrict } from 'entities';
import {
  DEFAULT_BARE_BRANCH_WORDS,
  DEFAULT_BRANCH_WORDS,
  DEFAULT_GENERIC_WORDS,
  DEFAULT_INTAKE_NOTE_PATTERNS,
  DEFAULT_LEGAL_FORMS,
  DEFAULT_LOCATION_WORDS,
  DEFAULT_NAME_NUMBER_WORDS,
  DEFAULT_NON_COMPANY_NOTES,
  DEFAULT_PLACE_CONNECTORS,
  DEFAULT_UNIT_MARKER_WORDS,
  DEFAULT_WEAK_TOKENS,
} from '../../src/config/default-lists.js';
import type { NormaliseOptions } from '../../src/core/normalise/index.js';

/**
 * The default lists as normaliser options, shared by the normalisation tests. The gazetteer places are left out
 * (they come from packages through src/config/places.ts; test/unit/normalise-v2.test.ts covers them).
 */
export const DEFAULT_NORMALISE_OPTIONS: NormaliseOptions = {
  legalForms: DEFAULT_LEGAL_FORMS,
  intakeNotePatterns: DEFAULT_INTAKE_NOTE_PATTERNS,
  nonCompanyNotes: DEFAULT_NON_COMPANY_NOTES,
  locationWords: DEFAULT_LOCATION_WORDS,
  nameNumberWords: DEFAULT_NAME_NUMBER_WORDS,
  unitMarkerWords: DEFAULT_UNIT_MARKER_WORDS,
  decodeEntities: decodeHTMLStrict,
  branchWords: DEFAULT_BRANCH_WORDS,
  bareBranchWords: DEFAULT_BARE_BRANCH_WORDS,
  genericWords: DEFAULT_GENERIC_WORDS,
  placeConnectors: DEFAULT_PLACE_CONNECTORS,
  weakTokens: DEFAULT_WEAK_TOKENS,
};
