/**
 * How many split, merge or set-primary decisions (must_link, cannot_link, set_primary — SPEC §10) of a run's
 * dataset were made after the run and wait for a re-run. A merge plan built while such decisions wait would
 * merge the groups the reviewer has already changed, so SPEC §13 refuses it unless `--allow-pending`.
 */
export type PendingStructuralDecisions = (workspace: string, runId: string) => Promise<number>;

/**
 * The decisions journal (SPEC §10) is written by issue 7's journal work, which replaces this body with a fold of
 * `decisions.jsonl`; until a journal exists no decision can be pending, so the answer is 0. Callers (the CLI,
 * the export route) take the function as a parameter, so tests inject a stub that reports pending decisions.
 */
export const pendingStructuralDecisions: PendingStructuralDecisions = async () => 0;
