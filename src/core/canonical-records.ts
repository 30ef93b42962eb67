/**
 * The accepted records of an input in canonical form (SPEC §2.2), as typed columns in input order
 * (row_index = position): what ingest produces and every later stage and the engine's loaders read.
 */
export type CanonicalRecords = {
  sourceRow: Int32Array;
  accountId: string[];
  accountName: string[];
  parentAccountId: string[];
  /** Epoch ms, NaN when missing or unparseable. */
  createdMs: Float64Array;
  relationship: string[];
  /** House number of the mapped address (src/core/site.ts), NO_SITE (−1) when there is none. */
  siteNumber: Int32Array;
  /** House number and street of the mapped address as one number (src/core/site.ts `siteKeyOf`), or NO_SITE. */
  siteKey: Int32Array;
  /** Whether the account ids are Salesforce ids (SPEC §2.2): the file is a CRM's accounts, not a list of sites. */
  salesforceIds: { json: boolean };
};

/** A rejected input row before it is written to rejected.csv (SPEC §1.1): data row number, physical line, reason code, words. */
export interface Rejection {
  dataRow: number;
  line: number;
  reason: string;
  detail: string;
  raw: string;
}
