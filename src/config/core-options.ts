import type { NormaliseOptions } from '../core/normalise/index.js';
import type { Config } from './schema.js';

/** The normalisation lists of the config, in the shape the core rules take (SPEC §3). */
export function normaliseOptionsFromConfig(config: Config): NormaliseOptions {
  const n = config.normalise;
  return {
    legalForms: n.legal_forms,
    intakeNotePatterns: n.intake_note_patterns,
    nonCompanyNotes: n.non_company_notes,
    locationWords: n.location_words,
    nameNumberWords: n.name_number_words,
    unitMarkerWords: n.unit_marker_words,
  };
}
