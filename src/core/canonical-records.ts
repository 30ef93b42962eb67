/**
 * The accepted records of an input in canonical form (SPEC §2.2), as typed columns in input order
 * (row_index = position): what ingest produces and every later stage and the engine's loaders read.
 */
export type CanonicalRecords = {
  sourceRow: Int32Array;
  accountId: string[];
  accountIdSrc: string[];
  accountName: string[];
  parentAccountId: string[];
  /** Epoch ms, NaN when missing or unparseable. */
  createdMs: Float64Array;
  relationship: string[];
};

/** A rejected input row before it is written to rejected.csv (SPEC §1.1): data row number, physical line, reason code, words. */
export interface Rejection {
  dataRow: number;
  line: number;
  reason: string;
  detail: string;
  raw: string;
}
