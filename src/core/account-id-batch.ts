import { firstOccurrences } from './first-occurrences.js';
import { canonicalAccountId, idValidity, looksLikeSalesforceIds } from './salesforce-id.js';

/**
 * A whole id column's canonical ids and reject reasons (SPEC §2, §2.2): the batch side of `salesforce-id.ts`, which
 * stays import-free for the web app.
 */

/** SPEC §2 reject reasons decided from the id column. */
export type IdRejectReason = 'missing_id' | 'invalid_id' | 'duplicate_id';

/** Codes stored in `AccountIdBatch.reject`; `ID_REJECT_REASONS[code]` is the reason (null for code 0, kept). */
export const ID_OK = 0;
export const ID_MISSING = 1;
export const ID_INVALID = 2;
export const ID_DUPLICATE = 3;
export const ID_REJECT_REASONS: readonly (IdRejectReason | null)[] = [null, 'missing_id', 'invalid_id', 'duplicate_id'];

export interface AccountIdBatchOptions {
  /** `'auto'` decides with `looksLikeSalesforceIds` over the whole column. */
  salesforceMode: boolean | 'auto';
  /**
   * 1-based data row number of each value, when the column is not simply rows 1..n (for example when
   * unreadable rows were set aside first). Without it, value i is row i + 1.
   */
  rowNumbers?: Int32Array;
}

export interface AccountIdBatch {
  /** Whether Salesforce canonicalisation was applied. */
  salesforceMode: boolean;
  /** Canonical id per value; `''` for missing and invalid ids. Duplicates keep their canonical id. */
  ids: string[];
  /** ID_OK, ID_MISSING, ID_INVALID or ID_DUPLICATE per value. */
  reject: Uint8Array;
  /** For ID_DUPLICATE values, the 1-based row number of the first row with that canonical id; 0 otherwise. */
  firstRow: Int32Array;
}

/**
 * Canonical ids and reject reasons for a whole id column (SPEC §2, §2.2). Duplicates are detected on the
 * canonical id, so the 15- and 18-character forms of one Salesforce record collide; the first row keeps the id
 * and each later row is `duplicate_id`, naming that first row.
 * @example canonicaliseAccountIds(['001Hs000054S8kI', '001Hs000054S8kIIAS'], { salesforceMode: 'auto' })
 *   → ids both '001Hs000054S8kIIAS', reject [ID_OK, ID_DUPLICATE], firstRow [0, 1]
 */
export function canonicaliseAccountIds(raw: readonly string[], options: AccountIdBatchOptions): AccountIdBatch {
  const n = raw.length;
  const salesforceMode = options.salesforceMode === 'auto' ? looksLikeSalesforceIds(raw) : options.salesforceMode;
  const rowNumbers = options.rowNumbers;
  if (rowNumbers !== undefined && rowNumbers.length !== n) {
    throw new RangeError(`canonicaliseAccountIds: ${rowNumbers.length} row numbers for ${n} ids`);
  }
  const ids = new Array<string>(n);
  const reject = new Uint8Array(n);
  const firstRow = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const value = raw[i] as string;
    const validity = idValidity(value);
    if (validity !== 'ok') {
      ids[i] = '';
      reject[i] = validity === 'missing' ? ID_MISSING : ID_INVALID;
      continue;
    }
    ids[i] = canonicalAccountId(value, salesforceMode);
  }
  // Missing and invalid ids are '' (never a canonical id): they point at each other, and are rejected already.
  const first = firstOccurrences(ids);
  for (let i = 0; i < n; i++) {
    const f = first[i] as number;
    if (f === i || reject[i] !== ID_OK) continue;
    reject[i] = ID_DUPLICATE;
    firstRow[i] = rowNumbers === undefined ? f + 1 : (rowNumbers[f] as number);
  }
  return { salesforceMode, ids, reject, firstRow };
}
