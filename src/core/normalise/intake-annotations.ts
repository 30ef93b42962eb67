import { NAME_CONTENT } from './name-content.js';

/**
 * Intake annotations (`Per PNC -`, ` - pnc`, `(new issue)` …) are notes typed by intake staff, not part of
 * the employer's name; they are cut before anything else (SPEC §3 step 2). The patterns come from config.
 */
export interface IntakeAnnotations {
  /** The text with every annotation replaced by a space; unchanged when that would leave no letter or digit. */
  strip(text: string): string;
}

/**
 * Compile the configured patterns (regular-expression sources, matched case-insensitively). A pattern must
 * not match text made only of `[a-z0-9 ]`, or normalising a `name_core` again could change it.
 * @example compileIntakeAnnotations(['^\\s*per\\s+pnc\\s*[-,:;]+']).strip('Per PNC - Acme') → ' Acme'
 */
export function compileIntakeAnnotations(patterns: readonly string[]): IntakeAnnotations {
  const each: RegExp[] = [];
  for (const [i, p] of patterns.entries()) {
    try {
      each.push(new RegExp(p, 'gi'));
    } catch (e) {
      throw new Error(
        `intake note pattern #${i + 1} ${JSON.stringify(p)} is not a valid regular expression (${(e as Error).message}). Fix or remove it.`,
      );
    }
  }
  if (each.length === 0) return { strip: (text) => text };
  // One combined test first: most names carry no annotation and then cost a single scan. Numbered
  // back-references would point at the wrong group once patterns are joined, so those lists skip it.
  const any = patterns.some((p) => /\\[1-9]/.test(p))
    ? null
    : new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'i');
  return {
    strip(text) {
      if (any !== null && !any.test(text)) return text;
      let out = text;
      for (const re of each) out = out.replace(re, ' ');
      return out === text || NAME_CONTENT.test(out) ? out : text;
    },
  };
}
