/**
 * Counts behind the summary strip (REVIEW §2.2: totals by disposition and by flag, each a one-click filter), from
 * the server's facets endpoint: each count is the true total of the query that button's click produces.
 */
import type { FacetCounts, GroupQuery } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { type Resource, useResource } from '../api/use-resource.js';
import { groupQueryToSearch } from '../query/group-query.js';

export function useSummaryCounts(runId: string, query: GroupQuery): Resource<FacetCounts> {
  return useResource(`${runId}${groupQueryToSearch(query)}`, (signal) => api.facets(runId, query, signal));
}
