import { UsageError } from '../core/errors.js';
import {
  EXPORT_FORMATS,
  EXPORT_SCOPES,
  type ExportFormat,
  type ExportScope,
  type GroupQuery,
  groupQuerySchema,
} from '../shared/api.js';

/** What to export: a scope and format over the groups a review UI query lists (REVIEW §2.6). */
export interface ExportRequest {
  scope: ExportScope;
  format: ExportFormat;
  query: GroupQuery;
  /** Short text for the file name: the filter's parameters, or `all` when there is none. */
  filterSummary: string;
  /** Records scope: every column of records.parquet instead of the reviewer-friendly subset. */
  allColumns: boolean;
  /** Merge plan: export even while structural decisions are pending a re-run (SPEC §13 `--allow-pending`). */
  allowPending: boolean;
}

/** Parameters that only page or order the list: they never change which groups are exported. */
const LIST_ONLY = new Set(['offset', 'limit', 'sort', 'dir']);

export function parseScope(value: string): ExportScope {
  const scope = EXPORT_SCOPES.find((s) => s === value);
  if (scope === undefined) throw new UsageError(`--scope ${value}: use one of ${EXPORT_SCOPES.join(', ')}.`);
  return scope;
}

export function parseFormat(value: string): ExportFormat {
  const format = EXPORT_FORMATS.find((f) => f === value);
  if (format === undefined) throw new UsageError(`--format ${value}: use one of ${EXPORT_FORMATS.join(', ')}.`);
  return format;
}

/**
 * The groups query of an export from the review UI's query string (`view=all&q=acme`, with or without a
 * leading `?`, or the whole address copied from the browser), parsed by the same schema as the groups API, so it means exactly what the UI lists.
 * No filter at all (undefined) exports every group (`view=all`); an empty or partial string keeps the UI's
 * defaults (view `queue`), because that is what the UI lists for it.
 * @example parseExportFilter('view=all&disposition=Verify') → { query: {view:'all', disposition:['Verify'], …}, summary: 'all_disposition-verify' }
 */
export function parseExportFilter(filter: string | undefined): { query: GroupQuery; summary: string } {
  const params = new URLSearchParams(filter === undefined ? 'view=all' : queryPart(filter));
  const raw: Record<string, string> = {};
  for (const [key, value] of params) raw[key] = value;
  const parsed = groupQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const what =
      issue === undefined
        ? 'not a review query string'
        : issue.code === 'unrecognized_keys'
          ? `unknown parameter ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : `${issue.path.join('.') || 'query'}: ${issue.message}`;
    throw new UsageError(
      `--filter: ${what.replaceAll(/\s+/g, ' ').slice(0, 200)} (copy the query string from the review UI's address bar).`,
    );
  }
  return { query: parsed.data, summary: filter === undefined ? 'all' : filterSummary(params) };
}

/** The query part of what was pasted: a bare query string, `?…`, or the review UI's whole address. */
function queryPart(filter: string): string {
  const text = filter.trim().replace(/#.*$/, '');
  const mark = text.indexOf('?');
  return mark >= 0 ? text.slice(mark + 1) : text;
}

/** Longest filter summary in a file name. */
const MAX_SUMMARY = 60;

/**
 * The filter part of a file name: each filtering parameter as `key-value` (the view by its value alone), in
 * query order, lower-case, anything but letters, digits, `.` and `-` replaced, at most 60 characters.
 * @example filterSummary(new URLSearchParams('view=queue&q=Acme Inc&sort=size')) → 'queue_q-acme-inc'
 */
export function filterSummary(params: URLSearchParams): string {
  const parts: string[] = [];
  for (const [key, value] of params) {
    if (LIST_ONLY.has(key) || value.length === 0) continue;
    parts.push(key === 'view' ? value : `${key}-${value}`);
  }
  const text = parts
    .join('_')
    .toLowerCase()
    .replaceAll(/[^a-z0-9._-]+/g, '-')
    .replaceAll(/-{2,}/g, '-')
    .slice(0, MAX_SUMMARY)
    .replace(/[-_.]+$/, '');
  return text.length === 0 ? 'queue' : text;
}

/**
 * Default file name (REVIEW §2.6): `<run_id>_<scope>_<UTC yyyymmdd-hhmmss>_<filter summary>.<ext>`; a loader
 * CSV ends in `.loader.csv` so it is never mistaken for the spreadsheet one.
 * @example exportFileName('20250101-120000-abc123', 'merge-plan', 'csv', 'all', new Date('2025-02-03T04:05:06Z'))
 *   → '20250101-120000-abc123_merge-plan_20250203-040506_all.csv'
 */
export function exportFileName(
  runId: string,
  scope: ExportScope,
  format: ExportFormat,
  summary: string,
  at: Date,
): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replaceAll(/[-:]/g, '')
    .replace('T', '-');
  return `${runId}_${scope}_${stamp}_${summary}.${FILE_EXTENSIONS[format]}`;
}

const FILE_EXTENSIONS: { readonly [F in ExportFormat]: string } = {
  csv: 'csv',
  'loader-csv': 'loader.csv',
  xlsx: 'xlsx',
  parquet: 'parquet',
};

export const CONTENT_TYPES: { readonly [F in ExportFormat]: string } = {
  csv: 'text/csv; charset=utf-8',
  'loader-csv': 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  parquet: 'application/vnd.apache.parquet',
};
