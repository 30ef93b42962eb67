import type { AliasSource } from '../types.js';
import { NAME_CONTENT } from './name-content.js';

// `dba`, `d/b/a`, `d.b.a.`, `D B A`, `doing business as`, and the same for aka / fka / formerly (SPEC §7.1).
// Letters of the short markers may be split by any punctuation, and a marker is a whole word: this matches
// every spelling that normalises to the tokens `dba` or `d b a`, so a `name_core` never holds a marker that
// its source did not split on (normalisation stays idempotent, SPEC §3).
const SEP = '[^a-z0-9]*';
const GAP = '[^a-z0-9]+';
const CLAUSE_SOURCE =
  '(?<![a-z0-9])(?:' +
  `(d${SEP}b${SEP}a|doing${GAP}business${GAP}as)` +
  `|(a${SEP}k${SEP}a|also${GAP}known${GAP}as)` +
  `|(f${SEP}k${SEP}a|formerly${GAP}known${GAP}as)` +
  '|(formerly)' +
  ')(?![a-z0-9])';
const CLAUSE = new RegExp(CLAUSE_SOURCE, 'gi');
const CLAUSE_ANY = new RegExp(CLAUSE_SOURCE, 'i');
const LEADING_CLAUSE = new RegExp(`^[^a-z0-9]*${CLAUSE_SOURCE}`, 'i');

// Separators left around a clause (`Acme, dba: Quick Drain -`); a tail may also start with the dot that
// closes `d.b.a.`, while a name keeps its final dot (`Inc.`). Trimmed by scanning: a `[…]+$` pattern would
// backtrack quadratically over a long run of spaces inside the text.
const isEdge = (c: number, dot: boolean): boolean =>
  c === 32 || (c >= 9 && c <= 13) || c === 44 || c === 59 || c === 58 || c === 45 || (dot && c === 46);

function trimEdges(s: string, leadingDot: boolean): string {
  let start = 0;
  let end = s.length;
  while (start < end && isEdge(s.charCodeAt(start), leadingDot)) start++;
  while (end > start && isEdge(s.charCodeAt(end - 1), false)) end--;
  return s.slice(start, end);
}

function sourceOf(m: RegExpExecArray): AliasSource {
  if (m[1] !== undefined) return 'dba';
  if (m[2] !== undefined) return 'aka';
  if (m[3] !== undefined) return 'fka';
  return 'formerly';
}

/** Cheap test: does the text hold a clause marker at all? */
export function hasClauseMarker(text: string): boolean {
  return CLAUSE_ANY.test(text);
}

export interface ClauseSplit {
  /** The company's own name: the text before the first marker that follows some name. */
  name: string;
  /** Each clause tail, with the marker that introduced it. */
  clauses: { text: string; source: AliasSource }[];
}

/**
 * Split `X dba Y aka Z` into the name `X` and the clauses `Y` (dba), `Z` (aka) (SPEC §7.1). A marker with
 * nothing before it belongs to the name (`DBA Quick Drain`, `Aka Sushi` stay whole), so the split starts at
 * the first marker that follows some name.
 * @example splitClauses('Johnson Plumbing dba Quick Drain') → { name: 'Johnson Plumbing', clauses: [{ text: 'Quick Drain', source: 'dba' }] }
 */
export function splitClauses(text: string): ClauseSplit {
  const marks = [...text.matchAll(CLAUSE)];
  let first = 0;
  while (first < marks.length && !NAME_CONTENT.test(text.slice(0, (marks[first] as RegExpExecArray).index))) first++;
  if (first === marks.length) return { name: text, clauses: [] };
  const clauses: { text: string; source: AliasSource }[] = [];
  for (let k = first; k < marks.length; k++) {
    const m = marks[k] as RegExpExecArray;
    const next = marks[k + 1];
    const tail = trimEdges(text.slice(m.index + m[0].length, next === undefined ? text.length : next.index), true);
    if (NAME_CONTENT.test(tail)) clauses.push({ text: tail, source: sourceOf(m) });
  }
  return { name: trimEdges(text.slice(0, (marks[first] as RegExpExecArray).index), false), clauses };
}

/**
 * A parenthesised clause, `(dba Quick Drain)` or `(formerly Acme Corp)`, as an alias; null when the
 * content does not start with a marker.
 */
export function leadingClause(content: string): { text: string; source: AliasSource } | null {
  const m = LEADING_CLAUSE.exec(content);
  if (m === null) return null;
  const tail = trimEdges(content.slice(m[0].length), true);
  if (!NAME_CONTENT.test(tail)) return null;
  return { text: tail, source: sourceOf(m) };
}
