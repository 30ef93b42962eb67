/**
 * Entries that are not one company (CRM-INTAKE "Entries that are not a company"): junk of every kind listed there
 * (placeholders and notes, facts about the job, contact details, a hint with no name, a blacklisted name) and
 * several employers in one field. Each such row is its own truth entity: it belongs to no group (SPEC §11: junk
 * never grouped, multi-name entries Verify and never grouped).
 */
import type { Pools } from './pools.js';
import type { Rng } from './random.js';
import { MULTI_THREE_RATE } from './rates.js';
import { HINT_WORDS, JUNK_ENTRIES, type JunkKind } from './vocabulary.js';

const JUNK_TOTAL = JUNK_ENTRIES.reduce((sum, [, w]) => sum + w, 0);
const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'hotmail.com', 'aol.com', 'outlook.com'] as const;

export function phoneNumber(rng: Rng): string {
  const area = rng.range(201, 989);
  const mid = rng.range(200, 999);
  const last = String(rng.int(10000)).padStart(4, '0');
  switch (rng.int(5)) {
    case 0:
      return `(${area}) ${mid}-${last}`;
    case 1:
      return `${area}-${mid}-${last}`;
    case 2:
      return `${area}.${mid}.${last}`;
    case 3:
      return `+1 ${area} ${mid} ${last}`;
    default:
      return `${area}${mid}${last}`;
  }
}

function wage(rng: Rng): string {
  switch (rng.int(5)) {
    case 0:
      return `$${rng.range(12, 45)}/hr`;
    case 1:
      return `${rng.range(4, 15)}00 per week`;
    case 2:
      return `${rng.range(1, 3)},${rng.range(1, 9)}00 per`;
    case 3:
      return `$${rng.range(12, 45)} an hour`;
    default:
      return `${rng.range(15, 90)}k/yr`;
  }
}

function address(rng: Rng, pools: Pools): string {
  const street = rng.pick(pools.streets);
  const place = rng.pick(pools.places);
  switch (rng.int(3)) {
    case 0:
      return street;
    case 1:
      return `${street}, ${place.city}`;
    default:
      return `${street}, ${place.city}, ${place.stateCode} ${place.zip}`;
  }
}

function hint(rng: Rng): string {
  const word = rng.pick(HINT_WORDS);
  switch (rng.int(4)) {
    case 0:
      return `not sure - ${word}`;
    case 1:
      return `unknown - ${word}`;
    case 2:
      return `idk (${word})`;
    default:
      return `client not sure, ${word}`;
  }
}

function blacklisted(rng: Rng, company: string): string {
  switch (rng.int(4)) {
    case 0:
      return `${company} (DO NOT USE)`;
    case 1:
      return `DO NOT USE - ${company}`;
    case 2:
      return `${company} - do not use`;
    default:
      return `zz ${company} (duplicate, do not use)`;
  }
}

/** A junk row's `Account Name` and its kind. `company` names a real-looking company for blacklisted entries. */
export function junkEntry(rng: Rng, pools: Pools, company: () => string): { name: string; kind: JunkKind } {
  let x = rng.float() * JUNK_TOTAL;
  let pick = JUNK_ENTRIES[0]!;
  for (const entry of JUNK_ENTRIES) {
    x -= entry[1];
    if (x < 0) {
      pick = entry;
      break;
    }
  }
  const [text, , kind] = pick;
  switch (text) {
    case '{phone}':
      return { name: phoneNumber(rng), kind };
    case '{email}': {
      const first = rng.pick(pools.firstNames).toLowerCase();
      const last = rng
        .pick(pools.surnames)
        .toLowerCase()
        .replace(/[^a-z]/g, '');
      return { name: `${first}.${last}@${rng.pick(EMAIL_DOMAINS)}`, kind };
    }
    case '{wage}':
      return { name: wage(rng), kind };
    case '{address}':
      return { name: address(rng, pools), kind };
    case '{hint}':
      return { name: hint(rng), kind };
    case '{blacklisted}':
      return { name: blacklisted(rng, company()), kind };
    default:
      return { name: text, kind };
  }
}

/** Formats of several employers in one field (CRM-INTAKE), by name in the truth's `variation` column. */
const MULTI_FORMATS = [
  'numbered_paren',
  'numbered_dot',
  'numbered_tight',
  'numbered_colon',
  'slash',
  'semicolon',
  'issues',
  'issue_labels',
] as const;
type MultiFormat = (typeof MULTI_FORMATS)[number];

/** How many employers a multi-employer entry lists. */
export function multiEmployerCount(rng: Rng): number {
  return rng.chance(MULTI_THREE_RATE) ? 3 : 2;
}

/** A multi-employer entry listing `names` (`(1) A; (2) B`, `1.A 2.B`, `(1st issue: A) (2nd issue: B)`…). */
export function multiEmployerName(rng: Rng, names: readonly string[]): { name: string; format: MultiFormat } {
  const format = rng.pick(MULTI_FORMATS);
  const ordinal = ['1st', '2nd', '3rd'];
  switch (format) {
    case 'numbered_paren':
      return { name: names.map((n, i) => `(${i + 1}) ${n}`).join(rng.chance(0.5) ? '; ' : ' '), format };
    case 'numbered_dot':
      return { name: names.map((n, i) => `${i + 1}. ${n}`).join(' '), format };
    case 'numbered_tight':
      return { name: names.map((n, i) => `${i + 1}.${n}`).join(' '), format };
    case 'numbered_colon':
      return { name: names.map((n, i) => `${i + 1}: ${n}`).join(' '), format };
    case 'slash':
      return { name: names.join(' / '), format };
    case 'semicolon':
      return { name: names.join('; '), format };
    case 'issues':
      return { name: `(previous issue) ${names.join(' / ')} (new issue)`, format };
    default:
      return { name: names.map((n, i) => `(${ordinal[i]} issue: ${n})`).join(' '), format };
  }
}
