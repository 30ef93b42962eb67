/**
 * `junction generate`: a synthetic Salesforce Account export with known truth (SPEC §11). The accuracy targets
 * are measured on these files, so they carry the variants, hard negatives, junk and multi-employer entries of real
 * intake data, and their truth says which rows are one company.
 */
import { ColumnRenderer, csvField, type FileShape, headerLine } from './columns.js';
import { ChunkedWriter } from './csv-writer.js';
import { buildEntities, CHAIN, HARD_NEGATIVE, maxEntitySize } from './entities.js';
import { buildPools } from './pools.js';
import { Rng } from './random.js';
import {
  JUNK_ROW_RATE,
  MULTI_EMPLOYER_RATE,
  PARENT_ID_CHAIN_RATE,
  PARENT_ID_FROM_PARENT_RATE,
  PARENT_ID_SAME_ENTITY_RATE,
} from './rates.js';
import { JUNK_ROW, layoutRows } from './row-order.js';
import { junkName, multiEmployerName, multiEmployerOthers, rowName } from './variants.js';

export interface GenerateOptions {
  rows: number;
  seed: number;
  out: string;
  /** Where to write the truth CSV (`account_id,entity_id,kind`); none when absent. */
  truth?: string;
  /** Columns and bytes of the file (issue 14); default `classic`. */
  shape?: FileShape;
  /** Called after each chunk is handed to the file, and once at the end. */
  onProgress?: (rowsWritten: number) => void;
}

export interface GenerateSummary {
  rows: number;
  /** Distinct truth entities, junk rows included (each junk row is its own entity). */
  entities: number;
  /** Size of the data CSV in bytes. */
  bytes: number;
}

/** Truth `kind` of a row. */
export type TruthKind = 'company' | 'hard_negative' | 'junk' | 'multi';

export const MAX_ROWS = 100_000_000;
const LINE_END = '\r\n';
const OTHER_EMPLOYER_TRIES = 20;

/**
 * Writes `rows` account rows to `out` (UTF-8 CSV, RFC 4180 quoting, CRLF line ends, a header row) and, when asked,
 * the truth to `truth`. Same `rows` and `seed` → byte-identical files.
 * @example await generateDataset({ rows: 100_000, seed: 7, out: 'accounts.csv', truth: 'truth.csv' })
 */
export async function generateDataset(opts: GenerateOptions): Promise<GenerateSummary> {
  const { rows, seed } = opts;
  if (!Number.isSafeInteger(rows) || rows < 1 || rows > MAX_ROWS) {
    throw new RangeError(`generate: rows must be a whole number from 1 to ${MAX_ROWS} (got ${rows}).`);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`generate: seed must be a whole number (got ${seed}).`);
  }

  const rng = new Rng(seed);
  const pools = buildPools(seed);
  const junkRows = Math.round(rows * JUNK_ROW_RATE);
  const entities = buildEntities(rng, pools, rows - junkRows, maxEntitySize(rows));
  const order = layoutRows(rng, entities, rows);
  const firstRow = new Int32Array(entities.count).fill(-1);
  for (let i = 0; i < rows; i++) {
    const e = order[i]!;
    if (e !== JUNK_ROW && firstRow[e] === -1) firstRow[e] = i;
  }
  const columns = new ColumnRenderer(rows, seed, pools, entities, opts.shape);

  const out = await ChunkedWriter.open(opts.out);
  let truth: ChunkedWriter | undefined;
  try {
    truth = opts.truth === undefined ? undefined : await ChunkedWriter.open(opts.truth);
    out.add(headerLine(opts.shape ?? 'classic') + LINE_END);
    truth?.add(`account_id,entity_id,kind${LINE_END}`);
    let junkSeen = 0;
    const others: number[] = [];
    for (let i = 0; i < rows; i++) {
      const e = order[i]!;
      const id = columns.accountId(i);
      let name: string;
      let entityId: number;
      let kind: TruthKind;
      let parentId = '';
      if (e === JUNK_ROW) {
        name = junkName(rng, pools);
        entityId = entities.count + junkSeen++;
        kind = 'junk';
      } else {
        entityId = e;
        others.length = 0;
        if (rng.chance(MULTI_EMPLOYER_RATE)) {
          const wanted = multiEmployerOthers(rng);
          // Other employers are drawn by row, so big chains appear as often as they do in the file.
          for (let tries = 0; others.length < wanted && tries < OTHER_EMPLOYER_TRIES; tries++) {
            const o = order[rng.int(rows)]!;
            if (o !== JUNK_ROW && o !== e && !others.includes(o)) others.push(o);
          }
        }
        if (others.length > 0) {
          // A multi-employer row belongs to its FIRST employer's entity: intake lists the main employer first,
          // and SPEC §4 matches multi records through their first name (the core), the rest being aliases.
          name = multiEmployerName(rng, entities, e, others);
          kind = 'multi';
        } else {
          name = rowName(rng, entities, e, pools);
          kind = (entities.flags[e]! & HARD_NEGATIVE) !== 0 ? 'hard_negative' : 'company';
        }
        parentId = parentAccountId(
          rng,
          columns,
          entities.parent[e]!,
          firstRow,
          e,
          i,
          entities.flags[e]!,
          entities.size[e]!,
        );
      }
      const ready = out.add(`${id},${csvField(name)},${parentId},${columns.rest(rng, i, e, name)}${LINE_END}`);
      if (truth?.add(`${id},E${entityId},${kind}${LINE_END}`)) await truth.flush();
      if (ready) {
        await out.flush();
        opts.onProgress?.(i + 1);
      }
    }
    await out.close();
    await truth?.close();
    opts.onProgress?.(rows);
    return { rows, entities: entities.count + junkRows, bytes: out.bytes };
  } catch (err) {
    out.destroy();
    truth?.destroy();
    throw err;
  }
}

/** `Parent Account ID`: the parent company's first row, a chain's head office, or (rarely) the entity's first row. */
function parentAccountId(
  rng: Rng,
  columns: ColumnRenderer,
  parent: number,
  firstRow: Int32Array,
  e: number,
  position: number,
  flags: number,
  size: number,
): string {
  if (parent >= 0 && rng.chance(PARENT_ID_FROM_PARENT_RATE)) return columns.accountId(firstRow[parent]!);
  const head = firstRow[e]!;
  if (head === position || size < 2) return '';
  const rate = (flags & CHAIN) !== 0 ? PARENT_ID_CHAIN_RATE : PARENT_ID_SAME_ENTITY_RATE;
  return rng.chance(rate) ? columns.accountId(head) : '';
}
