import { TOKEN_DOTTED } from './legal-forms.js';

/**
 * Initials written with dots, spaces or other punctuation are one word (issue 10 class 4): `A.B.C.`, `A B C`
 * and `ABC` give the same token `abc`; `U.P.S.` → `ups`, `L.X.C Aviation` → `lxc aviation`. Only runs of two or
 * more single letters join, never a letter with a word or a digit (`Toys R Us`, `A-1 Towing`); `&` is the word
 * `and`, so `H & R Block` keeps its letters. Working on tokens keeps normalisation idempotent: a core never
 * holds two single letters side by side.
 */

/**
 * Join runs of single-letter tokens; a joined token keeps the flags of its first letter, and a joined legal
 * form (`N V` → `nv`) counts as written dotted, like `N.V.` (SPEC §3 step 4). Returns the inputs when there is
 * nothing to join.
 * @example joinInitials(['a', 'b', 'c', 'company'], [], forms) → { tokens: ['abc', 'company'], flags: [0, 0] }
 */
export function joinInitials(
  tokens: string[],
  flags: readonly number[],
  legalForms: ReadonlySet<string>,
): { tokens: string[]; flags: readonly number[] } {
  let single = false;
  for (let i = 1; i < tokens.length; i++) {
    if (isLetter(tokens[i] as string) && isLetter(tokens[i - 1] as string)) {
      single = true;
      break;
    }
  }
  if (!single) return { tokens, flags };
  const out: string[] = [];
  const outFlags: number[] = [];
  for (let i = 0; i < tokens.length; ) {
    let j = i;
    while (j < tokens.length && isLetter(tokens[j] as string)) j++;
    if (j - i >= 2) {
      const joined = tokens.slice(i, j).join('');
      out.push(joined);
      outFlags.push((flags[i] ?? 0) | (legalForms.has(joined) ? TOKEN_DOTTED : 0));
      i = j;
    } else {
      out.push(tokens[i] as string);
      outFlags.push(flags[i] ?? 0);
      i++;
    }
  }
  return { tokens: out, flags: outFlags };
}

const isLetter = (t: string): boolean => t.length === 1 && t >= 'a' && t <= 'z';

// An underscore inside a capitalised word (`Bec_ker`) is a slip; elsewhere (`ACME_PLUMBING`, `_Acme`) it
// separates words like any punctuation.
const UNDERSCORE_IN_WORD = /(?<=(?<![A-Za-z])[A-Z][a-z]*)_(?=[a-z])/g;

/** @example joinUnderscoredWord('Bec_ker Plumbing') → 'Becker Plumbing' */
export function joinUnderscoredWord(text: string): string {
  return text.indexOf('_') < 0 ? text : text.replace(UNDERSCORE_IN_WORD, '');
}
