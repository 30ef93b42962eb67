import type { z } from 'zod';
import type { RunLabel } from '../engine/review-labels.js';
import { labelsInRun } from '../engine/review-labels.js';
import type { ScorePenalties } from '../engine/review-pairs.js';
import type { DecisionDraft } from '../journal/events.js';
import { foldDecisions, previousValue } from '../journal/fold.js';
import { JournalError } from '../journal/journal-file.js';
import { type LabelledPair, labelledPairs } from '../journal/labelled-pairs.js';
import type { Manifest } from '../pipeline/manifest.js';
import type { DecisionWriteResponse } from '../shared/workbench-api.js';
import { HttpError } from './http-error.js';
import type { OpenRun, ReviewContext } from './review-context.js';
import { JOURNAL_STATUS } from './routes/decisions-routes.js';
import { configOrDefaults } from './run-config.js';

/**
 * What the workbench routes (issue 13) share: reading a request body with a shared schema, the steward's labels
 * of a run, and one journal write with the same rules as `POST /decisions` (single writer, base_seq check,
 * synthetic ids refused, the run's review state refreshed before the answer).
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new HttpError(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`.slice(0, 300));
}

/** The penalties of the run's score (its recorded config, else the defaults): the breakdown of an older run. */
export function runPenalties(manifest: Manifest): ScorePenalties {
  return configOrDefaults(manifest).penalty;
}

/** Every labelled pair of the run's dataset in the journal, and those whose two records are in the run. */
export async function runLabels(ctx: ReviewContext, run: OpenRun): Promise<{ all: LabelledPair[]; inRun: RunLabel[] }> {
  const { events } = await ctx.journal.events();
  const all = labelledPairs(events, run.manifest.dataset);
  return { all, inRun: await labelsInRun(ctx.store, run.tables, all) };
}

export type WorkbenchDraft = Pick<DecisionDraft, 'kind' | 'account_ids' | 'value' | 'reason' | 'base_seq'> & {
  /** The journal's `prev` when the fold does not say it (a canonical name's previous value). */
  prev?: string | null;
};

/** Append one decision of the run's dataset; a refusal is the HTTP status of the journal's reason. */
export async function appendDecision(
  ctx: ReviewContext,
  run: OpenRun,
  reviewer: string,
  fields: WorkbenchDraft,
): Promise<DecisionWriteResponse> {
  const { manifest } = run;
  if (manifest.synthetic_ids) {
    throw new HttpError(
      409,
      `record-level decisions are disabled for run "${manifest.run_id}": its input has no account id column (ids are row:N); map an id column and run again.`,
    );
  }
  try {
    const journal = await ctx.journal.openWriter();
    const draft: DecisionDraft = {
      reviewer,
      dataset: manifest.dataset,
      kind: fields.kind,
      account_ids: fields.account_ids,
      term: null,
      value: fields.value,
      reason: fields.reason,
      prev: null,
      base_seq: fields.base_seq,
      undoes: null,
      run_id: manifest.run_id,
    };
    draft.prev = fields.prev ?? previousValue(foldDecisions(journal.all(), manifest.dataset), draft);
    const event = await journal.append(draft);
    // The event is on disk: a failed refresh must not turn the write into an error (the next open retries).
    await ctx.open(manifest.run_id).catch(() => undefined);
    return { event: { ...event }, lastSeq: journal.lastSeq };
  } catch (error) {
    if (error instanceof JournalError) throw new HttpError(JOURNAL_STATUS[error.code], error.message);
    throw error;
  }
}
