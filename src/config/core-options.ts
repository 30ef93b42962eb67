import { decodeHTMLStrict } from 'entities';
import type { NormaliseOptions } from '../core/normalise/index.js';
import { placeLists } from './places.js';
import type { Config } from './schema.js';

const NAMED_ENTITY = /&[A-Za-z][A-Za-z0-9]*;/g;

/**
 * HTML entities as exports write them: strictly (`&amp;`, `&#39;`), and named ones in a case the HTML list lacks,
 * as a name title-cased after it was encoded holds them (`The Barton &Amp; Sons`).
 * @example decodeEntities('Barton &Amp; Sons') → 'Barton & Sons'
 */
function decodeEntities(text: string): string {
  const fixed = text.replace(NAMED_ENTITY, (entity) => {
    const lower = entity.toLowerCase();
    return entity !== lower && decodeHTMLStrict(entity) === entity && decodeHTMLStrict(lower) !== lower
      ? lower
      : entity;
  });
  return decodeHTMLStrict(fixed);
}

/** The normalisation lists of the config, in the shape the core rules take (SPEC §3, issue 10). */
export function normaliseOptionsFromConfig(config: Config): NormaliseOptions {
  const n = config.normalise;
  const places = placeLists(n.places);
  return {
    legalForms: n.legal_forms,
    intakeNotePatterns: n.intake_note_patterns,
    nonCompanyNotes: n.non_company_notes,
    locationWords: n.location_words,
    nameNumberWords: n.name_number_words,
    unitMarkerWords: n.unit_marker_words,
    decodeEntities,
    places: places.places,
    barePlaces: places.barePlaces,
    branchWords: n.branch_words,
    bareBranchWords: n.bare_branch_words,
    genericWords: n.generic_words,
    placeConnectors: n.place_connectors,
    weakTokens: n.weak_tokens,
  };
}
