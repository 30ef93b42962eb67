import type { JunkKind } from './junk-kind.js';

/** A stretch of the raw name that is a contact detail or an amount, with the kind it shows (issue 11). */
export interface TextSpan {
  start: number;
  end: number;
  kind: JunkKind;
}

/**
 * Every match of a global pattern as a span of `kind`, skipping text already claimed by an earlier span. Matches of
 * one pattern never overlap, so each is checked only against the earlier spans, by binary search.
 */
export function collectMatches(pattern: RegExp, text: string, kind: JunkKind, out: TextSpan[]): void {
  const earlier = [...out].sort((a, b) => a.start - b.start);
  const overlapsEarlier = (start: number, end: number): boolean => {
    // The last earlier span starting before `end` is the only one that can overlap (spans are disjoint).
    let lo = 0;
    let hi = earlier.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((earlier[mid] as TextSpan).start < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && (earlier[lo - 1] as TextSpan).end > start;
  };
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const start = m.index;
    const end = start + m[0].length;
    if (!overlapsEarlier(start, end)) out.push({ start, end, kind });
  }
}

/** The text with every span blanked out (same length, so offsets stay valid). */
export function blankSpans(text: string, spans: readonly TextSpan[]): string {
  if (spans.length === 0) return text;
  const chars = text.split('');
  for (const s of spans) for (let i = s.start; i < s.end; i++) chars[i] = ' ';
  return chars.join('');
}
