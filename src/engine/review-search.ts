import type { SearchInfo } from '../shared/api.js';
import type { BoundValue, ReviewStore, RunTables } from './review-store.js';

/**
 * How a search string became SQL: `hits` is a SELECT of (row_index, gid) — the matching records — with its
 * bound values; null when the search matched nothing (the result is empty without a query).
 */
export interface SearchPlan {
  info: SearchInfo;
  hits: { sql: string; params: BoundValue[] } | null;
}

/** Query tokens beyond this are ignored (a pasted paragraph must not build a huge statement). */
const MAX_QUERY_TOKENS = 8;
/** Similar index tokens kept per query token in fuzzy mode, most similar first. */
const MAX_FUZZY_TERMS = 25;
/** Fuzzy matching starts at this query-token length; shorter tokens only match as prefixes. */
const MIN_FUZZY_LENGTH = 3;
/** Jaro-Winkler similarity at or above which an index token counts as a fuzzy match (besides edit distance). */
const FUZZY_JARO_WINKLER = 0.9;

/** A Salesforce id: 15 (case-sensitive) or 18 characters, letters and digits, with at least one digit. */
const ACCOUNT_ID = /^(?=.*\d)[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;
const GROUP_ID = /^g-\S+$/i;

/**
 * Query tokens as the index holds them: name_core tokens are lower-case ASCII letters and digits (SPEC §3),
 * so accents are folded and every other character separates tokens.
 * @example queryTokens('Café  Müller-Co') → ['cafe', 'muller', 'co']
 */
export function queryTokens(q: string): string[] {
  const folded = q.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const tokens = folded.split(/[^a-z0-9]+/).filter((t) => t.length > 0);
  return [...new Set(tokens)].slice(0, MAX_QUERY_TOKENS);
}

/** The smallest string above every string that starts with `prefix` (tokens are ASCII). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** Edit distance allowed for a fuzzy match of a token of this length. */
function maxEdits(length: number): number {
  return length <= 5 ? 1 : 2;
}

/**
 * Read a search string (REVIEW §2.2): a group id (`g-…`), an account id (15/18 characters), else member names —
 * every query token must match a name token of the same record, as a prefix; a token without any prefix
 * match is replaced by similar index tokens (edit distance / Jaro-Winkler over the distinct tokens, which
 * is small next to the records). Every value is bound.
 */
export async function planSearch(store: ReviewStore, t: RunTables, raw: string): Promise<SearchPlan> {
  const q = raw.trim();
  if (GROUP_ID.test(q)) {
    return {
      info: { mode: 'group_id', terms: [q] },
      hits: {
        sql: `SELECT NULL::INTEGER AS row_index, gid FROM ${t.groups} WHERE group_id = ? OR lower(group_id) = lower(?)`,
        params: [q, q],
      },
    };
  }
  if (ACCOUNT_ID.test(q)) {
    const sql = `SELECT row_index, gid FROM ${t.members}
                 WHERE account_id = ? OR account_id_src = ? OR (length(?) = 15 AND left(account_id, 15) = ?)`;
    const params = [q, q, q, q];
    const found = await store.rows('search by account id', `SELECT 1 AS hit FROM (${sql}) LIMIT 1`, params);
    if (found.length > 0) return { info: { mode: 'account_id', terms: [q] }, hits: { sql, params } };
  }
  const tokens = queryTokens(q);
  if (tokens.length === 0) return { info: { mode: 'none', terms: [] }, hits: null };

  const parts: { sql: string; params: BoundValue[] }[] = [];
  const terms: string[] = [];
  let fuzzy = false;
  for (const token of tokens) {
    const range = [token, prefixEnd(token)];
    const prefixHit = await store.rows(
      'search: prefix',
      `SELECT 1 AS hit FROM ${t.vocab} WHERE token >= ? AND token < ? LIMIT 1`,
      range,
    );
    if (prefixHit.length > 0) {
      parts.push({ sql: `SELECT row_index, gid FROM ${t.tokens} WHERE token >= ? AND token < ?`, params: range });
      terms.push(token);
      continue;
    }
    fuzzy = true;
    if (token.length < MIN_FUZZY_LENGTH) return { info: { mode: 'fuzzy', terms: [] }, hits: null };
    const similar = await store.rows<{ token: string }>(
      'search: similar tokens',
      `SELECT token FROM ${t.vocab}
       WHERE abs(length(token) - length(?)) <= ? AND (levenshtein(token, ?) <= ? OR jaro_winkler_similarity(token, ?) >= ?)
       ORDER BY levenshtein(token, ?), jaro_winkler_similarity(token, ?) DESC, n DESC, token
       LIMIT ?`,
      [
        token,
        maxEdits(token.length),
        token,
        maxEdits(token.length),
        token,
        FUZZY_JARO_WINKLER,
        token,
        token,
        MAX_FUZZY_TERMS,
      ],
    );
    if (similar.length === 0) return { info: { mode: 'fuzzy', terms: [] }, hits: null };
    const list = similar.map((s) => s.token);
    parts.push({
      sql: `SELECT row_index, gid FROM ${t.tokens} WHERE token IN (${list.map(() => '?').join(', ')})`,
      params: list,
    });
    terms.push(...list);
  }
  const info: SearchInfo = { mode: fuzzy ? 'fuzzy' : 'prefix', terms };
  if (parts.length === 1) {
    const only = parts[0] as { sql: string; params: BoundValue[] };
    return { info, hits: { sql: `SELECT DISTINCT row_index, gid FROM (${only.sql})`, params: only.params } };
  }
  // Several query tokens: a record matches when every one of them matched one of its tokens.
  const union = parts.map((p, i) => `SELECT ${i} AS part, row_index, gid FROM (${p.sql})`).join(' UNION ALL ');
  return {
    info,
    hits: {
      sql: `SELECT row_index, any_value(gid) AS gid FROM (${union})
            GROUP BY row_index HAVING count(DISTINCT part) = ${parts.length}`,
      params: parts.flatMap((p) => p.params),
    },
  };
}
