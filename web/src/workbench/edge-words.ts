/** How an edge of a group reads (issue 13): its probability against the run's thresholds, or why it needs none. */
import type { Thresholds } from '../../../src/shared/api.js';
import type { GraphEdge } from '../../../src/shared/workbench-api.js';
import { fmtProbability } from './evidence-words.js';

/**
 * @example edgeWords({ join_reason: 'edge>=medium+shared_token', evidence: { score: 89, probability: 0.89 } }, { high: 92, medium: 88 })
 *   → '89%, above medium 88% with a shared distinctive word'
 */
export function edgeWords(e: GraphEdge, thresholds: Thresholds): string {
  if (e.evidence === null) {
    if (e.join_reason === 'exact_name') return 'same name';
    if (e.join_reason === 'must_link') return 'linked by a reviewer';
    return e.join_reason ?? 'joined';
  }
  const p = fmtProbability(e.evidence.probability);
  const s = e.evidence.score;
  if (!e.accepted) {
    if (s >= thresholds.high) return `${p}, above high ${thresholds.high}% — not needed (already joined)`;
    if (s >= thresholds.medium) return `${p}, above medium ${thresholds.medium}% — not needed or refused`;
    return `${p}, under medium ${thresholds.medium}%`;
  }
  if (s >= thresholds.high) return `${p}, above high ${thresholds.high}%`;
  if (e.join_reason === 'edge>=medium+shared_token')
    return `${p}, above medium ${thresholds.medium}% with a shared distinctive word`;
  return p;
}
