import type { Config } from '../config/schema.js';
import { withLinkedSpellings } from '../core/steward-aliases.js';
import { type AccountName, accountNamesOf } from '../engine/account-names.js';
import { mustLinksOfEveryDataset } from '../journal/applied.js';
import type { DecisionEvent } from '../journal/events.js';
import { decisionIdKey } from '../journal/fold.js';
import { normaliserOf } from './key-rewrites.js';
import type { Workspace } from './workspace.js';

/** What a run learned from the stewards' merges: the names linked, and the links whose records no run holds. */
export interface StewardAliases {
  /** Pairs of account names a steward merged, oldest decision first. */
  links: [string, string][];
  /** Must-links whose names could not be read: their dataset has no complete run holding both records. */
  unresolved: number;
}

/**
 * Issue 10: a steward's must-link is remembered as an alias for later runs and datasets. Each dataset's current
 * must-links (the journal's `events`, every dataset) are read as the two records' account names in that dataset's newest
 * complete run, so merging `Kaiser Hospital` into `Kaiser Permanente` in one export joins them in the next export.
 */
export async function stewardAliases(workspace: Workspace, events: readonly DecisionEvent[]): Promise<StewardAliases> {
  const byDataset = mustLinksOfEveryDataset(events);
  const out: StewardAliases = { links: [], unresolved: 0 };
  if (byDataset.size === 0) return out;
  const runs = await workspace.listRuns();
  for (const [dataset, links] of byDataset) {
    // Runs are listed newest first: the newest complete one names the dataset's records as the steward saw them.
    const run = runs.find((m) => m.dataset === dataset && m.status === 'complete');
    if (run === undefined) {
      out.unresolved += links.length;
      continue;
    }
    const names = await accountNamesOf(workspace.runDir(run.run_id), [...new Set(links.flatMap((l) => [l.a, l.b]))]);
    const byKey = new Map<string, AccountName>();
    for (const [id, name] of names) byKey.set(decisionIdKey(id), name);
    for (const link of links) {
      const a = byKey.get(link.a);
      const b = byKey.get(link.b);
      if (a === undefined || b === undefined) out.unresolved++;
      // A record of several names, or junk, assigned to a group is no spelling of its employer: no alias.
      else if (a.usable && b.usable) out.links.push([a.name, b.name]);
    }
  }
  return out;
}

/** `config` with the steward's linked names folded into `matching.aliases` (unchanged when there are none). */
export function withStewardAliases(config: Config, learned: StewardAliases): Config {
  if (learned.links.length === 0) return config;
  const normalise = normaliserOf(config);
  const aliases = withLinkedSpellings(config.matching.aliases, learned.links, (name) => normalise(name).name_core);
  return { ...config, matching: { ...config.matching, aliases } };
}
