import type { JunkKind } from './junk-kind.js';

/** A stretch of the raw name that is a contact detail or an amount, with the kind it shows (issue 11). */
export interface TextSpan {
  start: number;
  end: number;
  kind: JunkKind;
}

/** Every match of a global pattern as a span of `kind`, skipping text already claimed by an earlier span. */
export function collectMatches(pattern: RegExp, text: string, kind: JunkKind, out: TextSpan[]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const start = m.index;
    const end = start + m[0].length;
    if (!out.some((s) => start < s.end && s.start < end)) out.push({ start, end, kind });
  }
}

/** The text with every span blanked out (same length, so offsets stay valid). */
export function blankSpans(text: string, spans: readonly TextSpan[]): string {
  if (spans.length === 0) return text;
  const chars = text.split('');
  for (const s of spans) for (let i = s.start; i < s.end; i++) chars[i] = ' ';
  return chars.join('');
}
