import { foldToAscii } from './normalise/fold.js';

/**
 * OpenRefine's key-collision fingerprint, the first accuracy baseline (SPEC §11): ASCII-fold, lower-case,
 * `&` → and, strip punctuation, drop legal-form tokens and a leading `the`, then the sorted unique tokens.
 * @example fingerprintKey('The Smith & Sons Co.', new Set(['co'])) → 'and smith sons'
 */
export function fingerprintKey(name: string, legalFormTokens: ReadonlySet<string>): string {
  const text = foldToAscii(name)
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (text.length === 0) return '';
  let tokens = text.split(' ');
  if (tokens[0] === 'the' && tokens.length > 1) tokens = tokens.slice(1);
  const kept = tokens.filter((t) => !legalFormTokens.has(t));
  return [...new Set(kept.length > 0 ? kept : tokens)].sort().join(' ');
}
