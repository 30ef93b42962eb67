import { join } from 'node:path';
import { Engine } from './database.js';
import { sqlString } from './sql-quote.js';

export interface GroupSummary {
  group_id: string;
  size: number;
  primary_name: string;
  keep_count: number;
  update_count: number;
  delete_count: number;
  verify_count: number;
  min_edge: number | null;
}

/** The largest multi-record groups of a run, for the CLI's closing summary. */
export async function largestGroups(runDir: string, limit: number): Promise<GroupSummary[]> {
  const engine = await Engine.open({ memoryLimit: '1GB', threads: 1 });
  try {
    return await engine.rows<GroupSummary>(
      'reading groups.parquet',
      `SELECT group_id, size, primary_name, keep_count, update_count, delete_count, verify_count, min_edge
       FROM read_parquet(${sqlString(join(runDir, 'groups.parquet'))}) WHERE size > 1 ORDER BY size DESC, group_id LIMIT ?`,
      [limit],
    );
  } finally {
    engine.close();
  }
}
