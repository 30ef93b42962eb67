import { singularsOf } from '../key-tokens.js';
import { type KeySites, shareSite } from '../site.js';
import { boundedOsa, indelDistance } from './edit-distance.js';
import * as F from './features.js';
import {
  longestPlaceRun,
  MAX_JOINED_TYPO_RECORDS,
  type MatchTable,
  MIN_JOINED_TYPO_LENGTH,
  TOKEN_GENERIC,
  TOKEN_JOIN_SLIP,
  TOKEN_LETTER_NUMERAL,
  TOKEN_MISSPELT,
  TOKEN_NUMBER,
  TOKEN_PLACE,
  TOKEN_SINGULAR,
  TOKEN_WEAK,
} from './match-table.js';

/** Thresholds of the comparer (config `matching.comparison`). */
export interface ComparisonOptions {
  /** Both spellings at least this long may be one typo apart (`targget` / `target`); shorter words never. */
  typoMinLength: number;
  /** Both spellings at least this long may be two edits apart. */
  twoEditMinLength: number;
  /** A typo whose common spelling is held by this many times more records is `typo_rare_to_common`. */
  typoFrequencyRatio: number;
  /** Two three-letter words are one typo apart only when one is held by this many times the records of the other. */
  threeLetterTypoRatio: number;
  /** Shortest acronym matched against the initials of as many words (`ibm`). */
  acronymMinLength: number;
  /** A name at least this long whose last word is a prefix of a word of the other was cut by another system. */
  truncatedMinNameLength: number;
  /** Extra words on one side are a tail of a head entity when the shorter name has this many times the records… */
  headRatio: number;
  /** …and at least this many records. */
  headMinRecords: number;
  /**
   * A name with a tail that intake repeats ({@link REPEATED_NAME_MIN_RECORDS}) is a tail or site of a head only at
   * this many times its records: `Pho Corona` ×15 is another restaurant than `Pho` ×130, `Albertsons Pest Control`
   * ×14 another company than `Albertsons` ×144; `Target Mesa` ×20 is a site of `Target` ×15,000.
   */
  repeatedTailRatio: number;
  /** Extra words in front of a shorter name, each held by at least this many names, are an owner or agency. */
  ownerMinNames: number;
}

/** Where each word of one side went: 0 unmatched, else the alignment level + 1. */
const UNMATCHED = 0;
/**
 * Bits of a shared word rare enough to name the company on its own (a town, a surname: about one name in 256), so a
 * short word beside it may be a typo of a far more frequent name's (`diamond br kia`).
 */
const SHORT_TYPO_CONTEXT_BITS = 8;
/** Records from which intake repeats a name: it is then a company of its own more often than a one-off variant. */
export const REPEATED_NAME_MIN_RECORDS = 3;

/** Two names of x and y records are both repeated and neither holds `ratio` times the other's records. */
export function repeatedAlike(x: number, y: number, ratio: number): boolean {
  const lo = Math.min(x, y);
  return lo >= REPEATED_NAME_MIN_RECORDS && Math.max(x, y) < ratio * lo;
}

/** The words the token rewrites make of the numbers 1–20 (`Target 9` is `target nine`). */
const NUMBER_WORDS: ReadonlySet<string> = new Set(
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(
    ' ',
  ),
);

/** A compass direction's letter and its word (CRM-INTAKE: `N`/`S`/`E`/`W` abbreviations). */
const DIRECTION_WORD: ReadonlyMap<string, string> = new Map([
  ['n', 'north'],
  ['s', 'south'],
  ['e', 'east'],
  ['w', 'west'],
]);
/**
 * Short forms that count only facing their word: the compass letters, and `st` for Saint (`St. Louis Staffing` /
 * `Saint Louis Staffing`). The rewrites leave `st` alone: it is a company's letters as often (`ST Microelectronics`,
 * run together in patstat's `STMicroelectronics`), and a street after a number.
 */
const FACING_WORD: ReadonlyMap<string, string> = new Map([...DIRECTION_WORD, ['st', 'saint']]);
const FACING_WORD_SET: ReadonlySet<string> = new Set(FACING_WORD.values());
/** The one short form of {@link FACING_WORD} longer than a letter. */
const SAINT_SHORT = 'st';

/**
 * Entries of the word-pair memo of the edit distance, as a power of two: about one word pair in 25 the typo rule
 * looks at passes its cheap filters, and those recur (~12 times each at 94K records), so their distance is kept
 * (2.3 MB a comparer).
 */
export const TYPO_MEMO_BITS = 18;

/** The first and the last letter of a token in `tokenEnds`. */
const FIRST_LETTER = 0xffff0000;
const LAST_LETTER = 0xffff;
/** `s`, the plural ending. */
const S = 115;

/**
 * Computes the feature levels of a pair of keys (issue 10), allocation-free: scratch arrays are sized once
 * for the longest key. A plain function of the two names and the table, so a distributed engine can run it as
 * a UDF.
 */
export class PairComparer {
  private readonly table: MatchTable;
  private readonly opts: ComparisonOptions;
  private readonly ta: Int32Array;
  private readonly tb: Int32Array;
  private readonly ma: Uint8Array;
  private readonly mb: Uint8Array;
  /** Every token of each key but numbers, weak words included (`jack in the box` → `jitb`), and for each the
   * index of the same token among the distinctive words, or −1 for a weak word. */
  private readonly allA: Int32Array;
  private readonly allB: Int32Array;
  private readonly wordAtA: Int32Array;
  private readonly wordAtB: Int32Array;
  private nAllA = 0;
  /** Key whose tokens `ta`, `numA`, `allA` and `wordAtA` hold (−1: none yet), with its word and number counts. */
  private keyA = -1;
  private wordsA = 0;
  private numbersA = 0;
  private nAllB = 0;
  private readonly numA: Int32Array;
  private readonly numB: Int32Array;
  private readonly dp: Int32Array;
  /** Evidence of the last pair compared, in bits (for tests and explanations). */
  evidenceBits = 0;

  /** In a site list, the keys' sites (src/core/site.ts); null otherwise. */
  private readonly sites: KeySites | null;
  /**
   * Memo of {@link typoApart}'s edit distance, direct-mapped by word pair: the pair held in slot h (`memoX`,
   * `memoY`; −1 none yet) and whether its words are within the pair's edits (1) or not (0). A pure function of the
   * two words, so what a slot forgets on a collision is only recomputed.
   */
  private readonly memoX: Int32Array;
  private readonly memoY: Int32Array;
  private readonly memoWithin: Uint8Array;
  private readonly memoShift: number;

  /** `typoMemoBits`: size of the word-pair memo (tests shrink it to force collisions). */
  constructor(table: MatchTable, opts: ComparisonOptions, typoMemoBits = TYPO_MEMO_BITS) {
    this.table = table;
    this.opts = opts;
    this.memoX = new Int32Array(1 << typoMemoBits).fill(-1);
    this.memoY = new Int32Array(1 << typoMemoBits);
    this.memoWithin = new Uint8Array(1 << typoMemoBits);
    // `>>> 32` is `>>> 0` in JS: a memo of one slot shifts by 31 and masks the remaining bit off.
    this.memoShift = Math.min(31, 32 - typoMemoBits);
    this.sites = table.keySiteOffsets.length > 0 ? { offsets: table.keySiteOffsets, ids: table.keySiteIds } : null;
    this.saintShort = table.tokenText.indexOf(SAINT_SHORT);
    const n = Math.max(1, table.maxKeyTokens);
    this.ta = new Int32Array(n);
    this.tb = new Int32Array(n);
    this.ma = new Uint8Array(n);
    this.mb = new Uint8Array(n);
    this.allA = new Int32Array(n);
    this.allB = new Int32Array(n);
    this.wordAtA = new Int32Array(n);
    this.wordAtB = new Int32Array(n);
    this.numA = new Int32Array(n);
    this.numB = new Int32Array(n);
    this.dp = new Int32Array(3 * 64);
    this.typoA = new Int32Array(n);
    this.typoB = new Int32Array(n);
  }

  /** Write the levels of pair (a, b) into `out[at .. at + FEATURE_COUNT)`; `tokenSet` is their token_set_ratio. */
  compare(a: number, b: number, tokenSet: number, out: Uint8Array, at: number): void {
    const t = this.table;
    // Candidate pairs come grouped by left key: its words are collected once per run of pairs.
    if (a !== this.keyA) {
      this.wordsA = this.collect(a, this.ta, this.numA, this.allA, this.wordAtA);
      this.numbersA = this.lastNumbers;
      this.nAllA = this.lastAll;
      this.hintsA = this.lastHints;
      this.lettersA = this.lastLetters;
      this.keyA = a;
    }
    const na = this.wordsA;
    const numA = this.numbersA;
    const nb = this.collect(b, this.tb, this.numB, this.allB, this.wordAtB);
    const numB = this.lastNumbers;
    this.nAllB = this.lastAll;
    // A handful of words: a loop is cheaper than two calls of fill per pair (29M pairs at 1M records).
    for (let i = 0; i < na; i++) this.ma[i] = UNMATCHED;
    for (let j = 0; j < nb; j++) this.mb[j] = UNMATCHED;

    this.evidence = 0;
    this.worst = F.ALIGN_EXACT;
    this.matchedAny = false;
    this.acronymFound = false;
    this.typoCount = 0;
    this.rarestExact = 0;

    // 1. The same word on both sides.
    let exact = 0;
    for (let i = 0; i < na; i++) {
      const x = this.ta[i] as number;
      for (let j = 0; j < nb; j++) {
        if (this.mb[j] === UNMATCHED && this.tb[j] === x) {
          this.ma[i] = F.ALIGN_EXACT + 1;
          this.mb[j] = F.ALIGN_EXACT + 1;
          this.note(F.ALIGN_EXACT, t.tokenBits[x] as number);
          exact++;
          break;
        }
      }
    }
    // The flags of each side's tokens keep the rarer rules off the many pairs they cannot concern.
    const hintsA = this.hintsA;
    const hintsB = this.lastHints;
    const misspeltA = (hintsA & TOKEN_MISSPELT) !== 0;
    const misspeltB = (hintsB & TOKEN_MISSPELT) !== 0;
    // Steps 1b–5 pair words left on both sides: a name whose words all matched (`target` / `target mesa`) skips them.
    if (exact < na && exact < nb) this.alignRest(a, b, na, nb, hintsA, hintsB);
    // 5b. …and the words after the cut, which it lost; not a number it lost (`Fund 4` / `Fund 7`: either's start).
    if (numA >= numB)
      this.cutShort(this.allA, this.wordAtA, this.nAllA, this.ma, this.allB, this.wordAtB, this.nAllB, this.mb);
    if (numB >= numA)
      this.cutShort(this.allB, this.wordAtB, this.nAllB, this.mb, this.allA, this.wordAtA, this.nAllA, this.ma);

    // What is left over on each side.
    let leftA = 0;
    let genericA = 0;
    for (let i = 0; i < na; i++) {
      if (this.ma[i] !== UNMATCHED) continue;
      leftA++;
      if (this.isGeneric(this.ta[i] as number, misspeltA)) genericA++;
    }
    let leftB = 0;
    let genericB = 0;
    for (let j = 0; j < nb; j++) {
      if (this.mb[j] !== UNMATCHED) continue;
      leftB++;
      if (this.isGeneric(this.tb[j] as number, misspeltB)) genericB++;
    }
    let remainder: number;
    let siteTail = false;
    if (leftA === 0 && leftB === 0) remainder = F.REM_NONE;
    else if (leftA > 0 && leftB > 0) {
      remainder = genericA === leftA && genericB === leftB ? F.REM_BOTH_GENERIC : F.REM_BOTH_SIDES;
    } else {
      // The extra words are on side A or B; plain locals, as this runs for most candidate pairs.
      const onA = leftA > 0;
      if ((onA ? genericA : genericB) === (onA ? leftA : leftB)) remainder = F.REM_GENERIC_ONE_SIDE;
      else {
        // The head as its key (`starbucks llc` ×3 is no head of `starbucks welding llc`), the tail as its name.
        const head = t.keyRecords[onA ? b : a] as number;
        const tail = t.keyNameRecords[onA ? a : b] as number;
        // `Tesla` / `Tesla Electric` is often two companies; `Allied Universal` / `… Security Services` rarely:
        // a name of two distinctive words or more already identifies its company.
        const shorterWords = onA ? nb : na;
        const words = onA ? this.ta : this.tb;
        const marks = onA ? this.ma : this.mb;
        const n = onA ? na : nb;
        // A head absorbs rare spellings with extra words (`super target`), but not a place in front: `Dubuque
        // Infiniti` is a dealership, another company than `Infiniti`; nor a word inside the name, not after it.
        // A tail intake repeats is a company of its own (`Pho Corona`, `Albertsons Pest Control` ×14) unless the
        // head is far larger still (`Target Mesa` ×20 beside `Target` ×15,000).
        // A store number is no company's name: `Target 9` ×3 is a store of `Target` ×40.
        const ratio =
          tail >= REPEATED_NAME_MIN_RECORDS && !this.numberWordsOnly(words, marks, n)
            ? this.opts.repeatedTailRatio
            : this.opts.headRatio;
        const isHead = head >= this.opts.headMinRecords && head >= ratio * tail;
        // A word inside the name weighs against it, unless words in front weigh more (`izzys steak and chop house`).
        if (this.extraInside(words, marks, n)) {
          remainder =
            this.tailRemainder(words, marks, n, shorterWords) === F.REM_EXTRA_AT_START
              ? F.REM_EXTRA_AT_START
              : F.REM_EXTRA_INSIDE;
        } else if (isHead && !this.placeInFront(words, marks, n)) {
          // A head's site: a town after it (`autozone haverhill`).
          siteTail = this.placeTailOnly(words, marks, n);
          remainder = siteTail
            ? F.REM_SITE_ONE_SIDE
            : this.misspeltArticle(words, marks, n)
              ? F.REM_GENERIC_ONE_SIDE
              : F.REM_EXTRA_ONE_SIDE_HEAD;
        } else remainder = this.tailRemainder(words, marks, n, shorterWords);
      }
    }

    const alias = t.keyAlias[a] as number;
    const isAlias = alias >= 0 && alias === t.keyAlias[b];
    const evidence = this.evidence;
    this.evidenceBits = evidence;
    // Two spellings of one dictionary employer (`fedex` / `federal express`) are one name: the words need not align.
    out[at + F.F_ALIGNMENT] = isAlias ? F.ALIGN_EXACT : this.matchedAny ? this.worst : F.ALIGN_NONE;
    out[at + F.F_REMAINDER] = isAlias ? F.REM_NONE : remainder;
    out[at + F.F_EVIDENCE] = F.evidenceLevel(isAlias ? Math.max(evidence, 14) : evidence);
    out[at + F.F_NUMBERS] = this.numbersLevel(numA, numB);
    out[at + F.F_LEGAL_FORM] = this.legalLevel(a, b);
    out[at + F.F_ALIAS] = isAlias
      ? F.ALIAS_DICTIONARY
      : remainder === F.REM_NONE && this.acronymOfName(a, b)
        ? F.ALIAS_ACRONYM
        : F.ALIAS_NONE;
    this.alignedSimilarity =
      !this.matchedAny || this.acronymFound
        ? 0
        : siteTail
          ? 100
          : remainder === F.REM_GENERIC_ONE_SIDE
            ? this.similarityOfAligned(na, nb)
            : 0;
    out[at + F.F_SIMILARITY] = F.similarityLevel(Math.max(tokenSet, this.alignedSimilarity));
    out[at + F.F_SITE] = this.sites !== null && shareSite(this.sites, a, b) ? F.SITE_SAME : F.SITE_NONE;
  }

  /** Steps 1b–5 of {@link compare}: the words left after the exact pass, on both sides, paired by the rarer rules. */
  private alignRest(a: number, b: number, na: number, nb: number, hintsA: number, hintsB: number): void {
    const t = this.table;
    const misspeltA = (hintsA & TOKEN_MISSPELT) !== 0;
    const misspeltB = (hintsB & TOKEN_MISSPELT) !== 0;
    // 1b. A direction written as its letter (`first n star` / `first north star`): the rewrites read a lone letter
    // as a direction only where it leads the name, elsewhere it may be an initial, so it counts only facing the word;
    // so does `st` facing `saint`.
    if (this.lettersA) this.facingWords(this.ta, this.ma, na, this.tb, this.mb, nb);
    if (this.lastLetters) this.facingWords(this.tb, this.mb, nb, this.ta, this.ma, na);
    // 2. One word written as two (`walmart` / `wal mart`), either way round.
    const slipsA = (hintsA & TOKEN_JOIN_SLIP) !== 0;
    const slipsB = (hintsB & TOKEN_JOIN_SLIP) !== 0;
    this.joinWords(this.ta, this.ma, na, this.tb, this.mb, nb, false, slipsA);
    this.joinWords(this.tb, this.mb, nb, this.ta, this.ma, na, false, slipsB);
    // 3. An acronym of as many consecutive words (`ibm` / `international business machines`).
    this.acronyms(this.ta, this.ma, na, this.allB, this.wordAtB, this.nAllB, this.mb);
    this.acronyms(this.tb, this.mb, nb, this.allA, this.wordAtA, this.nAllA, this.ma);
    // 4. Typos, judged by how many records hold each spelling.
    for (let i = 0; i < na; i++) {
      if (this.ma[i] !== UNMATCHED) continue;
      const x = this.ta[i] as number;
      for (let j = 0; j < nb; j++) {
        if (this.mb[j] !== UNMATCHED) continue;
        const y = this.tb[j] as number;
        const rx = t.tokenRecords[x] as number;
        const ry = t.tokenRecords[y] as number;
        if (
          !this.typoApart(x, y, rx, ry) &&
          ((!misspeltA && !misspeltB) || !this.knownWordTypo(x, y, rx, ry)) &&
          !this.shortTypoInContext(x, y, a, b, na, nb)
        )
          continue;
        const level = this.namesAlike(a, b) ? F.ALIGN_TYPO_SIMILAR : this.typoLevel(rx, ry);
        this.ma[i] = level + 1;
        this.mb[j] = level + 1;
        this.typoA[this.typoCount] = x;
        this.typoB[this.typoCount++] = y;
        this.note(level, Math.min(t.tokenBits[x] as number, t.tokenBits[y] as number));
        break;
      }
    }
    // 4b. One word written as two with a typo in it.
    if (slipsA) this.joinWords(this.ta, this.ma, na, this.tb, this.mb, nb, true, false);
    if (slipsB) this.joinWords(this.tb, this.mb, nb, this.ta, this.ma, na, true, false);
    // 5. A last word cut short by another system (names truncated at ~28 characters).
    this.truncated(a, this.ta, this.ma, na, this.tb, this.mb, nb);
    this.truncated(b, this.tb, this.mb, nb, this.ta, this.ma, na);
  }

  /**
   * Remainder level of extra words on the longer side (`words`, `marks`, n) when they are not all generic.
   * CRM names vary by their tail (`Allied Universal Security Services`); a word of one name only in front of
   * every shared word makes the shorter name the tail of another company's (`Peter Luger Steak House` /
   * `Steak House`). Words in front that start several names are an owner or agency (`Henry Booth House Jones
   * Academy` / `Jones Academy`), so they count as any extra words.
   */
  private tailRemainder(words: Int32Array, marks: Uint8Array, n: number, shorterWords: number): number {
    const t = this.table;
    for (let i = 0; i < n; i++) {
      if (marks[i] !== UNMATCHED) break;
      const id = words[i] as number;
      if (this.isGeneric(id, true)) continue;
      if ((t.tokenKeys[id] as number) < this.opts.ownerMinNames) return F.REM_EXTRA_AT_START;
    }
    return shorterWords >= 2 ? F.REM_EXTRA_ONE_SIDE : F.REM_EXTRA_AFTER_ONE_WORD;
  }

  /**
   * True when the extra words all follow the shared ones and are places or generic words: a head's site written
   * without a separator, by a town too small to be a tail everywhere (`autozone haverhill` against `autozone`).
   */
  private placeTailOnly(words: Int32Array, marks: Uint8Array, n: number): boolean {
    let shared = false;
    let place = false;
    for (let i = 0; i < n; i++) {
      if (marks[i] !== UNMATCHED) {
        if (place) return false;
        shared = true;
        continue;
      }
      if (!shared) return false;
      const end = this.placeAt(words, marks, i, n);
      if (end > i) {
        place = true;
        i = end - 1;
      } else if (!this.isGeneric(words[i] as number, true)) return false;
    }
    return place;
  }

  /**
   * A distinctive extra word between two shared words (`garcia sons staffing` against `garcia staffing`). Not an
   * initial, a place (a site: `childrens home and aid englewood family center`) nor a misspelt weak word
   * (`satterfield qnd vandervort`).
   */
  private extraInside(words: Int32Array, marks: Uint8Array, n: number): boolean {
    const t = this.table;
    let shared = false;
    let inside = false;
    for (let i = 0; i < n; i++) {
      const id = words[i] as number;
      if (marks[i] !== UNMATCHED) {
        if (inside) return true;
        shared = true;
      } else if (
        shared &&
        !this.isGeneric(id, true) &&
        (t.tokenLength[id] as number) > 1 &&
        ((t.tokenFlags[id] as number) & TOKEN_PLACE) === 0 &&
        !this.nearWeak(id)
      )
        inside = true;
    }
    return false;
  }

  /** Per token the id of the word its short form stands for (`n` → `north`, `st` → `saint`), −1 for none. */
  private facingWordOf: Int32Array | null = null;

  private facingWords(
    letters: Int32Array,
    letterMarks: Uint8Array,
    n: number,
    words: Int32Array,
    wordMarks: Uint8Array,
    m: number,
  ): void {
    const t = this.table;
    if (this.facingWordOf === null) {
      const ids = new Map<string, number>();
      for (let id = 0; id < t.tokenText.length; id++)
        if (FACING_WORD.has(t.tokenText[id] as string) || FACING_WORD_SET.has(t.tokenText[id] as string))
          ids.set(t.tokenText[id] as string, id);
      this.facingWordOf = new Int32Array(t.tokenText.length).fill(-1);
      for (const [letter, word] of FACING_WORD) {
        const from = ids.get(letter);
        const to = ids.get(word);
        if (from !== undefined && to !== undefined) this.facingWordOf[from] = to;
      }
    }
    for (let i = 0; i < n; i++) {
      if (letterMarks[i] !== UNMATCHED) continue;
      const word = this.facingWordOf[letters[i] as number] as number;
      if (word < 0) continue;
      this.alignFirst(word, F.ALIGN_EXACT, letterMarks, i, words, wordMarks, m);
    }
  }

  /** Word i of one side is found at `level` as the first unmatched `word` of the other side, if it has one. */
  private alignFirst(
    word: number,
    level: number,
    marks: Uint8Array,
    i: number,
    others: Int32Array,
    otherMarks: Uint8Array,
    m: number,
  ): void {
    for (let j = 0; j < m; j++) {
      if (otherMarks[j] !== UNMATCHED || others[j] !== word) continue;
      marks[i] = level + 1;
      otherMarks[j] = level + 1;
      this.note(level, this.table.tokenBits[word] as number);
      return;
    }
  }

  /** Per token, whether it is a number the rewrites spelt as a word (`9` → `nine`); built on first use. */
  private numberWordOf: Uint8Array | null = null;

  /** Whether every word left unmarked in words[0 .. n) is a number written as a word. */
  private numberWordsOnly(words: Int32Array, marks: Uint8Array, n: number): boolean {
    const t = this.table;
    if (this.numberWordOf === null) {
      this.numberWordOf = new Uint8Array(t.tokenText.length);
      for (let w = 0; w < t.tokenText.length; w++)
        if (NUMBER_WORDS.has(t.tokenText[w] as string)) this.numberWordOf[w] = 1;
    }
    for (let i = 0; i < n; i++) if (marks[i] === UNMATCHED && this.numberWordOf[words[i] as number] === 0) return false;
    return true;
  }

  /** Weak words of three letters or more (`and`, `the`), and per token whether it is one edit from one (0 not known). */
  private weakWords: string[] | null = null;
  private nearWeakOf: Int8Array | null = null;

  private nearWeak(id: number): boolean {
    const t = this.table;
    if (this.weakWords === null || this.nearWeakOf === null) {
      this.weakWords = [];
      for (let w = 0; w < t.tokenFlags.length; w++)
        if ((t.tokenFlags[w] as number) & TOKEN_WEAK && (t.tokenLength[w] as number) >= 3)
          this.weakWords.push(t.tokenText[w] as string);
      this.nearWeakOf = new Int8Array(t.tokenFlags.length);
    }
    let known = this.nearWeakOf[id] as number;
    if (known === 0) {
      const text = t.tokenText[id] as string;
      known = this.weakWords.some((w) => boundedOsa(text, w, 1, this.dp) <= 1) ? 1 : -1;
      this.nearWeakOf[id] = known;
    }
    return known === 1;
  }

  /**
   * True when the one distinctive extra word leads the name and is one edit from a weak word (`thw publix`, `teh
   * hooters`): normalisation cuts a leading `the`, not its typo. Not a word several names start with (`thy`).
   */
  private misspeltArticle(words: Int32Array, marks: Uint8Array, n: number): boolean {
    if (n === 0 || marks[0] !== UNMATCHED) return false;
    const first = words[0] as number;
    if ((this.table.tokenKeys[first] as number) >= this.opts.ownerMinNames) return false;
    if (this.isGeneric(first, true) || !this.nearWeak(first)) return false;
    for (let i = 1; i < n; i++) if (marks[i] === UNMATCHED && !this.isGeneric(words[i] as number, true)) return false;
    return true;
  }

  /** True when a place name stands in front of every shared word (`dubuque infiniti` against `infiniti`). */
  private placeInFront(words: Int32Array, marks: Uint8Array, n: number): boolean {
    for (let i = 0; i < n; i++) {
      if (marks[i] !== UNMATCHED) return false;
      if (this.placeAt(words, marks, i, n) > i) return true;
    }
    return false;
  }

  /**
   * End of the place that starts at unmatched word `i` (`mesa`, `santa cruz`; the longest), or `i` when none does.
   * Places of several words are looked up only for the few pairs that reach here (a head's tail, a name's front).
   */
  private placeAt(words: Int32Array, marks: Uint8Array, i: number, n: number): number {
    const t = this.table;
    if (t.tokenStartsPlace[words[i] as number] === 1) {
      // The run of unmatched words from i, where a place of several words may lie.
      let stop = i + 1;
      while (stop < n && marks[stop] === UNMATCHED) stop++;
      const end = longestPlaceRun(words, i, stop, t.placeRuns);
      if (end > i) return end;
    }
    return ((t.tokenFlags[words[i] as number] as number) & TOKEN_PLACE) !== 0 ? i + 1 : i;
  }

  private lastNumbers = 0;
  private lastAll = 0;
  /** The flags of the tokens of the key collected last, and of key A, together ({@link TOKEN_MISSPELT}…). */
  private lastHints = 0;
  private hintsA = 0;
  /** Whether the key collected last, and key A, hold a word of one letter or `st` (a short form may face its word). */
  private lastLetters = false;
  private lettersA = false;
  /** Token id of `st`, −1 when no key has it. */
  private readonly saintShort: number;
  /** The alignment so far of the pair being compared: bits of the words found, the weakest level, any found. */
  private evidence = 0;
  private worst: number = F.ALIGN_EXACT;
  private matchedAny = false;
  private acronymFound = false;
  /**
   * The last pair's similarity over the words it aligned (0..100, 0 when not computed): set when every word of one
   * name was found in the other, none as initials, and the other's extra words are a site or generic (with no
   * words left over, token_set_ratio sees every word). See {@link similarityOfAligned}.
   */
  alignedSimilarity = 0;
  /** The word pairs step 4 found as typos (`typoA[i]` of the first name, `typoB[i]` of the second). */
  private typoCount = 0;
  private readonly typoA: Int32Array;
  private readonly typoB: Int32Array;
  /** Bits of the rarest word found exactly in both names so far. */
  private rarestExact = 0;

  /**
   * token_set_ratio of the aligned words, as RapidFuzz's ratio over them (Indel edits against their characters),
   * with the typos of step 4 as their own edits and any other spelling (joined, cut short) as its difference in
   * length. token_set_ratio sees exact words only: a typo in the shared word of `starbcks company` / `starbucks`
   * takes it from 100 to 64, so the typo would weigh twice, once in the alignment and once here; over the aligned
   * words it is 94, as for `starbcks` / `starbucks`. Beside a head's site the similarity is a subset's 100 (the typo
   * weighs in the alignment only); a distinctive extra word keeps the plain ratio: `fedx flooring` / `fedex` is a
   * trade beside a brand.
   */
  private similarityOfAligned(na: number, nb: number): number {
    const t = this.table;
    let lengthA = 0;
    for (let i = 0; i < na; i++) if (this.ma[i] !== UNMATCHED) lengthA += t.tokenLength[this.ta[i] as number] as number;
    let lengthB = 0;
    for (let j = 0; j < nb; j++) if (this.mb[j] !== UNMATCHED) lengthB += t.tokenLength[this.tb[j] as number] as number;
    const total = lengthA + lengthB;
    if (total === 0) return 0;
    // The typos' edits are counted only here: most candidate pairs with a typo never need them.
    let typoEdits = 0;
    let typoLengthA = 0;
    let typoLengthB = 0;
    for (let i = 0; i < this.typoCount; i++) {
      const x = this.typoA[i] as number;
      const y = this.typoB[i] as number;
      typoLengthA += t.tokenLength[x] as number;
      typoLengthB += t.tokenLength[y] as number;
      typoEdits += indelDistance(t.tokenText[x] as string, t.tokenText[y] as string, this.dp);
    }
    const edits = typoEdits + Math.abs(lengthA - typoLengthA - (lengthB - typoLengthB));
    return Math.max(0, 100 * (1 - edits / total));
  }

  /** A word found in the other name at `level`, worth `bits` of evidence. */
  private note(level: number, bits: number): void {
    this.evidence += bits;
    this.matchedAny = true;
    if (level === F.ALIGN_ACRONYM) this.acronymFound = true;
    if (level > this.worst) this.worst = level;
    if (level === F.ALIGN_EXACT && bits > this.rarestExact) this.rarestExact = bits;
  }

  /**
   * A short word one edit from the other's (`diamond br kia` / `diamond bar kia`, `pho shreveport` / `poh
   * shreveport`) when it is the two names' only difference, a rare word they share says which company (a place, a
   * surname: {@link SHORT_TYPO_CONTEXT_BITS}), and the other name is far more frequent. Word counts alone ask 50×
   * of a three-letter word, to keep `abc staffing` and `abd staffing` apart: there the shared word is common.
   */
  private shortTypoInContext(x: number, y: number, a: number, b: number, na: number, nb: number): boolean {
    const t = this.table;
    const lx = t.tokenLength[x] as number;
    const ly = t.tokenLength[y] as number;
    const shorter = Math.min(lx, ly);
    if (shorter >= this.opts.typoMinLength || shorter < 2 || this.rarestExact < SHORT_TYPO_CONTEXT_BITS) return false;
    // Not a name's first word: initials lead names of a trade (`fxz auto sales` / `fxi auto sales`).
    if (this.ta[0] === x || this.tb[0] === y) return false;
    let leftA = 0;
    let leftB = 0;
    for (let i = 0; i < na; i++) if (this.ma[i] === UNMATCHED) leftA++;
    for (let j = 0; j < nb; j++) if (this.mb[j] === UNMATCHED) leftB++;
    if (leftA !== 1 || leftB !== 1) return false;
    const names = t.keyNameRecords;
    const hi = Math.max(names[a] as number, names[b] as number);
    const lo = Math.min(names[a] as number, names[b] as number);
    if (hi < this.opts.typoFrequencyRatio * lo) return false;
    return Math.abs(lx - ly) <= 1 && boundedOsa(t.tokenText[x] as string, t.tokenText[y] as string, 1, this.dp) <= 1;
  }

  /**
   * Key k's distinctive words (not weak, not numbers) into `words`, its numbers into `numbers`, and every token
   * but numbers into `all` with its index among `words` (−1 for a weak word) in `wordAt`.
   */
  private collect(k: number, words: Int32Array, numbers: Int32Array, all: Int32Array, wordAt: Int32Array): number {
    const t = this.table;
    let n = 0;
    let m = 0;
    let q = 0;
    let hints = 0;
    let letters = false;
    for (let p = t.keyTokenOffsets[k] as number, end = t.keyTokenOffsets[k + 1] as number; p < end; p++) {
      const id = t.keyTokenIds[p] as number;
      const flags = t.tokenFlags[id] as number;
      hints |= flags;
      // `Fund I` / `Fund II`: a lone i, v or x ending a name of several words is its numeral.
      const numeral = (flags & TOKEN_LETTER_NUMERAL) !== 0 && p === end - 1 && p > (t.keyTokenOffsets[k] as number);
      if ((flags & TOKEN_NUMBER) !== 0 || numeral) {
        numbers[m++] = id;
        continue;
      }
      all[q] = id;
      if ((flags & TOKEN_WEAK) === 0) {
        wordAt[q++] = n;
        words[n++] = id;
        if (t.tokenLength[id] === 1 || id === this.saintShort) letters = true;
      } else wordAt[q++] = -1;
    }
    this.lastNumbers = m;
    this.lastAll = q;
    this.lastHints = hints;
    this.lastLetters = letters;
    return n;
  }

  private numbersLevel(na: number, nb: number): number {
    if (na === 0 && nb === 0) return F.NUM_NONE;
    if (na === 0 || nb === 0) return F.NUM_ONE_SIDE;
    if (na !== nb) return F.NUM_DIFFER;
    // Few numbers per name: a quadratic multiset check is cheapest.
    for (let i = 0; i < na; i++) {
      const x = this.numA[i] as number;
      let countA = 0;
      let countB = 0;
      for (let j = 0; j < na; j++) {
        if (this.numA[j] === x) countA++;
        if (this.numB[j] === x) countB++;
      }
      if (countA !== countB) return F.NUM_DIFFER;
    }
    return F.NUM_EQUAL;
  }

  private legalLevel(a: number, b: number): number {
    const t = this.table;
    const x = t.keySuffix[a] as number;
    const y = t.keySuffix[b] as number;
    if (x === t.suffixNone && y === t.suffixNone) return F.LEGAL_BOTH_NONE;
    if (x === t.suffixNone || y === t.suffixNone) return F.LEGAL_ONE_NONE;
    const relation = t.suffixRelation[x * t.suffixClasses + y] as number;
    return relation === 0 ? F.LEGAL_SAME : relation === 1 ? F.LEGAL_COMPATIBLE : F.LEGAL_CONFLICT;
  }

  /**
   * A generic word (`services`), or a rare misspelling of one (`servces`): a tail either way. `mayMisspell` is
   * false when no token of the word's key is {@link TOKEN_MISSPELT}, so the misspelling is not looked up.
   */
  private isGeneric(id: number, mayMisspell: boolean): boolean {
    const t = this.table;
    if (((t.tokenFlags[id] as number) & TOKEN_GENERIC) !== 0) return true;
    if (!mayMisspell) return false;
    const right = t.tokenTypoOf[id] as number;
    return (
      right >= 0 &&
      ((t.tokenFlags[right] as number) & TOKEN_GENERIC) !== 0 &&
      this.farRarer(id, t.tokenRecords[id] as number, t.tokenRecords[right] as number)
    );
  }

  /**
   * x misspells a spelling of y that the rewrites replaced (`brs` for `bros`, read as `brothers`; `inlt` for `intl`)
   * or y one of x — what the edit distance between the rewritten words cannot see — and the misspelling is far rarer.
   */
  private knownWordTypo(x: number, y: number, recordsX: number, recordsY: number): boolean {
    const typoOf = this.table.tokenTypoOf;
    if (typoOf[x] === y) return this.farRarer(x, recordsX, recordsY);
    if (typoOf[y] === x) return this.farRarer(y, recordsY, recordsX);
    return false;
  }

  /** The misspelling `typo` is held by a small share of the records of the word it misspells (`abc` / `abd`: 50×). */
  private farRarer(typo: number, typoRecords: number, rightRecords: number): boolean {
    const short = (this.table.tokenLength[typo] as number) < 4;
    return rightRecords >= (short ? this.opts.threeLetterTypoRatio : this.opts.typoFrequencyRatio) * typoRecords;
  }

  /**
   * Both names are repeated and of similar counts: two companies, whatever the words' counts across the file say
   * (`smyth heating` ×21 / `smith heating` ×24, where `smith` starts many names and `smyth` few).
   */
  private namesAlike(a: number, b: number): boolean {
    const names = this.table.keyNameRecords;
    return repeatedAlike(names[a] as number, names[b] as number, this.opts.typoFrequencyRatio);
  }

  private typoLevel(recordsX: number, recordsY: number): number {
    const hi = Math.max(recordsX, recordsY);
    const lo = Math.min(recordsX, recordsY);
    if (hi >= this.opts.typoFrequencyRatio * lo) return F.ALIGN_TYPO_RARE_TO_COMMON;
    // A spelling seen once says nothing of a frequency: beside a word seen three times it is no second company.
    if (hi <= 2 || lo <= 1) return F.ALIGN_TYPO_BOTH_RARE;
    return F.ALIGN_TYPO_SIMILAR;
  }

  /**
   * Tokens x and y at most k edits apart (optimal string alignment), through the word-pair memo: k is a function of
   * the two words' lengths, so a slot keyed by the pair alone is exact.
   */
  private withinEdits(tx: number, ty: number, k: number): boolean {
    const slot = ((Math.imul(tx, 0x9e3779b1) ^ Math.imul(ty, 0x85ebca6b)) >>> this.memoShift) & (this.memoX.length - 1);
    if (this.memoX[slot] === tx && this.memoY[slot] === ty) return this.memoWithin[slot] === 1;
    const t = this.table;
    const within = boundedOsa(t.tokenText[tx] as string, t.tokenText[ty] as string, k, this.dp) <= k;
    this.memoX[slot] = tx;
    this.memoY[slot] = ty;
    this.memoWithin[slot] = within ? 1 : 0;
    return within;
  }

  /** Tokens x and y one edit apart (two for long words): optimal string alignment distance, bounded. */
  private typoApart(tx: number, ty: number, recordsX: number, recordsY: number): boolean {
    // Lengths, frequencies and character sets first: the texts are read only for the few word pairs that pass.
    const t = this.table;
    const lx = t.tokenLength[tx] as number;
    const ly = t.tokenLength[ty] as number;
    const shorter = Math.min(lx, ly);
    if (shorter < this.opts.typoMinLength) {
      // A short word (`jack` / `jacck`, `taco` / `tco`) is a typo only of a far more frequent spelling: between
      // short words of similar frequency one letter is too often another company (`abc` / `abd`). Two words of
      // three letters a letter apart need an overwhelming majority (`pizza hut` ×1,500 / `pizza hit` ×17).
      const hi = Math.max(recordsX, recordsY);
      const lo = Math.min(recordsX, recordsY);
      // Two letters swapped are a slip of the hand, not another company's letters (`usp` / `ups`; `abc` / `abd` is).
      const ratio =
        Math.max(lx, ly) < 4 && !swappedLetters(t.tokenText[tx] as string, t.tokenText[ty] as string)
          ? this.opts.threeLetterTypoRatio
          : this.opts.typoFrequencyRatio;
      // A two-letter word is a three-letter one with a letter dropped (`chick fi a`, `best by`) on the same terms.
      if (shorter < 2 || (shorter < 3 && Math.max(lx, ly) > 3) || hi < ratio * lo || hi < 3) return false;
    }
    const k = shorter >= this.opts.twoEditMinLength ? 2 : 1;
    if (Math.abs(lx - ly) <= k) {
      // An edit adds at most one kind of character and removes at most one: words whose character sets differ in
      // more than 2k kinds are more than k edits apart, without the alignment (most word pairs of a candidate pair).
      const masks = t.tokenCharMask;
      if (popcount32((masks[tx] as number) ^ (masks[ty] as number)) <= 2 * k && this.withinEdits(tx, ty, k))
        return true;
    }
    // A misspelt plural against a singular the table made of the right spelling (`holldings` / `holding`,
    // `serices` / `service`): the plural without its `s`.
    // Only against a singular the table makes of a plural: `morales` / `morale` are two surnames.
    const flags = t.tokenFlags;
    if ((flags[ty] as number) & TOKEN_SINGULAR && Math.abs(lx - 1 - ly) <= k) {
      const x = t.tokenText[tx] as string;
      if (x.charCodeAt(lx - 1) === S) return boundedOsa(x, t.tokenText[ty] as string, k, this.dp, lx - 1) <= k;
    }
    if ((flags[tx] as number) & TOKEN_SINGULAR && Math.abs(ly - 1 - lx) <= k) {
      const y = t.tokenText[ty] as string;
      if (y.charCodeAt(ly - 1) === S) return boundedOsa(y, t.tokenText[tx] as string, k, this.dp, ly - 1) <= k;
    }
    return false;
  }

  /**
   * One word of `whole` written as two adjacent words of `parts`: exactly (`walmart` / `wal mart`), or with a typo
   * in it (`garcuasalon` / `garcia salon`, `bostnopizza` / `boston pizza`: a long whole word one edit from the two,
   * first and last letters kept, and far rarer than either, so two spellings each common in the file stay apart).
   * The exact pass also finds a word with a small word run into it (`thehome`, `bmwof`) when `slips` says the
   * whole side may hold one.
   */
  private joinWords(
    whole: Int32Array,
    wholeMark: Uint8Array,
    nWhole: number,
    parts: Int32Array,
    partMark: Uint8Array,
    nParts: number,
    withTypo: boolean,
    slips: boolean,
  ): void {
    const t = this.table;
    // Two words written as one leave the whole name a word short.
    if (nParts >= 2 && (!withTypo || nParts > nWhole)) {
      const level = withTypo ? F.ALIGN_TYPO_RARE_TO_COMMON : F.ALIGN_JOINED;
      for (let i = 0; i < nWhole; i++) {
        if (wholeMark[i] !== UNMATCHED) continue;
        const x = whole[i] as number;
        if (withTypo && !this.mayBeJoinedTypo(x)) continue;
        for (let j = 0; j + 1 < nParts; j++) {
          if (partMark[j] !== UNMATCHED || partMark[j + 1] !== UNMATCHED) continue;
          const p = parts[j] as number;
          const q = parts[j + 1] as number;
          if (!(withTypo ? this.joinedWithTypo(x, p, q) : this.joinedExactly(x, p, q))) continue;
          wholeMark[i] = level + 1;
          partMark[j] = level + 1;
          partMark[j + 1] = level + 1;
          this.note(level, t.tokenBits[x] as number);
          break;
        }
      }
    }
    if (!slips || withTypo) return;
    for (let i = 0; i < nWhole; i++) {
      if (wholeMark[i] !== UNMATCHED) continue;
      const word = t.tokenWeakJoined[whole[i] as number] as number;
      // A slip is rare beside the word itself: `often` is no `of ten`, `anderson` no `and erson`.
      if (
        word < 0 ||
        (t.tokenRecords[word] as number) < this.opts.typoFrequencyRatio * (t.tokenRecords[whole[i] as number] as number)
      )
        continue;
      this.alignFirst(word, F.ALIGN_JOINED, wholeMark, i, parts, partMark, nParts);
    }
  }

  /**
   * Whether x is the two words p and q written as one, one perhaps abbreviated (`republicsvcs`), q perhaps as the
   * plural the rewrites made singular (`cleaningservices` / `cleaning service`, `tjxcompanies` / `tjx company`: the
   * joined word escaped the rewrite of `services`, `companies`).
   */
  private joinedExactly(x: number, p: number, q: number): boolean {
    const t = this.table;
    // One of the two written short (`republicsvcs` / `republic service`).
    if (t.tokenJoinedHead[x] === p && t.tokenJoinedTail[x] === q) return true;
    const length = t.tokenLength;
    // Lengths first: the texts are read only for the rare pair of words that could spell the whole.
    const lp = length[p] as number;
    const both = lp + (length[q] as number);
    const lx = length[x] as number;
    if (both === lx) {
      const w = t.tokenText[x] as string;
      return w.startsWith(t.tokenText[p] as string) && w.startsWith(t.tokenText[q] as string, lp);
    }
    if ((both + 1 !== lx && both + 2 !== lx) || ((t.tokenFlags[q] as number) & TOKEN_SINGULAR) === 0) return false;
    const w = t.tokenText[x] as string;
    return w.startsWith(t.tokenText[p] as string) && singularsOf(w.slice(lp)).includes(t.tokenText[q] as string);
  }

  /** A word long and rare enough to be two words joined with a typo in them. */
  private mayBeJoinedTypo(x: number): boolean {
    const t = this.table;
    return (
      (t.tokenLength[x] as number) >= MIN_JOINED_TYPO_LENGTH && (t.tokenRecords[x] as number) <= MAX_JOINED_TYPO_RECORDS
    );
  }

  /** Whether x is the two words p and q written as one with one edit, first and last letters kept, far rarer. */
  private joinedWithTypo(x: number, p: number, q: number): boolean {
    const t = this.table;
    const ends = t.tokenEnds;
    const length = t.tokenLength;
    // First and last letters, then lengths: plain integers, read for every long word of most candidate pairs.
    if (((ends[x] as number) & FIRST_LETTER) !== ((ends[p] as number) & FIRST_LETTER)) return false;
    if (((ends[x] as number) & LAST_LETTER) !== ((ends[q] as number) & LAST_LETTER)) return false;
    if (Math.abs((length[p] as number) + (length[q] as number) - (length[x] as number)) > 1) return false;
    const common = Math.min(t.tokenRecords[p] as number, t.tokenRecords[q] as number);
    if (common < this.opts.typoFrequencyRatio * (t.tokenRecords[x] as number)) return false;
    const joined = (t.tokenText[p] as string) + (t.tokenText[q] as string);
    return boundedOsa(t.tokenText[x] as string, joined, 1, this.dp) <= 1;
  }

  /** One of the two keys is a one-word acronym the data reads as the other's initials (`MatchTable.keyAcronymLink`). */
  private acronymOfName(a: number, b: number): boolean {
    const link = this.table.keyAcronymLink[a] as number;
    return link >= 0 && link === this.table.keyAcronymLink[b] && (this.nAllA === 1) !== (this.nAllB === 1);
  }

  /**
   * An acronym of as many consecutive tokens of the other name, weak words included (`jitb` / `jack in the box`,
   * `ibm` / `international business machines`); the other name's words in that run are matched with it.
   */
  private acronyms(
    short: Int32Array,
    shortMark: Uint8Array,
    nShort: number,
    all: Int32Array,
    wordAt: Int32Array,
    nAll: number,
    wordMark: Uint8Array,
  ): void {
    const t = this.table;
    for (let i = 0; i < nShort; i++) {
      if (shortMark[i] !== UNMATCHED) continue;
      const len = t.tokenLength[short[i] as number] as number;
      if (len < this.opts.acronymMinLength || len > nAll) continue;
      const acronym = t.tokenText[short[i] as number] as string;
      for (let j = 0; j + len <= nAll; j++) {
        let ok = true;
        for (let c = 0; c < len && ok; c++) {
          const w = wordAt[j + c] as number;
          ok =
            (w < 0 || wordMark[w] === UNMATCHED) &&
            ((t.tokenEnds[all[j + c] as number] as number) & FIRST_LETTER) >>> 16 === acronym.charCodeAt(c);
        }
        // The run must hold at least two distinctive words: `the` alone spells nothing.
        let words = 0;
        for (let c = 0; c < len && ok; c++) if ((wordAt[j + c] as number) >= 0) words++;
        if (!ok || words < 2) continue;
        shortMark[i] = F.ALIGN_ACRONYM + 1;
        for (let c = 0; c < len; c++) {
          const w = wordAt[j + c] as number;
          if (w >= 0) wordMark[w] = F.ALIGN_ACRONYM + 1;
        }
        this.note(F.ALIGN_ACRONYM, t.tokenBits[short[i] as number] as number);
        break;
      }
    }
  }

  private truncated(
    key: number,
    cut: Int32Array,
    cutMark: Uint8Array,
    nCut: number,
    other: Int32Array,
    otherMark: Uint8Array,
    nOther: number,
  ): void {
    if (nCut === 0 || cutMark[nCut - 1] !== UNMATCHED) return;
    const t = this.table;
    let nameLength = nCut - 1;
    for (let i = 0; i < nCut; i++) nameLength += t.tokenLength[cut[i] as number] as number;
    if (nameLength < this.opts.truncatedMinNameLength) return;
    const stub = t.tokenText[cut[nCut - 1] as number] as string;
    if (stub.length < 2) return;
    for (let j = 0; j < nOther; j++) {
      if (otherMark[j] !== UNMATCHED) continue;
      const word = t.tokenText[other[j] as number] as string;
      if (word.length <= stub.length || !word.startsWith(stub)) continue;
      cutMark[nCut - 1] = F.ALIGN_TRUNCATED + 1;
      otherMark[j] = F.ALIGN_TRUNCATED + 1;
      this.note(F.ALIGN_TRUNCATED, t.tokenBits[other[j] as number] as number);
      void key;
      return;
    }
  }

  /**
   * A long name cut short by another system (`grant and sons construct`, `colorado springs medical c`, `west
   * virginia division of`) is the start of the other, word for word, up to a last word that is the start of the
   * other's or a word that cannot end a name (`of`, `and`): the words after the cut are then no remainder.
   * `cut` and `full` are the two keys' tokens but numbers, `cutAt` / `fullAt` their indices among the words.
   */
  private cutShort(
    cut: Int32Array,
    cutAt: Int32Array,
    nCut: number,
    cutMarks: Uint8Array,
    full: Int32Array,
    fullAt: Int32Array,
    nFull: number,
    fullMarks: Uint8Array,
  ): void {
    if (nCut < 2 || nCut > nFull) return;
    const t = this.table;
    const last = nCut - 1;
    for (let i = 0; i < last; i++) if (cut[i] !== full[i]) return;
    const x = cut[last] as number;
    const y = full[last] as number;
    if (x === y) {
      if (nCut === nFull || ((t.tokenFlags[x] as number) & TOKEN_WEAK) === 0) return;
    } else if (
      (t.tokenLength[x] as number) >= (t.tokenLength[y] as number) ||
      !(t.tokenText[y] as string).startsWith(t.tokenText[x] as string)
    )
      return;
    let length = last;
    for (let i = 0; i < nCut; i++) length += t.tokenLength[cut[i] as number] as number;
    if (length < this.opts.truncatedMinNameLength) return;
    // Numbers up to twenty are words after the rewrites (`roberts four`).
    for (let i = nCut; i < nFull; i++) if (t.tokenNumberWord[full[i] as number] === 1) return;
    const lastWord = cutAt[last] as number;
    if (lastWord >= 0 && cutMarks[lastWord] === UNMATCHED) {
      cutMarks[lastWord] = F.ALIGN_TRUNCATED + 1;
      this.note(F.ALIGN_TRUNCATED, t.tokenBits[y] as number);
    } else this.note(F.ALIGN_TRUNCATED, 0);
    for (let i = last; i < nFull; i++) {
      const w = fullAt[i] as number;
      if (w >= 0 && fullMarks[w] === UNMATCHED) fullMarks[w] = F.ALIGN_TRUNCATED + 1;
    }
  }
}

/** Two words of one length that differ only by two adjacent letters swapped. @example swappedLetters('usp', 'ups') → true */
function swappedLetters(x: string, y: string): boolean {
  if (x.length !== y.length) return false;
  let i = 0;
  while (i < x.length && x.charCodeAt(i) === y.charCodeAt(i)) i++;
  if (i + 1 >= x.length || x.charCodeAt(i) !== y.charCodeAt(i + 1) || x.charCodeAt(i + 1) !== y.charCodeAt(i))
    return false;
  return x.slice(i + 2) === y.slice(i + 2);
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}
