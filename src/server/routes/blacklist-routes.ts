import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { blacklistScope, compileTermMatcher, createBaseNormaliser } from '../../core/index.js';
import { recordsWhoseRawNameCouldHold } from '../../engine/records-parquet.js';
import { foldDecisions } from '../../journal/fold.js';
import type { Manifest } from '../../pipeline/manifest.js';
import type { Blacklist, BlacklistPreview } from '../../shared/api.js';
import { parseQuery } from '../http-error.js';
import type { ReviewContext } from '../review-context.js';
import { configOrDefaults } from '../run-config.js';

/** SPEC §9.2 in words, shown on the blacklist page (REVIEW §2.5 "word-boundary semantics are stated"). */
const BLACKLIST_RULE =
  'A term matches whole words only: names and terms are normalised alike (lower case, accents and punctuation ' +
  'removed, legal forms compacted), and a term hits a name when its words appear in the name as consecutive ' +
  'whole words — "no company" hits "No Company Listed" but not "Techno Company", and "test" does not hit ' +
  '"Testing Ltd". The whole name as typed is read, parentheses and notes included: "Globex Corp (DO NOT USE)" ' +
  'hits "do not use". A name made only of blacklist terms and other notes is junk. Added and removed terms apply ' +
  'on the next run.';

/** Examples a preview returns (REVIEW §2.5 "with examples"). */
const PREVIEW_EXAMPLES = 10;

const blacklistQuery = z.strictObject({ runId: z.string().max(100).optional() });
const previewQuery = z.strictObject({ term: z.string().trim().min(1).max(200) });

/**
 * Blacklist page (REVIEW §2.5): built-in terms (config, read-only), the reviewers' manual terms with who and
 * when, the effective union, the rule in words, and a preview of what a term would hit in a run. Adding and
 * removing go through `POST /api/runs/:runId/decisions` (blacklist_add / blacklist_remove).
 */
export function registerBlacklistRoutes(app: FastifyInstance, ctx: ReviewContext): void {
  app.get('/api/blacklist', async (request): Promise<Blacklist> => {
    const query = parseQuery(blacklistQuery, request.query);
    let manifest: Manifest | null = null;
    if (query.runId !== undefined) manifest = await ctx.catalog.manifest(query.runId);
    else manifest = (await ctx.catalog.workspace.listRuns()).find((m) => m.status === 'complete') ?? null;
    const config = configOrDefaults(manifest);
    const builtIn = [...config.blacklist.terms];
    const { events } = await ctx.journal.events();
    const manual =
      manifest === null
        ? []
        : [...foldDecisions(events, manifest.dataset).manualTerms.values()]
            .sort((a, b) => a.seq - b.seq)
            .map(({ term, reviewer, ts, seq }) => ({ term, reviewer, ts, seq }));
    const normalise = createBaseNormaliser({ legalForms: config.normalise.legal_forms });
    const effective: string[] = [];
    const seen = new Set<string>();
    for (const term of [...builtIn, ...manual.map((m) => m.term)]) {
      const key = normalise(term);
      if (key.length === 0 || seen.has(key)) continue;
      seen.add(key);
      effective.push(term);
    }
    return {
      runId: manifest?.run_id ?? null,
      dataset: manifest?.dataset ?? null,
      builtIn,
      manual,
      effective,
      rule: BLACKLIST_RULE,
      lastSeq: events.at(-1)?.seq ?? 0,
    };
  });

  app.get<{ Params: { runId: string } }>(
    '/api/runs/:runId/blacklist/preview',
    async (request): Promise<BlacklistPreview> => {
      const { term } = parseQuery(previewQuery, request.query);
      const { manifest, dir } = await ctx.catalog.complete(request.params.runId);
      const config = configOrDefaults(manifest);
      const normalise = createBaseNormaliser({ legalForms: config.normalise.legal_forms });
      const matcher = compileTermMatcher([term], normalise);
      const normalised = matcher.normalisedTerms[0] ?? '';
      if (normalised.length === 0) return { term, normalised, hits: 0, examples: [] };
      // The blacklist reads the whole raw name (issue 11): a cheap SQL filter keeps every record the term could hit,
      // then the classify stage's own scope and matcher decide, so the preview counts exactly what a run flags.
      const candidates = await recordsWhoseRawNameCouldHold(ctx.store, dir, normalised);
      let hits = 0;
      const examples: BlacklistPreview['examples'] = [];
      for (const c of candidates) {
        if (!matcher.test(blacklistScope(c.name_raw ?? '', normalise))) continue;
        hits += 1;
        if (examples.length < PREVIEW_EXAMPLES) {
          examples.push({ account_id: c.account_id, account_name: c.account_name ?? '', group_id: c.group_id });
        }
      }
      return { term, normalised, hits, examples };
    },
  );
}
