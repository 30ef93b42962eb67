/** SQL literal for a string we control (a file path, a column name): values from users are bound instead. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quoted identifier: source headers can hold any character. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
