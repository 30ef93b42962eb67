import { join } from 'node:path';
import { Engine } from './database.js';
import { sqlString } from './sql-quote.js';

/** A record's account name, and whether it is a usable company name (not junk, not several names). */
export interface AccountName {
  name: string;
  usable: boolean;
}

/**
 * The account names of some records of a finished run, by account id as records.parquet holds it (the canonical
 * id); ids the run does not hold are left out. Read once per run for the steward's aliases (issue 10).
 */
export async function accountNamesOf(runDir: string, ids: readonly string[]): Promise<Map<string, AccountName>> {
  const names = new Map<string, AccountName>();
  if (ids.length === 0) return names;
  const engine = await Engine.open({ memoryLimit: '256MB', threads: 1 });
  try {
    const rows = await engine.rows<{ account_id: string; account_name: string; usable: boolean }>(
      'reading the names of linked records',
      `SELECT account_id, account_name, name_class = 'usable' AS usable
       FROM read_parquet(${sqlString(join(runDir, 'records.parquet'))})
       WHERE account_id IN (${ids.map(sqlString).join(', ')})`,
    );
    for (const row of rows) names.set(row.account_id, { name: row.account_name, usable: row.usable });
  } finally {
    engine.close();
  }
  return names;
}
