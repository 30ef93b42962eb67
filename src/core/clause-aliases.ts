/**
 * Issue 10: a record written `Acme Holdings LLC dba QuickFix` (also `aka`, `fka`) says that its two names are one
 * employer, so `Acme Holdings` and `QuickFix` written alone elsewhere in the file are that employer too. Each such
 * clause, as (core of the record's name, core of the clause), becomes an alias of this run, unless it would pull a
 * crowd together: a franchisee doing business as a chain (`JRN Inc dba KFC` works for JRN, not for every KFC),
 * or a one-word name many companies start with (`Pho` beside `Pho Corona`, `Pho Rocklin`).
 */

/** What a clause's two names are checked against: the file's counts and the well-known employers. */
export interface ClauseAliasFile {
  /** Records whose name has this core (0 when none). */
  recordsOf(core: string): number;
  /** Distinct cores of the file that hold this word. */
  namesWithWord(word: string): number;
  /** Cores of the alias dictionary's spellings (`matching.aliases`): well-known employers, chains. */
  wellKnown: ReadonlySet<string>;
}

export interface ClauseAliasRules {
  /** A name with more records of its own is a chain: its dba clauses name franchisees (CRM-INTAKE: regional ≤ 150). */
  maxRecords: number;
  /** A one-word name shared by more distinct names is a word many companies start with, not one employer. */
  maxNamesWithWord: number;
}

/** Shortest one-word name taken as an employer: `wu` is a cut-off word as often as a name. */
const MIN_ONE_WORD_LENGTH = 4;

/**
 * The clause pairs that are aliases, each once (in first-seen order, as first written), and how many distinct
 * pairs were refused. A pair naming the record itself or an empty core is neither.
 * @example clauseAliasLinks([['acme holdings', 'quickfix']], file, rules) → { links: [['acme holdings', 'quickfix']], refused: 0 }
 */
export function clauseAliasLinks(
  clauses: readonly (readonly [string, string])[],
  file: ClauseAliasFile,
  rules: ClauseAliasRules,
): { links: [string, string][]; refused: number } {
  const seen = new Set<string>();
  const links: [string, string][] = [];
  let refused = 0;
  const crowd = (core: string): boolean =>
    file.recordsOf(core) > rules.maxRecords ||
    file.wellKnown.has(core) ||
    (!core.includes(' ') && (core.length < MIN_ONE_WORD_LENGTH || file.namesWithWord(core) > rules.maxNamesWithWord));
  for (const [a, b] of clauses) {
    if (a.length === 0 || b.length === 0 || a === b) continue;
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (crowd(a) || crowd(b)) refused++;
    else links.push([a, b]);
  }
  return { links, refused };
}
