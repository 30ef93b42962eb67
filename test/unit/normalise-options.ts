import {
  DEFAULT_INTAKE_NOTE_PATTERNS,
  DEFAULT_LEGAL_FORMS,
  DEFAULT_LOCATION_WORDS,
  DEFAULT_NAME_NUMBER_WORDS,
  DEFAULT_NON_COMPANY_NOTES,
  DEFAULT_UNIT_MARKER_WORDS,
} from '../../src/config/default-lists.js';
import type { NormaliseOptions } from '../../src/core/normalise/index.js';

/** The default lists as normaliser options, shared by the normalisation tests. */
export const DEFAULT_NORMALISE_OPTIONS: NormaliseOptions = {
  legalForms: DEFAULT_LEGAL_FORMS,
  intakeNotePatterns: DEFAULT_INTAKE_NOTE_PATTERNS,
  nonCompanyNotes: DEFAULT_NON_COMPANY_NOTES,
  locationWords: DEFAULT_LOCATION_WORDS,
  nameNumberWords: DEFAULT_NAME_NUMBER_WORDS,
  unitMarkerWords: DEFAULT_UNIT_MARKER_WORDS,
};
