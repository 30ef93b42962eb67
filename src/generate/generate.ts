/**
 * `junction generate`: a synthetic Salesforce Account export with known truth (SPEC §11). The accuracy targets
 * are measured on these files, so they carry the variants, hard negatives, junk and multi-employer entries of real
 * intake data, and their truth says which rows are one company.
 */
import { ColumnRenderer, csvField, type FileShape, headerLine } from './columns.js';
import { ChunkedWriter } from './csv-writer.js';
import { buildEntities, CHAIN } from './entities.js';
import { junkEntry, multiEmployerCount, multiEmployerName } from './non-company-entries.js';
import type { Pools } from './pools.js';
import { Rng } from './random.js';
import {
  type DrawnRates,
  drawRates,
  PARENT_ID_CHAIN_RATE,
  PARENT_ID_FROM_PARENT_RATE,
  PARENT_ID_SAME_ENTITY_RATE,
  VARIATION_CLASSES,
  type VariationClass,
} from './rates.js';
import { JUNK_ROW, layoutRows } from './row-order.js';
import { VariationSampler } from './variations.js';
import { GENERATOR_VERSION } from './version.js';

export interface GenerateOptions {
  rows: number;
  seed: number;
  out: string;
  /** Where to write the truth CSV (TRUTH_HEADER); none when absent. */
  truth?: string;
  /** Columns and bytes of the file (issue 14); default `classic`. */
  shape?: FileShape;
  /**
   * Every company twice, as named and as intake varied it (at least one variation class), no junk or multi rows:
   * the shape of public "names and perturbed copies" sets, where no spelling is more frequent than another.
   */
  pairs?: boolean;
  /** Called after each chunk is handed to the file, and once at the end. */
  onProgress?: (rowsWritten: number) => void;
}

/** What the file turned out to hold, measured while writing it (beside the rates the seed drew). */
export interface MeasuredShares {
  /** Share of all records carrying each variation class. */
  variation: Record<VariationClass, number>;
  /** Company rows written exactly as their canonical name. */
  unchanged: number;
  /** Company rows carrying three or more classes. */
  stacked: number;
  junk: number;
  multi: number;
  /** Rows of the largest entity, and of the head chains together. */
  largestEntity: number;
  /** Entities with one record, among company entities. */
  singletonEntities: number;
  /** Company entities in a look-alike family. */
  familyEntities: number;
}

export interface GenerateSummary {
  rows: number;
  /** Distinct truth entities, junk and multi rows included (each is its own entity). */
  entities: number;
  /** Size of the data CSV in bytes. */
  bytes: number;
  generatorVersion: number;
  rates: DrawnRates;
  measured: MeasuredShares;
}

/** Truth `kind` of a row: a company, a member of a look-alike family, junk, or several employers in one field. */
export type TruthKind = 'company' | 'hard_negative' | 'junk' | 'multi';

/**
 * Columns of the truth CSV. `variation`: the classes a row carries, `|`-joined ('' for none; `junk:<kind>` or
 * `multi:<format>` for those rows). `family`: `<family kind>:<id>` of the look-alike family, or ''.
 */
export const TRUTH_HEADER = ['account_id', 'entity_id', 'kind', 'variation', 'family'] as const;

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

  const rates = drawRates(seed);
  const rng = new Rng(seed);
  // Loaded here, not at start-up: faker costs ~0.3 s that every other command would pay.
  const { buildPools } = await import('./pools.js');
  const pools = buildPools(seed);
  if (opts.pairs === true) return generatePairs(opts, rates, rng, pools);
  const junkRows = Math.round(rows * rates.junkRows);
  const entities = buildEntities(rng, pools, rows - junkRows, rates);
  const order = layoutRows(rng, entities, rows);
  const firstRow = new Int32Array(entities.count).fill(-1);
  for (let i = 0; i < rows; i++) {
    const e = order[i]!;
    if (e !== JUNK_ROW && firstRow[e] === -1) firstRow[e] = i;
  }
  const columns = new ColumnRenderer(rows, seed, pools, entities, opts.shape);
  const companyShare = Math.max(0.01, 1 - junkRows / rows - rates.multiRows);
  const sampler = new VariationSampler(rates, entities, pools, companyShare);
  const familyLabel = entities.familyKind.map((kind, id) => `${kind}:${id}`);
  const rowsOf = new Int32Array(entities.count);
  let unchanged = 0;
  let stacked = 0;
  let multiRows = 0;
  const companyName = (): string => {
    const o = order[rng.int(rows)]!;
    return o === JUNK_ROW ? rng.pick(pools.fakerCompanies) : sampler.plainName(rng, o);
  };

  const files = await GeneratedFiles.open(opts);
  try {
    let ownEntities = 0;
    const others: number[] = [];
    for (let i = 0; i < rows; i++) {
      const e = order[i]!;
      const id = columns.accountId(i);
      let name: string;
      let entityId: number;
      let kind: TruthKind;
      let variation = '';
      let family = '';
      let parentId = '';
      if (e === JUNK_ROW) {
        const junk = junkEntry(rng, pools, companyName);
        name = junk.name;
        variation = `junk:${junk.kind}`;
        entityId = entities.count + ownEntities++;
        kind = 'junk';
      } else {
        others.length = 0;
        if (rng.chance(rates.multiRows)) {
          const wanted = multiEmployerCount(rng) - 1;
          // Other employers are drawn by row, so big chains appear as often as they do in the file.
          for (let tries = 0; others.length < wanted && tries < OTHER_EMPLOYER_TRIES; tries++) {
            const o = order[rng.int(rows)]!;
            if (o !== JUNK_ROW && o !== e && !others.includes(o)) others.push(o);
          }
        }
        if (others.length > 0) {
          // Several employers in one field belong to no single group (CRM-INTAKE): the row is its own entity.
          const multi = multiEmployerName(
            rng,
            [e, ...others].map((o) => sampler.plainName(rng, o)),
          );
          name = multi.name;
          variation = `multi:${multi.format}`;
          entityId = entities.count + ownEntities++;
          kind = 'multi';
          multiRows++;
        } else {
          const varied = sampler.rowName(rng, e);
          name = varied.name;
          variation = varied.classes.join('|');
          if (varied.classes.length === 0) unchanged++;
          else if (varied.classes.length >= 3) stacked++;
          entityId = e;
          rowsOf[e]!++;
          const f = entities.family[e]!;
          kind = f >= 0 ? 'hard_negative' : 'company';
          if (f >= 0) family = familyLabel[f]!;
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
      await files.row(
        i,
        `${id},${csvField(name)},${parentId},${columns.rest(rng, i, e, name)}`,
        `${id},E${entityId},${kind},${variation},${family}`,
      );
    }
    await files.close();
    let companyEntities = 0;
    let singletons = 0;
    let inFamily = 0;
    let largest = 0;
    for (let e = 0; e < entities.count; e++) {
      const n = rowsOf[e]!;
      if (n === 0) continue;
      companyEntities++;
      if (n === 1) singletons++;
      if (entities.family[e]! >= 0) inFamily++;
      if (n > largest) largest = n;
    }
    const variationShares = variationSharesOf(sampler, rows);
    const companyRows = Math.max(1, sampler.rows);
    return {
      rows,
      entities: companyEntities + ownEntities,
      bytes: files.bytes,
      generatorVersion: GENERATOR_VERSION,
      rates,
      measured: {
        variation: variationShares,
        unchanged: unchanged / companyRows,
        stacked: stacked / companyRows,
        junk: junkRows / rows,
        multi: multiRows / rows,
        largestEntity: largest / rows,
        singletonEntities: singletons / Math.max(1, companyEntities),
        familyEntities: inFamily / Math.max(1, companyEntities),
      },
    };
  } catch (err) {
    files.destroy();
    throw err;
  }
}

/** The data file and, when asked, the truth file of one `generate`, written a row at a time in chunks. */
class GeneratedFiles {
  private rowsWritten = 0;

  private constructor(
    private readonly out: ChunkedWriter,
    private readonly truth: ChunkedWriter | undefined,
    private readonly onProgress: ((rowsWritten: number) => void) | undefined,
  ) {}

  static async open(opts: GenerateOptions): Promise<GeneratedFiles> {
    const out = await ChunkedWriter.open(opts.out);
    let truth: ChunkedWriter | undefined;
    try {
      truth = opts.truth === undefined ? undefined : await ChunkedWriter.open(opts.truth);
    } catch (err) {
      out.destroy();
      throw err;
    }
    out.add(headerLine(opts.shape ?? 'classic') + LINE_END);
    truth?.add(TRUTH_HEADER.join(',') + LINE_END);
    return new GeneratedFiles(out, truth, opts.onProgress);
  }

  /** Row `i`: its data line and its truth line, each without the line end. */
  async row(i: number, data: string, truth: string): Promise<void> {
    const ready = this.out.add(data + LINE_END);
    if (this.truth?.add(truth + LINE_END)) await this.truth.flush();
    this.rowsWritten = i + 1;
    if (ready) {
      await this.out.flush();
      this.onProgress?.(this.rowsWritten);
    }
  }

  async close(): Promise<void> {
    await this.out.close();
    await this.truth?.close();
    this.onProgress?.(this.rowsWritten);
  }

  destroy(): void {
    this.out.destroy();
    this.truth?.destroy();
  }

  get bytes(): number {
    return this.out.bytes;
  }
}

/** Share of all records carrying each variation class. */
function variationSharesOf(sampler: VariationSampler, rows: number): Record<VariationClass, number> {
  const shares = {} as Record<VariationClass, number>;
  VARIATION_CLASSES.forEach((c, i) => {
    shares[c] = sampler.counts[i]! / rows;
  });
  return shares;
}

/** Tries at a varied copy before the copy is left as named (a name no class applies to, e.g. one short word). */
const VARIED_COPY_TRIES = 50;

/**
 * `generateDataset` with `pairs`: ⌈rows / 2⌉ companies drawn from the entity table (heads, tail and look-alike
 * families alike), each written as named and once varied; rows in random order.
 */
async function generatePairs(
  opts: GenerateOptions,
  rates: DrawnRates,
  rng: Rng,
  pools: Pools,
): Promise<GenerateSummary> {
  const { rows } = opts;
  const companies = Math.ceil(rows / 2);
  let entities = buildEntities(rng, pools, rows * 2, rates);
  for (let scale = 4; entities.count < companies; scale *= 2) entities = buildEntities(rng, pools, rows * scale, rates);
  const picked = Int32Array.from({ length: entities.count }, (_v, e) => e);
  shuffle(rng, picked);
  const rowEntity = new Int32Array(rows);
  for (let i = 0; i < rows; i++) rowEntity[i] = picked[i >> 1]!;
  // Which of a company's two rows is the varied copy: the second one met in the shuffled order.
  shuffle(rng, rowEntity);
  const columns = new ColumnRenderer(rows, opts.seed, pools, entities, opts.shape);
  const sampler = new VariationSampler(rates, entities, pools, 1);
  const seen = new Uint8Array(entities.count);
  let unchanged = 0;
  let stacked = 0;
  let inFamily = 0;
  const files = await GeneratedFiles.open(opts);
  try {
    for (let i = 0; i < rows; i++) {
      const e = rowEntity[i]!;
      let name = sampler.canonicalName(e);
      let classes: readonly VariationClass[] = [];
      if (seen[e] === 1) {
        for (let t = 0; t < VARIED_COPY_TRIES && classes.length === 0; t++)
          ({ name, classes } = sampler.rowName(rng, e));
      } else {
        seen[e] = 1;
        if (entities.family[e]! >= 0) inFamily++;
      }
      if (classes.length === 0) unchanged++;
      else if (classes.length >= 3) stacked++;
      const f = entities.family[e]!;
      const kind: TruthKind = f >= 0 ? 'hard_negative' : 'company';
      const family = f >= 0 ? `${entities.familyKind[f]}:${f}` : '';
      const id = columns.accountId(i);
      await files.row(
        i,
        `${id},${csvField(name)},,${columns.rest(rng, i, e, name)}`,
        `${id},E${e},${kind},${classes.join('|')},${family}`,
      );
    }
    await files.close();
    const variationShares = variationSharesOf(sampler, rows);
    return {
      rows,
      entities: companies,
      bytes: files.bytes,
      generatorVersion: GENERATOR_VERSION,
      rates,
      measured: {
        variation: variationShares,
        unchanged: unchanged / rows,
        stacked: stacked / rows,
        junk: 0,
        multi: 0,
        largestEntity: Math.min(rows, 2) / rows,
        singletonEntities: rows % 2 === 1 ? 1 / companies : 0,
        familyEntities: inFamily / companies,
      },
    };
  } catch (err) {
    files.destroy();
    throw err;
  }
}

/** Fisher–Yates, in place. */
function shuffle(rng: Rng, values: Int32Array): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const v = values[i]!;
    values[i] = values[j]!;
    values[j] = v;
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
