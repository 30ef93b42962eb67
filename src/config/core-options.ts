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

/**
 * Branch phrases also as intake abbreviates them, one word at a time (`fulfillment ctr` for `fulfillment center`):
 * the token rewrites read backwards, their plain word-for-word entries only (not `^` or number words).
 * @example withAbbreviations(['fulfillment center'], { ctr: 'center' }) → ['fulfillment center', 'fulfillment ctr']
 */
export function withAbbreviations(phrases: readonly string[], rewrites: Readonly<Record<string, string>>): string[] {
  const shortFormsOf = new Map<string, string[]>();
  for (const [from, to] of Object.entries(rewrites)) {
    if (!/^[a-z]+$/.test(from) || !/^[a-z]+$/.test(to)) continue;
    const forms = shortFormsOf.get(to);
    if (forms === undefined) shortFormsOf.set(to, [from]);
    else forms.push(from);
  }
  const out = new Set(phrases);
  for (const phrase of phrases) {
    const words = phrase.split(' ');
    words.forEach((word, i) => {
      for (const form of shortFormsOf.get(word.toLowerCase()) ?? []) {
        out.add([...words.slice(0, i), form, ...words.slice(i + 1)].join(' '));
      }
    });
  }
  return [...out];
}

/** The normalisation lists of the config, in the shape the core rules take (SPEC §3, issue 10). */
export function normaliseOptionsFromConfig(config: Pick<Config, 'normalise'>): NormaliseOptions {
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
    branchWords: withAbbreviations(n.branch_words, n.token_rewrites),
    bareBranchWords: withAbbreviations(n.bare_branch_words, n.token_rewrites),
    genericWords: n.generic_words,
    placeConnectors: n.place_connectors,
    articleTypos: n.article_typos,
    weakTokens: n.weak_tokens,
  };
}
