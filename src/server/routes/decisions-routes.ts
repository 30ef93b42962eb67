import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { acceptableGroupMembers } from '../../engine/groups-table.js';
import type { DecisionDraft, DecisionEvent } from '../../journal/events.js';
import { RECORD_KINDS } from '../../journal/events.js';
import { foldDecisions, previousValue } from '../../journal/fold.js';
import { JournalError } from '../../journal/journal-file.js';
import { reviewerName } from '../../journal/reviewer.js';
import type { Manifest } from '../../pipeline/manifest.js';
import {
  type BulkAcceptResponse,
  bulkAcceptRequestSchema,
  type DecisionEventView,
  type DecisionResponse,
  type DecisionState,
  decisionRequestSchema,
  groupQuerySchema,
} from '../../shared/api.js';
import { HttpError, parseQuery } from '../http-error.js';
import { appliedSeqOf, type ReviewContext } from '../review-context.js';

interface RunParams {
  runId: string;
}

const noParameters = z.strictObject({});

/** HTTP status of each journal refusal: a stale write and a torn journal are conflicts the user resolves. */
export const JOURNAL_STATUS: Record<JournalError['code'], number> = {
  conflict: 409,
  torn_tail: 409,
  locked: 423,
  invalid: 400,
  bad_line: 500,
  write_failed: 500,
  // Issue 12 defect 2: a full disk is the server's storage, not a bug: 507 Insufficient Storage, one line.
  disk_full: 507,
};

/**
 * Reviewer decisions (SPEC §10, REVIEW §2.4). The server is the journal's single writer: the first write takes
 * `decisions.lock` and keeps it until the server closes. Writes pass the CSRF hook like every POST.
 */
export function registerDecisionRoutes(app: FastifyInstance, ctx: ReviewContext, reviewer: string | null): void {
  const name = reviewerName(reviewer);
  app.addHook('onClose', async () => ctx.journal.close());

  app.get<{ Params: RunParams }>('/api/runs/:runId/decisions', async (request): Promise<DecisionState> => {
    parseQuery(noParameters, request.query);
    const manifest = await ctx.catalog.manifest(request.params.runId);
    const { events, problem } = await ctx.journal.events();
    return stateView(events, manifest, problem);
  });

  app.post<{ Params: RunParams }>('/api/runs/:runId/decisions', async (request): Promise<DecisionResponse> => {
    const body = decisionRequestSchema.safeParse(request.body ?? {});
    if (!body.success) {
      const issue = body.error.issues[0];
      throw new HttpError(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`.slice(0, 300));
    }
    const req = body.data;
    const { manifest } = await ctx.catalog.complete(request.params.runId);
    if (RECORD_KINDS.has(req.kind) && manifest.synthetic_ids) {
      throw new HttpError(
        409,
        `record-level decisions are disabled for run "${manifest.run_id}": its input has no account id column (ids are row:N); map an id column and run again.`,
      );
    }
    try {
      const journal = await ctx.journal.openWriter();
      let draft: DecisionDraft = {
        reviewer: name,
        dataset: manifest.dataset,
        kind: req.kind,
        account_ids: req.account_ids ?? null,
        term: req.term ?? null,
        value: req.value ?? null,
        reason: req.reason ?? null,
        prev: null,
        base_seq: req.base_seq,
        undoes: req.undoes ?? null,
        run_id: manifest.run_id,
      };
      if (draft.undoes !== null) {
        // An undo names the same target as the event it compensates; the client need not repeat it.
        const original = journal.event(draft.undoes);
        if (original === undefined) throw new HttpError(404, `decision ${draft.undoes} does not exist`);
        draft = {
          ...draft,
          account_ids: draft.account_ids ?? original.account_ids,
          term: draft.term ?? original.term,
          value: null,
        };
      }
      draft.prev = previousValue(foldDecisions(journal.all(), manifest.dataset), draft);
      const event = await journal.append(draft);
      // The groups list shows the decision at once (REVIEW §2.4): refresh the state of the run if it is open.
      // The event is on disk already: a failed refresh must not turn the write into an error (the next open retries).
      if (ctx.store.isOpen(manifest.run_id)) await ctx.open(manifest.run_id).catch(() => undefined);
      return { event: view(event), lastSeq: journal.lastSeq };
    } catch (error) {
      if (error instanceof JournalError) throw new HttpError(JOURNAL_STATUS[error.code], error.message);
      throw error;
    }
  });

  /**
   * Accept many groups at once (REVIEW §2.4 bulk actions): the groups the list shows for the same query,
   * restricted to multi-record groups joined only by exact names or edges ≥ high (no medium edge) and not
   * accepted already for their current members. One group_accepted event per group.
   */
  app.post<{ Params: RunParams }>(
    '/api/runs/:runId/groups/accept-bulk',
    async (request): Promise<BulkAcceptResponse> => {
      const query = parseQuery(groupQuerySchema, request.query);
      const body = bulkAcceptRequestSchema.safeParse(request.body ?? {});
      if (!body.success) {
        const issue = body.error.issues[0];
        throw new HttpError(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`.slice(0, 300));
      }
      const run = await ctx.open(request.params.runId);
      const { manifest } = run;
      if (manifest.synthetic_ids) {
        throw new HttpError(
          409,
          `group decisions are disabled for run "${manifest.run_id}": its input has no account id column (ids are row:N); map an id column and run again.`,
        );
      }
      const members = await acceptableGroupMembers(ctx.store, run.tables, query);
      if (body.data.dry_run === true) return { accepted: members.size, lastSeq: await ctx.journal.lastSeq() };
      try {
        const journal = await ctx.journal.openWriter();
        let accepted = 0;
        for (const ids of members.values()) {
          await journal.append({
            reviewer: name,
            dataset: manifest.dataset,
            kind: 'group_accepted',
            account_ids: ids,
            term: null,
            value: null,
            reason: body.data.reason ?? 'bulk accept',
            prev: null,
            base_seq: journal.lastSeq,
            undoes: null,
            run_id: manifest.run_id,
          });
          accepted += 1;
        }
        await ctx.open(manifest.run_id);
        return { accepted, lastSeq: journal.lastSeq };
      } catch (error) {
        if (error instanceof JournalError) throw new HttpError(JOURNAL_STATUS[error.code], error.message);
        throw error;
      }
    },
  );
}

function stateView(events: DecisionEvent[], manifest: Manifest, problem: string | null): DecisionState {
  const folded = foldDecisions(events, manifest.dataset);
  return {
    dataset: manifest.dataset,
    lastSeq: events.at(-1)?.seq ?? 0,
    appliedSeq: appliedSeqOf(manifest),
    recordDecisionsEnabled: !manifest.synthetic_ids,
    overrides: [...folded.overrides].map(([account_id, o]) => ({ account_id, value: o.value, seq: o.seq })),
    mustLinks: [...folded.links.values()].filter((l) => l.kind === 'must_link').map(({ a, b, seq }) => ({ a, b, seq })),
    cannotLinks: [...folded.links.values()]
      .filter((l) => l.kind === 'cannot_link')
      .map(({ a, b, seq }) => ({ a, b, seq })),
    primaries: [...folded.primaries].map(([account_id, seq]) => ({ account_id, seq })),
    manualTerms: [...folded.manualTerms.values()],
    reviewed: [...folded.reviewed.values()].map((r) => ({
      group_key: r.groupKey,
      kind: r.kind,
      fingerprint: r.fingerprint,
      account_ids: r.accountIds,
      seq: r.seq,
    })),
    events: events.filter((e) => e.dataset === manifest.dataset).map(view),
    problem,
  };
}

function view(e: DecisionEvent): DecisionEventView {
  return { ...e };
}
