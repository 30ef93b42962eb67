import { parseCsvText } from './csv-parse.js';

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Pick the delimiter whose first records have the most consistent field count (SPEC §2: sniffed).
 * `sample` is the decoded start of the file; `complete` says whether it holds the whole file (so its last
 * record is not truncated).
 */
export function sniffDelimiter(sample: string, complete: boolean, preferTab: boolean): string {
  let best: { delimiter: string; consistency: number; fields: number } | null = null;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    let records = parseCsvText(sample, delimiter).filter((r) => r.raw.trim().length > 0);
    if (!complete && records.length > 1) records = records.slice(0, -1);
    records = records.slice(0, 50);
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
