import { CsvRecordParser, type ParsedRecord } from './csv-parse.js';

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Pick the delimiter whose first records have the most consistent field count (SPEC §2: sniffed).
 * `sample` is the decoded start of the file; `complete` says whether it holds the whole file (so its last
 * record is not truncated).
 */
export function sniffDelimiter(sample: string, complete: boolean, preferTab: boolean): string {
  let best: { delimiter: string; consistency: number; fields: number } | null = null;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const records = sniffedRecords(sample, delimiter, complete);
    const header = records[0];
    if (header === undefined || header.fields.length < 2) continue;
    const width = header.fields.length;
    const rest = records.slice(1);
    const consistent = rest.filter((r) => r.fields.length === width).length;
    const consistency = rest.length === 0 ? 1 : consistent / rest.length;
    const better =
      best === null ||
      consistency > best.consistency + 1e-9 ||
      (Math.abs(consistency - best.consistency) <= 1e-9 &&
        (width > best.fields || (width === best.fields && preferTab && delimiter === '\t')));
    if (better) best = { delimiter, consistency, fields: width };
  }
  if (best === null) return preferTab ? '\t' : ',';
  return best.delimiter;
}

/** Records whose field counts decide the delimiter. */
const SNIFF_RECORDS = 50;
/** Characters of the sample parsed at a time: a few records of a wide export. */
const SNIFF_SLICE = 16 * 1024;

/**
 * The records whose field counts the sniff compares for `delimiter`: the first SNIFF_RECORDS non-blank ones of
 * `sample`, without its last when the sample is cut (it may be truncated).
 */
export function sniffedRecords(sample: string, delimiter: string, complete: boolean): ParsedRecord[] {
  // One more than needed: the last of them dropped, the first ones are still there.
  let records = firstRecords(sample, delimiter, SNIFF_RECORDS + 1);
  if (!complete && records.length > 1) records = records.slice(0, -1);
  return records.slice(0, SNIFF_RECORDS);
}

/**
 * The non-blank records of `sample`, parsed a slice at a time until `count` are found (issue 14: the 256 KB sample
 * parsed whole four times was ~45 ms of every run's start), or all of them.
 */
function firstRecords(sample: string, delimiter: string, count: number): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  const parser = new CsvRecordParser(delimiter, (r) => {
    if (r.raw.trim().length > 0) records.push(r);
  });
  for (let from = 0; from < sample.length; from += SNIFF_SLICE) {
    parser.push(sample.slice(from, from + SNIFF_SLICE));
    if (records.length >= count) return records;
  }
  parser.end();
  return records;
}

/** Byte length of an incomplete UTF-8 sequence at the end of `bytes` (0–3), to carry into the next chunk. */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}
