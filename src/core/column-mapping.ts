/**
 * Which source column feeds each canonical field (SPEC §2.1). Resolution order, per field, first hit wins:
 * (1) CLI `--col field=Header`, (2) the first config template whose glob matches the input's base name,
 * (3) synonyms, (4) heuristics for the two required fields. A header feeds at most one field, and excluded
 * headers (the `junction eval` truth column) feed none. The result is stored in the run manifest.
 */
import { UsageError } from './errors.js';

/** SPEC §2.1 canonical fields, in resolution order (synonyms are tried field by field in this order). */
export const CANONICAL_FIELDS = [
  'account_id',
  'account_name',
  'parent_account_id',
  'created_date',
  'relationship',
  'owner',
  'address',
  'country',
  'website',
  'phone',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** Fields that heuristics look for when nothing else named them (SPEC §2.1 step 4). */
export type HeuristicField = 'account_name' | 'account_id';

export type MappingSource = 'cli' | 'template' | 'synonym' | 'heuristic';

/** One heuristic: a header is a candidate when one of its words is in `words` and it matches no `skip` pattern. */
export interface HeuristicRule {
  /** Whole words, e.g. `name`, `company` (compared after splitting the header into lower-case words). */
  words: readonly string[];
  /** Word sequences that rule a header out for this field only, e.g. `parent` (a parent's name is not ours). */
  skip: readonly string[];
}

/** The mapping vocabulary; the defaults live in `src/config/default-mapping.ts`. */
export interface MappingRules {
  /** Per field, header synonyms, most preferred first; compared case-, space- and punctuation-insensitively. */
  synonyms: Readonly<Record<CanonicalField, readonly string[]>>;
  heuristics: Readonly<Record<HeuristicField, HeuristicRule>>;
  /** Person and audit columns the heuristics never pick (`Owner`, `Created By`, `Full Name`, `Contact` …). */
  personAuditPatterns: readonly string[];
}

/** A config template (SPEC §2.1 step 2): `match` is a glob on the input's base name (`*`, `?`; case-insensitive). */
export interface MappingTemplate {
  match: string;
  /** Field → header. Keys are checked against CANONICAL_FIELDS (config may hold a typo). */
  columns: Readonly<Record<string, string>>;
}

export interface MappingInput {
  /** Source headers, already made unique by the input layer (`Name`, `Name_2`). */
  headers: readonly string[];
  /** Input file name or path; templates match its base name. */
  fileName: string;
  /** CLI `--col field=Header` pairs, in the order given. */
  overrides?: Readonly<Record<string, string>>;
  templates?: readonly MappingTemplate[];
  /** Headers never mapped to any field (the `junction eval` truth column, SPEC §2.1). */
  excludeHeaders?: readonly string[];
  rules: MappingRules;
}

export interface ColumnMapping {
  /** Field → source header, for the fields that were found. */
  mapping: Partial<Record<CanonicalField, string>>;
  sources: Partial<Record<CanonicalField, MappingSource>>;
  /** The `match` of the template that applied, if any. */
  template: string | null;
  /** No account id column: ids are `row:N` and record-level decisions (SPEC §10) are disabled. */
  syntheticIds: boolean;
  warnings: string[];
}

export type MappingErrorCode =
  | 'unknown_field'
  | 'missing_header'
  | 'excluded_header'
  | 'header_reused'
  | 'ambiguous_columns'
  | 'missing_account_name';

/** A mapping the user must fix (exit code 1, SPEC §13). `candidates` lists the headers the message names. */
export class MappingError extends UsageError {
  override readonly name = 'MappingError';
  constructor(
    message: string,
    override readonly code: MappingErrorCode,
    readonly candidates: readonly string[] = [],
  ) {
    super(message, code);
  }
}

/** SPEC §2.1 warning when the input has no id column. */
export const SYNTHETIC_IDS_WARNING =
  'no account id column; using synthetic ids row:N — record-level decisions are disabled';

/** Headers shown in one error line before the list is cut short. */
const MAX_LISTED_HEADERS = 40;

/**
 * Key for synonym comparison (SPEC §2.1): lower case, letters and digits only.
 * @example normaliseHeader('Created  Date') === normaliseHeader('CreatedDate') → 'createddate'
 */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Lower-case words of a header, splitting camelCase and letter/digit boundaries as well as punctuation, so API
 * names read like labels.
 * @example headerWords('CreatedById') → ['created', 'by', 'id']; headerWords('person_name') → ['person', 'name']
 */
export function headerWords(header: string): string[] {
  return header
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** True when `words` contains `pattern`'s words contiguously. */
function containsSequence(words: readonly string[], pattern: readonly string[]): boolean {
  if (pattern.length === 0) return false;
  outer: for (let i = 0; i + pattern.length <= words.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (words[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

/** Base name of a path written with `/` or `\` separators (core code does not import node:path). */
function baseName(fileName: string): string {
  const cut = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return fileName.slice(cut + 1);
}

/**
 * Does a template glob match a file's base name? `*` is any run of characters, `?` one character; everything
 * else is literal; case-insensitive (file names from Windows users vary in case).
 * @example globMatches('salesforce*.csv', 'Salesforce_Accounts.CSV') → true
 */
export function globMatches(glob: string, name: string): boolean {
  let pattern = '^';
  for (const ch of glob) {
    if (ch === '*') pattern += '.*';
    else if (ch === '?') pattern += '.';
    else pattern += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(pattern + '$', 'isu').test(baseName(name));
}

function isCanonicalField(field: string): field is CanonicalField {
  return (CANONICAL_FIELDS as readonly string[]).includes(field);
}

/** Headers as one line: each JSON-quoted (headers may hold commas or line breaks), cut after MAX_LISTED_HEADERS. */
function listHeaders(headers: readonly string[]): string {
  const shown = headers.slice(0, MAX_LISTED_HEADERS).map((h) => JSON.stringify(h));
  const more = headers.length - shown.length;
  return more > 0 ? `${shown.join(', ')} … and ${more} more` : shown.join(', ');
}

function colFlag(field: string, header: string): string {
  return `--col ${field}=${JSON.stringify(header)}`;
}

/**
 * Resolve the column mapping for one input (SPEC §2.1). Throws MappingError when the user must choose.
 * @example resolveColumnMapping({ headers: ['Account ID', 'Account Name'], fileName: 'a.csv', rules })
 *   → mapping { account_id: 'Account ID', account_name: 'Account Name' }, sources both 'synonym', syntheticIds false
 */
export function resolveColumnMapping(input: MappingInput): ColumnMapping {
  const { headers, rules } = input;
  const excluded = new Set(input.excludeHeaders ?? []);
  const mappable = headers.filter((h) => !excluded.has(h));
  const normalised = new Map<string, string>(mappable.map((h) => [h, normaliseHeader(h)]));
  const fieldOfHeader = new Map<string, CanonicalField>();
  const mapping: Partial<Record<CanonicalField, string>> = {};
  const sources: Partial<Record<CanonicalField, MappingSource>> = {};
  const warnings: string[] = [];

  const assign = (field: CanonicalField, header: string, source: MappingSource): void => {
    mapping[field] = header;
    sources[field] = source;
    fieldOfHeader.set(header, field);
  };
  /** Exact header first; otherwise the one mappable header equal after normalisation (`account name`). */
  const findHeader = (wanted: string): string | null => {
    if (headers.includes(wanted)) return wanted;
    const key = normaliseHeader(wanted);
    const hits = mappable.filter((h) => normalised.get(h) === key);
    return hits.length === 1 ? (hits[0] as string) : null;
  };
  const fieldList = CANONICAL_FIELDS.join(', ');

  // (1) CLI overrides: every problem is an error, because the user asked for exactly this.
  for (const [field, wanted] of Object.entries(input.overrides ?? {})) {
    const flag = colFlag(field, wanted);
    if (!isCanonicalField(field)) {
      throw new MappingError(
        `${flag}: unknown field ${field} (fields: ${fieldList}). Use one of these.`,
        'unknown_field',
      );
    }
    const header = findHeader(wanted);
    if (header === null) {
      throw new MappingError(
        `${flag}: no such header (have: ${listHeaders(mappable)}). Use one of these.`,
        'missing_header',
        mappable,
      );
    }
    if (excluded.has(header)) {
      throw new MappingError(
        `${flag}: ${JSON.stringify(header)} is the truth column and is never mapped. Choose another header.`,
        'excluded_header',
      );
    }
    const other = fieldOfHeader.get(header);
    if (other !== undefined) {
      throw new MappingError(
        `${flag}: header ${JSON.stringify(header)} is already mapped to ${other}. Map each header to one field.`,
        'header_reused',
      );
    }
    assign(field, header, 'cli');
  }

  // (2) The first template whose glob matches. Its entries for fields the CLI already set are ignored; an entry
  // that does not fit this file (missing header, header taken) is skipped with a warning, because one template
  // can serve files whose optional columns differ, and later steps may still find the field.
  const template = input.templates?.find((t) => globMatches(t.match, input.fileName)) ?? null;
  if (template !== null) {
    const where = `template ${JSON.stringify(template.match)}`;
    for (const [field, wanted] of Object.entries(template.columns)) {
      if (!isCanonicalField(field)) {
        throw new MappingError(
          `${where}: unknown field ${field} (fields: ${fieldList}). Fix the template.`,
          'unknown_field',
        );
      }
      if (mapping[field] !== undefined) continue;
      const header = findHeader(wanted);
      if (header === null || excluded.has(header)) {
        warnings.push(`${where}: no header ${JSON.stringify(wanted)} for ${field} in ${baseName(input.fileName)}`);
        continue;
      }
      const other = fieldOfHeader.get(header);
      if (other !== undefined) {
        warnings.push(`${where}: header ${JSON.stringify(header)} for ${field} is already mapped to ${other}`);
        continue;
      }
      assign(field, header, 'template');
    }
  }

  // (3) Synonyms, field by field in CANONICAL_FIELDS order, the earliest synonym winning.
  for (const field of CANONICAL_FIELDS) {
    if (mapping[field] !== undefined) continue;
    for (const synonym of rules.synonyms[field]) {
      const key = normaliseHeader(synonym);
      const hits = mappable.filter((h) => normalised.get(h) === key && !fieldOfHeader.has(h));
      const first = hits[0];
      if (first === undefined) continue;
      if (hits.length > 1) {
        warnings.push(
          `${listHeaders(hits)} all read as ${field}; using ${JSON.stringify(first)} (choose with ${colFlag(field, first)})`,
        );
      }
      assign(field, first, 'synonym');
      break;
    }
  }

  // (4) Heuristics for the required fields; more than one candidate stops the run (SPEC §2.1).
  const personAudit = rules.personAuditPatterns.map(headerWords);
  for (const field of ['account_name', 'account_id'] as const) {
    if (mapping[field] !== undefined) continue;
    const rule = rules.heuristics[field];
    const words = new Set(rule.words.map((w) => w.toLowerCase()));
    const skip = rule.skip.map(headerWords).concat(personAudit);
    const candidates = mappable.filter((h) => {
      if (fieldOfHeader.has(h)) return false;
      const hw = headerWords(h);
      return hw.some((w) => words.has(w)) && !skip.some((p) => containsSequence(hw, p));
    });
    const only = candidates[0];
    if (candidates.length > 1) {
      throw new MappingError(
        `cannot tell which column is ${field}: ${listHeaders(candidates)}. Choose one with ${colFlag(field, only as string)}.`,
        'ambiguous_columns',
        candidates,
      );
    }
    if (only !== undefined) {
      assign(field, only, 'heuristic');
    } else if (field === 'account_name') {
      throw new MappingError(
        `no account name column (have: ${listHeaders(mappable)}). Name it with --col account_name="<header>".`,
        'missing_account_name',
        mappable,
      );
    }
  }

  const syntheticIds = mapping.account_id === undefined;
  if (syntheticIds) warnings.push(SYNTHETIC_IDS_WARNING);
  return { mapping, sources, template: template?.match ?? null, syntheticIds, warnings };
}
