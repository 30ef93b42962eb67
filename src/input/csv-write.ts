/** RFC 4180 field, always quoted, so empty strings stay empty strings (not NULL) when DuckDB reads them back. */
export function quoteField(value: string): string {
  return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
}
