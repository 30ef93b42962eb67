/**
 * The steward's canonical names of a run's groups (issue 13), loaded once per screen and shared: the grid shows a
 * group's name beside its primary's, the drawer edits it. A stale name (typed for a member set that has changed)
 * is shown struck through with why, never as the group's name.
 */
import { createContext, type ReactElement, useContext, useMemo } from 'react';
import type { CanonicalNameView } from '../../../src/shared/workbench-api.js';
import { useResource } from '../api/use-resource.js';
import { workbenchApi } from './workbench-api.js';
import './workbench.css';

export interface CanonicalNamesState {
  byGroup: ReadonlyMap<string, CanonicalNameView>;
  reload: () => void;
}

export const CanonicalNamesContext = createContext<CanonicalNamesState | null>(null);

export function useCanonicalNamesResource(runId: string): CanonicalNamesState {
  const resource = useResource(`canonical:${runId}`, (signal) => workbenchApi.canonicalNames(runId, signal));
  const { data, reload } = resource;
  return useMemo(() => ({ byGroup: new Map((data?.names ?? []).map((n) => [n.group_id, n])), reload }), [data, reload]);
}

export function useCanonicalNames(): CanonicalNamesState | null {
  return useContext(CanonicalNamesContext);
}

/** The group's canonical name as a tag (grid and drawer), or nothing. */
export function CanonicalNameTag({ groupId }: { groupId: string }): ReactElement | null {
  const name = useCanonicalNames()?.byGroup.get(groupId);
  if (name === undefined || name.value === null) return null;
  const stale = name.state === 'stale';
  return (
    <span
      className={stale ? 'canonical-tag stale' : 'canonical-tag'}
      title={stale ? `Stale: ${name.stale_reason ?? ''}` : `Canonical name, set by ${name.reviewer}`}
      data-testid="canonical-tag"
    >
      {stale ? 'was named ' : 'named '}
      <span className="canonical-value">{name.value}</span>
    </span>
  );
}
