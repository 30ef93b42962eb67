/**
 * Pay amounts and head counts typed where the employer belongs (CRM-INTAKE: `$18/hr`, `700 per week`, `1,200 per`,
 * `51-200 employees`). The shapes are code; the words (pay periods, head-count nouns) come from config. A number
 * alone is never an amount (`99 Cents Only`, `24 Hour Fitness`, `Forever 21` are names): it needs a `$`, a pay
 * period after a connector (`/`, `per`, `an`), a `-ly` period word, or a head-count noun.
 */
import { collectMatches, type TextSpan } from './text-span.js';

export interface AmountWords {
  /** `hr`, `hour`, `week`, `hourly` …: after `/`, `per`, `a`, `an`, `each`; words ending in `ly` also directly. */
  payPeriods: readonly string[];
  /** `employees`, `staff`, `workers` … */
  headcountWords: readonly string[];
}

export interface AmountPatterns {
  find(text: string, out: TextSpan[]): void;
  /** Every word an amount or head count (or a phone extension) may hold besides digits, in `name_base` form. */
  words: ReadonlySet<string>;
}

/** Words of the shapes themselves: connectors, currencies, `k`, `+` (`plus` in name_base), phone extensions. */
const SHAPE_WORDS = [
  ...['per', 'a', 'an', 'each', 'every', 'to', 'k', 'plus', 'dollar', 'dollars', 'usd', 'bucks'],
  ...['x', 'ext', 'extension'],
];

const escapeWord = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s{1,3}');
const alternation = (words: readonly string[]): string =>
  [...new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0))]
    .sort((a, b) => b.length - a.length)
    .map(escapeWord)
    .join('|');

// A number as typed: digits with thousands commas, optional cents, optional `k`.
const NUMBER = String.raw`\d[\d,]{0,12}(?:\.\d{1,2})?(?:\s{0,2}k\b)?`;
const CURRENCY = String.raw`(?:\s{0,2}(?:dollars?|usd|bucks)\b)`;
// Starts only where a number starts, so a long digit run is scanned once.
const NUMBER_START = String.raw`(?<![\w$.,])`;

/**
 * Compile the amount shapes for the configured words.
 * @example compileAmountPatterns(words).find('$18/hr', spans) → spans [{ start: 0, end: 6, kind: 'money' }]
 */
export function compileAmountPatterns(words: AmountWords): AmountPatterns {
  const periods = alternation(words.payPeriods);
  const adverbs = alternation(words.payPeriods.filter((w) => /ly$/i.test(w.trim())));
  const nouns = alternation(words.headcountWords);
  const range = (num: string): string => String.raw`(?:\s{0,2}(?:-|–|to)\s{0,2}${num})?`;
  const periodAfterConnector =
    periods.length > 0 ? String.raw`\s{0,2}(?:/|per\b|an?\b|each\b|every\b)\s{0,2}(?:${periods})\b` : '(?!)';
  const periodAdverb = adverbs.length > 0 ? String.raw`\s{0,2}(?:${adverbs})\b` : '(?!)';
  // `1,200 per`: a bare `per` at the end of the amount.
  const period = `(?:${periodAfterConnector}|${periodAdverb}|\\s{1,3}per\\b)`;
  const dollarAmount = String.raw`\$\s{0,2}${NUMBER}${range(`\\$?${NUMBER}`)}${CURRENCY}?${period}?`;
  const plainAmount = `${NUMBER_START}${NUMBER}${range(NUMBER)}(?:${CURRENCY}${period}?|${period})`;
  const money = new RegExp(`(?<![\\w$])${dollarAmount}|${plainAmount}`, 'gi');
  const headcount =
    nouns.length > 0
      ? new RegExp(
          String.raw`${NUMBER_START}\d[\d,]{0,12}\+?${range(String.raw`\d[\d,]{0,12}\+?`)}\s{0,2}(?:${nouns})\b`,
          'gi',
        )
      : null;
  const shapeWords = new Set<string>(SHAPE_WORDS);
  for (const phrase of [...words.payPeriods, ...words.headcountWords]) {
    for (const w of phrase.toLowerCase().split(/[^a-z0-9]+/)) if (w.length > 0) shapeWords.add(w);
  }
  return {
    words: shapeWords,
    find(text, out) {
      if (headcount !== null) collectMatches(headcount, text, 'employee_count', out);
      collectMatches(money, text, 'money', out);
    },
  };
}
