/**
 * A pair's waterfall (issue 13, as Splink's): each feature's contribution as a bar that starts where the running
 * total stood, so a steward sees which evidence pushed the pair up or down, then the total and the probability.
 * v2 runs: bits (log2 Bayes factors, the prior first) summing to the match weight. Older runs: the score's terms in
 * points summing to the score. Each bar carries its value in words, not only its length and colour.
 */
import type { ReactElement } from 'react';
import type { PairEvidence } from '../../../src/shared/workbench-api.js';
import { featureLabel, fmtProbability, fmtWeight } from './evidence-words.js';

export function Waterfall({ evidence, caption }: { evidence: PairEvidence; caption?: string }): ReactElement {
  const bits = evidence.model === 'probability';
  const rows: { key: string; label: string; level: string; from: number; to: number; weight: number }[] = [];
  let total = 0;
  for (const c of evidence.contributions) {
    rows.push({
      key: `${c.feature}:${c.level}`,
      label: featureLabel(c.feature),
      level: c.level,
      from: total,
      to: total + c.weight,
      weight: c.weight,
    });
    total += c.weight;
  }
  const end = bits ? (evidence.match_weight ?? total) : total;
  const ends = [0, end, ...rows.flatMap((r) => [r.from, r.to])];
  const lo = Math.min(...ends, bits ? -1 : 0);
  const hi = Math.max(...ends, bits ? 1 : 100);
  const at = (x: number): number => ((x - lo) / (hi - lo || 1)) * 100;
  const bar = (from: number, to: number) => ({
    left: `${at(Math.min(from, to))}%`,
    width: `${Math.max(0.6, Math.abs(at(to) - at(from)))}%`,
  });
  return (
    <figure className="waterfall" data-testid="waterfall">
      {caption && <figcaption>{caption}</figcaption>}
      <div className="wf-rows">
        {rows.length === 0 && <p className="muted small">No per-feature breakdown in this run's pairs.</p>}
        {rows.map((r) => (
          <div className="wf-row" key={r.key}>
            <span className="wf-label" title={r.level}>
              {r.label}
              <span className="wf-level">{r.level}</span>
            </span>
            <span className="wf-track">
              <span className="wf-zero" style={{ left: `${at(0)}%` }} />
              <span className={r.weight >= 0 ? 'wf-bar up' : 'wf-bar down'} style={bar(r.from, r.to)} />
            </span>
            <span className={r.weight >= 0 ? 'wf-value up' : 'wf-value down'}>
              {r.weight >= 0 ? '+' : '−'}
              {fmtWeight(Math.abs(r.weight), evidence.model)}
            </span>
          </div>
        ))}
        <div className="wf-row wf-total">
          <span className="wf-label">{bits ? 'match weight' : 'score'}</span>
          <span className="wf-track">
            <span className="wf-zero" style={{ left: `${at(0)}%` }} />
            <span className="wf-bar total" style={bar(0, end)} />
          </span>
          <span className="wf-value">{fmtWeight(end, evidence.model)}</span>
        </div>
      </div>
      <p className="wf-result">
        match probability <strong>{fmtProbability(evidence.probability)}</strong>
        {bits ? '' : ' (the score, as a percentage: this run has no probability model)'}
      </p>
    </figure>
  );
}
