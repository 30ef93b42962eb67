/**
 * The peer column of `npm run bench` (issue 14): the same file through a plain DuckDB SQL pipeline a user could
 * write instead of running Company Junction — normalise in SQL (lower case, punctuation stripped, spaces
 * squeezed), block on the first three characters of the normalised name, compare distinct names within a block
 * with `jaro_winkler_similarity ≥ 0.9`, and take connected components in SQL (min-label propagation with
 * pointer jumping). DuckDB runs with its own defaults (all cores, 80% of RAM), as a user's would.
 *
 * Run as its own process so its wall time and peak RSS are its own:
 * `node --import tsx bench/peer-sql.ts <input.csv> <out.parquet>` → prints `{"seconds":…,"peakRssMb":…,"pairs":…}`.
 * `out.parquet` holds `(account_id, cluster)` for every data row, for the accuracy columns.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from '../src/engine/sql-quote.js';

export const PEER_THRESHOLD = 0.9;
export const PEER_BLOCK_PREFIX = 3;
/** Safety stop for the label propagation (each round at least halves the distance to a component's minimum). */
const MAX_ROUNDS = 64;

export interface PeerResult {
  seconds: number;
  peakRssMb: number;
  /** Distinct-name pairs at or above the threshold. */
  pairs: number;
  rounds: number;
}

export async function runPeerPipeline(input: string, out: string): Promise<PeerResult> {
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    await db.run(
      `CREATE TABLE accounts AS
       SELECT row_number() OVER () AS rid, "Account ID" AS account_id,
              trim(regexp_replace(regexp_replace(lower(coalesce("Account Name", '')), '[^a-z0-9 ]+', '', 'g'), '\\s+', ' ', 'g')) AS norm
       FROM read_csv(${sqlString(input)}, header = true, all_varchar = true)`,
    );
    await db.run(
      `CREATE TABLE names AS
       SELECT row_number() OVER (ORDER BY norm)::INTEGER AS nid, norm, left(norm, ${PEER_BLOCK_PREFIX}) AS block
       FROM (SELECT DISTINCT norm FROM accounts WHERE norm <> '')`,
    );
    await db.run(
      `CREATE TABLE edges AS
       SELECT a.nid AS a, b.nid AS b FROM names a JOIN names b ON a.block = b.block AND a.nid < b.nid
       WHERE jaro_winkler_similarity(a.norm, b.norm) >= ${PEER_THRESHOLD}`,
    );
    const pairs = Number((await db.runAndReadAll('SELECT count(*) FROM edges')).getRows()[0]?.[0] ?? 0);
    await db.run('CREATE TABLE both_ways AS SELECT a, b FROM edges UNION ALL SELECT b, a FROM edges');
    await db.run('CREATE TABLE label AS SELECT nid, nid AS c FROM names');
    let rounds = 0;
    for (; rounds < MAX_ROUNDS; rounds++) {
      // Each name takes the smallest label among itself and its neighbours, then jumps to its label's label.
      await db.run(
        `CREATE OR REPLACE TABLE step AS
         SELECT l.nid, least(l.c, coalesce(min(n.c), l.c)) AS c
         FROM label l LEFT JOIN both_ways e ON e.a = l.nid LEFT JOIN label n ON n.nid = e.b GROUP BY l.nid, l.c`,
      );
      await db.run(
        'CREATE OR REPLACE TABLE step AS SELECT s.nid, least(s.c, j.c) AS c FROM step s JOIN step j ON j.nid = s.c',
      );
      const changed = Number(
        (
          await db.runAndReadAll('SELECT count(*) FROM step s JOIN label l USING (nid) WHERE s.c <> l.c')
        ).getRows()[0]?.[0] ?? 0,
      );
      await db.run('CREATE OR REPLACE TABLE label AS SELECT * FROM step');
      if (changed === 0) break;
    }
    await db.run(
      `COPY (SELECT a.account_id, coalesce('n' || l.c::VARCHAR, 'r' || a.rid::VARCHAR) AS cluster
             FROM accounts a LEFT JOIN names n USING (norm) LEFT JOIN label l USING (nid) ORDER BY a.rid)
       TO ${sqlString(out)} (FORMAT parquet)`,
    );
    return {
      seconds: (performance.now() - started) / 1000,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      pairs,
      rounds: rounds + 1,
    };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, out] = process.argv.slice(2);
  if (input === undefined || out === undefined) {
    process.stderr.write('usage: node --import tsx bench/peer-sql.ts <input.csv> <out.parquet>\n');
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify(await runPeerPipeline(input, out))}\n`);
}
