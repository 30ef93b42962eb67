/**
 * Merge-preview conflicts (SPEC §8, REVIEW §2.3) judged on what a value means, not how it was typed (issue 13
 * defect 6: every field was a conflict): phones by their digits, countries by their ISO code, websites by host and
 * path, other text by its trimmed lower-case words. A missing value is not a conflict (the merge fills it), and
 * `created_date` is never one by itself — every record has its own creation time.
 */
import { createRequire } from 'node:module';
import type { GroupDetails } from '../shared/api.js';

type PreviewField = GroupDetails['mergePreview'][number];

interface Countries {
  registerLocale(locale: unknown): void;
  getAlpha2Code(name: string, lang: string): string | undefined;
  alpha3ToAlpha2(alpha3: string): string | undefined;
  isValid(code: string): boolean;
}

let countries: Countries | null = null;
function countryTable(): Countries {
  if (countries === null) {
    const require = createRequire(import.meta.url);
    const table = require('i18n-iso-countries') as Countries;
    table.registerLocale(require('i18n-iso-countries/langs/en.json'));
    countries = table;
  }
  return countries;
}

/** Country spellings ISO does not list but CRMs hold. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', 'GREAT BRITAIN': 'GB', ENGLAND: 'GB' };

const words = (value: string): string => value.trim().replaceAll(/\s+/g, ' ').toLowerCase();

/** The digits of a phone number without an extension or a leading North American `1`. */
function phoneKey(value: string): string {
  const main = value.split(/\s*(?:x|ext\.?|extension)\s*\d+\s*$/i)[0] ?? value;
  const digits = main.replaceAll(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

function countryKey(value: string): string {
  const plain = value.trim().replaceAll('.', '').replaceAll(/\s+/g, ' ').toUpperCase();
  const alias = COUNTRY_ALIASES[plain];
  if (alias !== undefined) return alias;
  const table = countryTable();
  if (plain.length === 2 && table.isValid(plain)) return plain;
  if (plain.length === 3) {
    const code = table.alpha3ToAlpha2(plain);
    if (code !== undefined) return code;
  }
  return table.getAlpha2Code(value.trim(), 'en') ?? words(value);
}

/** Host without `www.` and the path without a trailing slash, lower case; the scheme does not matter. */
function websiteKey(value: string): string {
  const bare = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '');
  return bare.replace(/[/?#]+$/, '');
}

/** The comparison key of one value of a merge-preview field. */
export function previewValueKey(field: string, value: string): string {
  switch (field) {
    case 'phone':
      return phoneKey(value);
    case 'country':
      return countryKey(value);
    case 'website':
      return websiteKey(value);
    default:
      return words(value);
  }
}

/** The preview with each field's conflict flag judged on normalised values. */
export function judgePreviewConflicts(fields: readonly PreviewField[]): PreviewField[] {
  return fields.map((f) => {
    if (f.field === 'created_date') return { ...f, conflict: false };
    const keys = new Set<string>();
    for (const value of [f.primary_value, ...f.others.map((o) => o.value)]) {
      if (value === null || value.trim().length === 0) continue;
      const key = previewValueKey(f.field, value);
      if (key.length > 0) keys.add(key);
    }
    return { ...f, conflict: keys.size > 1 };
  });
}
