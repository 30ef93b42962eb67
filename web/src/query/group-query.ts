/**
 * The groups screen's URL query string IS a `GroupQuery` (REVIEW §2.2: filters as deep links). Parsing goes
 * through the shared `groupQuerySchema`, the same one the server applies to the API request, so a link that
 * works in the browser is exactly the request the server sees.
 */
import { type GroupQuery, groupQuerySchema } from '../../../src/shared/api.js';

export const DEFAULT_QUERY: GroupQuery = groupQuerySchema.parse({});

/** Keys the grid owns itself (it pages by scrolling); they never go into a deep link. */
const PAGING_KEYS = new Set(['offset', 'limit']);

export interface ParsedQuery {
  query: GroupQuery;
  /** Parameters that did not parse and were ignored, with why; empty when the whole string was valid. */
  ignored: string[];
}

/**
 * Parses `location.search`. A bad parameter does not blank the screen: each key is retried on its own and the
 * ones that fail are reported, so an old deep link still opens with what it can.
 */
export function parseGroupQuery(search: string): ParsedQuery {
  const raw = Object.fromEntries(new URLSearchParams(search));
  const whole = groupQuerySchema.safeParse(raw);
  if (whole.success) return { query: whole.data, ignored: [] };
  const kept: Record<string, string> = {};
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (groupQuerySchema.safeParse({ ...kept, [key]: value }).success) kept[key] = value;
    else ignored.push(`${key}=${value}`);
  }
  return { query: groupQuerySchema.parse(kept), ignored };
}

function encodeValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.join(',');
  if (typeof value === 'string') return value.length === 0 ? null : value;
  return String(value);
}

/**
 * The canonical query string of a query: schema key order, defaults and paging left out, so equal queries
 * give equal strings (usable as a cache key) and links stay short. Returns '' or '?…'.
 */
export function groupQueryToSearch(query: GroupQuery, options: { paging?: boolean } = {}): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(groupQuerySchema.shape) as (keyof GroupQuery)[]) {
    if (!options.paging && PAGING_KEYS.has(key)) continue;
    const value = encodeValue(query[key]);
    if (value === null) continue;
    if (value === encodeValue(DEFAULT_QUERY[key]) && !PAGING_KEYS.has(key)) continue;
    params.set(key, value);
  }
  const text = params.toString().replaceAll('%2C', ',');
  return text.length === 0 ? '' : `?${text}`;
}

/** A change to the filters starts the list from the top again. */
export function withQuery(query: GroupQuery, patch: Partial<GroupQuery>): GroupQuery {
  return { ...query, ...patch, offset: 0 };
}
