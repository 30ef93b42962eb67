import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Engine } from '../engine/database.js';
import { groupsOfAccounts } from '../engine/records-parquet.js';
import { parseCsvText } from '../input/csv-parse.js';
import { decisionIdKey } from '../journal/fold.js';
import { JOURNAL_FILE, JournalError, readJournal } from '../journal/journal-file.js';
import { labelledPairs } from '../journal/labelled-pairs.js';

/**
 * The steward's labels as extra truth for `junction eval --labels-from` (issue 13): must-links are pairs of one
 * company, cannot-links pairs of two, from a workspace's journal (`decisions.jsonl`) or a labelled-pairs file
 * (`GET /api/runs/:id/labelled-pairs.csv`). Reported on their own — pair precision and recall over the labelled
 * pairs only — because a steward labels the hard cases, not a sample.
 */
export interface StewardLabelReport {
  source: string;
  /** Labelled pairs read (of the run's dataset, for a journal). */
  pairs: number;
  /** Pairs whose two records are both in the evaluated data. */
  matched: number;
  must: number;
  cannot: number;
  /** Must-links in one group / apart; cannot-links in one group / apart. */
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  precision: number | null;
  recall: number | null;
}

interface Label {
  a: string;
  b: string;
  match: boolean;
}

/** Read labels from a workspace folder, a `decisions.jsonl`, or a labelled-pairs CSV. */
export async function readStewardLabels(path: string, dataset: string): Promise<Label[]> {
  const facts = await stat(path).catch(() => null);
  if (facts === null) throw new UsageError(`--labels-from ${path}: no such file or folder.`);
  if (facts.isDirectory() || path.endsWith('.jsonl')) {
    const file = facts.isDirectory() ? join(path, JOURNAL_FILE) : path;
    try {
      const { events } = await readJournal(file);
      return labelledPairs(events, dataset).map((l) => ({ a: l.a, b: l.b, match: l.match }));
    } catch (error) {
      if (error instanceof JournalError) throw new UsageError(`--labels-from ${path}: ${error.message}`);
      throw error;
    }
  }
  const records = parseCsvText(await readFile(path, 'utf8'), ',').filter((r) => r.raw.trim().length > 0);
  const header = (records[0]?.fields ?? []).map((h) => h.trim());
  const col = (name: string): number => header.indexOf(name);
  const [ia, ib, il] = [col('account_id_a'), col('account_id_b'), col('label')];
  if (ia < 0 || ib < 0 || il < 0) {
    throw new UsageError(
      `--labels-from ${path}: a labelled-pairs CSV needs the columns account_id_a, account_id_b and label (have: ${header.join(', ')}).`,
    );
  }
  const labels: Label[] = [];
  for (const [k, r] of records.slice(1).entries()) {
    const label = (r.fields[il] ?? '').trim();
    if (label !== 'match' && label !== 'non_match') {
      throw new UsageError(`--labels-from ${path}: row ${k + 2}: label must be match or non_match, not "${label}".`);
    }
    const a = decisionIdKey((r.fields[ia] ?? '').trim());
    const b = decisionIdKey((r.fields[ib] ?? '').trim());
    if (a.length > 0 && b.length > 0 && a !== b) labels.push({ a, b, match: label === 'match' });
  }
  return labels;
}

/** Score a run's groups (records.parquet) against labelled pairs. */
export async function stewardLabelMetrics(
  engine: Engine,
  recordsParquet: string,
  labels: readonly Label[],
  source: string,
): Promise<StewardLabelReport> {
  const keys = new Set<string>();
  for (const l of labels) {
    keys.add(l.a);
    keys.add(l.b);
  }
  // An 18-character key also matches the 15-character form of the id (SPEC §10); each hit is re-checked below.
  const forms = [...keys].flatMap((k) => (k.length === 18 ? [k, k.slice(0, 15)] : [k]));
  const rows = await groupsOfAccounts(engine, recordsParquet, forms);
  const groupOf = new Map<string, string>();
  for (const r of rows) {
    const key = decisionIdKey(r.account_id);
    if (keys.has(key)) groupOf.set(key, r.group_id);
  }
  const report: StewardLabelReport = {
    source,
    pairs: labels.length,
    matched: 0,
    must: 0,
    cannot: 0,
    tp: 0,
    fn: 0,
    fp: 0,
    tn: 0,
    precision: null,
    recall: null,
  };
  for (const l of labels) {
    const ga = groupOf.get(l.a);
    const gb = groupOf.get(l.b);
    if (ga === undefined || gb === undefined) continue;
    report.matched++;
    const together = ga === gb;
    if (l.match) {
      report.must++;
      if (together) report.tp++;
      else report.fn++;
    } else {
      report.cannot++;
      if (together) report.fp++;
      else report.tn++;
    }
  }
  report.precision = report.tp + report.fp === 0 ? null : report.tp / (report.tp + report.fp);
  report.recall = report.tp + report.fn === 0 ? null : report.tp / (report.tp + report.fn);
  return report;
}
