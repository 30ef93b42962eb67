/**
 * Marks the search hit inside a name (REVIEW §2.2: matches are highlighted). Prefix hits mark the matching word
 * starts; a fuzzy hit (no literal prefix) marks the whole name, so the steward still sees why it is listed.
 */
import type { ReactElement, ReactNode } from 'react';

/** Case- and accent-insensitive, one output char per input char so offsets line up with the original. */
function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const base = ch.normalize('NFD')[0] ?? ch;
    const lower = (base.length === ch.length ? base : ch).toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

export function queryTokens(q: string | undefined): string[] {
  if (!q) return [];
  return fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** [start, end) ranges of word-start prefix hits, merged and sorted. */
export function hitRanges(name: string, tokens: readonly string[]): [number, number][] {
  const folded = fold(name);
  const ranges: [number, number][] = [];
  for (const token of tokens) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(token, from);
      if (at < 0) break;
      const prev = at === 0 ? '' : (folded[at - 1] ?? '');
      if (at === 0 || !/[\p{L}\p{N}]/u.test(prev)) ranges.push([at, at + token.length]);
      from = at + 1;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

export function Highlight({
  text,
  tokens,
  fuzzy = false,
}: {
  text: string;
  tokens: readonly string[];
  /** Mark the whole text when no token hits literally (the server matched it fuzzily). */
  fuzzy?: boolean;
}): ReactNode {
  if (tokens.length === 0) return text;
  const ranges = hitRanges(text, tokens);
  if (ranges.length === 0) return fuzzy ? <mark className="hit hit-fuzzy">{text}</mark> : text;
  const parts: ReactElement[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(<span key={`t${at}`}>{text.slice(at, start)}</span>);
    parts.push(
      <mark key={`m${start}`} className="hit">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(<span key={`t${at}`}>{text.slice(at)}</span>);
  return <>{parts}</>;
}
