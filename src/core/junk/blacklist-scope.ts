/**
 * What the blacklist reads (issue 11 item 4): the whole raw name in `name_base` form, parentheses and annotations
 * included, so `Globex Corp (DO NOT USE)` hits `do not use`. The classify stage and the blacklist page's preview
 * both call this, so the preview counts exactly what a run flags.
 * @example blacklistScope('Globex Corp (DO NOT USE)', baseOf) → 'globex corp do not use'
 */
export function blacklistScope(nameRaw: string, baseOf: (text: string) => string): string {
  return baseOf(nameRaw.trim());
}
