/**
 * The group as a graph (issue 13), in plain SVG: the group's distinct names (its (core, suffix) keys) as nodes laid
 * out as a tree from the primary, the edges members joined through (solid, with their probability), the scored
 * pairs inside the group that were not used (dashed), weak bridges marked in words. Pick an edge to see its
 * waterfall; an accepted edge can be split (a cannot-link across it, applied on the next run).
 */
import { type KeyboardEvent, type ReactElement, useMemo, useState } from 'react';
import type { GroupGraph as Graph, GraphEdge, GraphNode } from '../../../src/shared/workbench-api.js';
import { useResource } from '../api/use-resource.js';
import { Icon } from '../components/icons.js';
import type { Decisions } from '../decisions/use-decisions.js';
import { fmtInt } from '../format.js';
import { edgeWords } from './edge-words.js';
import { fmtProbability } from './evidence-words.js';
import { useJournalWrite } from './use-journal-write.js';
import { Waterfall } from './waterfall.js';
import { workbenchApi } from './workbench-api.js';
import './workbench.css';

const COL_W = 230;
const NODE_W = 190;
const NODE_H = 26;
const ROW_H = 36;
const MARGIN = 12;
/** Room under the last row for the arcs of unused pairs. */
const RAIL = 34;
/** Characters of a node label before an ellipsis (the full name is in the node's title). */
const LABEL_CHARS = 27;

interface Placed {
  node: GraphNode;
  x: number;
  y: number;
}

/** A tidy tree: depth is the column, leaves take successive rows, a parent sits at the middle of its children. */
function layout(nodes: readonly GraphNode[]): { placed: Map<string, Placed>; width: number; height: number } {
  const children = new Map<string, GraphNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  const roots: GraphNode[] = [];
  for (const n of nodes) {
    if (n.parent === null || !ids.has(n.parent)) roots.push(n);
    else {
      const list = children.get(n.parent) ?? [];
      if (list.length === 0) children.set(n.parent, list);
      list.push(n);
    }
  }
  for (const list of children.values()) list.sort((a, b) => b.records - a.records || a.label.localeCompare(b.label));
  const placed = new Map<string, Placed>();
  let row = 0;
  let maxDepth = 0;
  // Post-order without recursion: a node is placed after its children.
  const stack: { node: GraphNode; depth: number; visited: boolean }[] = roots
    .reverse()
    .map((node) => ({ node, depth: 0, visited: false }));
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { node: GraphNode; depth: number; visited: boolean };
    const kids = children.get(top.node.id) ?? [];
    if (!top.visited && kids.length > 0) {
      top.visited = true;
      for (let k = kids.length - 1; k >= 0; k--)
        stack.push({ node: kids[k] as GraphNode, depth: top.depth + 1, visited: false });
      continue;
    }
    stack.pop();
    maxDepth = Math.max(maxDepth, top.depth);
    const ys = kids.map((k) => placed.get(k.id)?.y).filter((y): y is number => y !== undefined);
    const y = ys.length > 0 ? (Math.min(...ys) + Math.max(...ys)) / 2 : MARGIN + row++ * ROW_H;
    placed.set(top.node.id, { node: top.node, x: MARGIN + top.depth * COL_W, y });
  }
  return {
    placed,
    width: MARGIN * 2 + maxDepth * COL_W + NODE_W,
    height: MARGIN * 2 + Math.max(1, row) * ROW_H + RAIL,
  };
}

const edgeKey = (e: GraphEdge): string => `${e.a}\u0002${e.b}\u0002${e.accepted}`;
const short = (text: string): string => (text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text);

export function GroupGraph(props: { runId: string; groupId: string; decisions: Decisions }): ReactElement | null {
  const { runId, groupId, decisions } = props;
  const graph = useResource(`graph:${runId}:${groupId}`, (signal) => workbenchApi.graph(runId, groupId, signal));
  const data = graph.data?.group_id === groupId ? graph.data : undefined;
  if (graph.error) return <p className="error">Could not load the group graph: {graph.error.message}</p>;
  if (data === undefined || data.nodesTotal < 2) return null;
  return (
    <section className="drawer-section group-graph" aria-labelledby="group-graph" data-testid="group-graph">
      <div className="section-head">
        <h3 id="group-graph">Group graph</h3>
        <span className="muted">
          {fmtInt(data.nodesTotal)} distinct names · {fmtInt(data.nodesTotal - 1)} joins · {fmtInt(data.rejectedTotal)}{' '}
          scored pairs not used
          {data.nodes.length < data.nodesTotal && ` · the ${fmtInt(data.nodes.length)} nearest the primary are drawn`}
        </span>
      </div>
      <GraphBody key={groupId} runId={runId} data={data} decisions={decisions} />
    </section>
  );
}

function GraphBody(props: { runId: string; data: Graph; decisions: Decisions }): ReactElement {
  const { runId, data, decisions } = props;
  const { placed, width, height } = useMemo(() => layout(data.nodes), [data.nodes]);
  const [selected, setSelected] = useState<GraphEdge | null>(() => data.edges.find((e) => e.weak_bridge) ?? null);
  const [showRejected, setShowRejected] = useState(true);
  const edges = data.edges.filter((e) => e.accepted || showRejected);
  const pick = (e: GraphEdge) => () => setSelected(selected !== null && edgeKey(selected) === edgeKey(e) ? null : e);
  const onKey = (e: GraphEdge) => (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick(e)();
    }
  };
  return (
    <>
      <div className="graph-legend small">
        <span>
          <svg width="26" height="8" aria-hidden="true">
            <line className="g-edge accepted" x1="1" x2="25" y1="4" y2="4" />
          </svg>
          joined
        </span>
        <span>
          <svg width="26" height="8" aria-hidden="true">
            <line className="g-edge weak" x1="1" x2="25" y1="4" y2="4" />
          </svg>
          weak bridge
        </span>
        <label>
          <input type="checkbox" checked={showRejected} onChange={(e) => setShowRejected(e.target.checked)} />
          <svg width="26" height="8" aria-hidden="true">
            <line className="g-edge rejected" x1="1" x2="25" y1="4" y2="4" />
          </svg>
          scored pairs not used
        </label>
        <span className="muted">Pick an edge for its evidence; a joined edge can be split.</span>
      </div>
      <div className="graph-scroll">
        <svg
          className="graph-svg"
          viewBox={`0 0 ${width} ${height}`}
          style={{ width: '100%', maxWidth: `${width}px` }}
          aria-label="Group graph"
        >
          {edges.map((e) => {
            const a = placed.get(e.a);
            const b = placed.get(e.b);
            if (a === undefined || b === undefined) return null;
            const isSelected = selected !== null && edgeKey(selected) === edgeKey(e);
            const kind = e.accepted ? (e.weak_bridge ? 'weak' : 'accepted') : 'rejected';
            let d: string;
            let mid: { x: number; y: number };
            if (e.accepted) {
              // Parent (left) to child (right), a gentle S.
              const [left, right] = a.x <= b.x ? [a, b] : [b, a];
              const x1 = left.x + NODE_W;
              const y1 = left.y + NODE_H / 2;
              const x2 = right.x;
              const y2 = right.y + NODE_H / 2;
              const cx = (x1 + x2) / 2;
              d = `M${x1},${y1} C${cx},${y1} ${cx},${y2} ${x2},${y2}`;
              mid = { x: cx, y: (y1 + y2) / 2 };
            } else {
              // A U under both nodes (bottom centre to bottom centre), so it does not run through the labels.
              const x1 = a.x + NODE_W / 2 + 12;
              const x2 = b.x + NODE_W / 2 - 12;
              const y1 = a.y + NODE_H;
              const y2 = b.y + NODE_H;
              const low = Math.max(y1, y2) + Math.min(RAIL, 10 + Math.abs(x2 - x1) / 12);
              d = `M${x1},${y1} C${x1},${low} ${x2},${low} ${x2},${y2}`;
              mid = { x: (x1 + x2) / 2, y: low - 2 };
            }
            // Exact-name joins need no number (their title says "same name"); reviewer links say so.
            const label =
              e.evidence === null
                ? e.join_reason === 'must_link'
                  ? 'linked'
                  : ''
                : fmtProbability(e.evidence.probability);
            return (
              // biome-ignore lint/a11y/useSemanticElements: an SVG edge cannot be a <button>; it is focusable and Enter/Space pick it
              <g
                key={edgeKey(e)}
                className={`g-edge-group ${kind}${isSelected ? ' selected' : ''}`}
                tabIndex={0}
                role="button"
                aria-pressed={isSelected}
                aria-label={`${e.name_a} – ${e.name_b}: ${edgeWords(e, data.thresholds)}${e.weak_bridge ? ', weak bridge' : ''}`}
                onClick={pick(e)}
                onKeyDown={onKey(e)}
                data-testid={`graph-edge-${kind}`}
              >
                <title>{`${e.name_a} – ${e.name_b}: ${edgeWords(e, data.thresholds)}`}</title>
                <path className="g-hit" d={d} />
                <path className={`g-edge ${kind}`} d={d} />
                {(e.accepted || isSelected) && (
                  <text className="g-edge-label" x={mid.x} y={mid.y - 3} textAnchor="middle">
                    {label}
                    {e.weak_bridge ? ' weak' : ''}
                  </text>
                )}
              </g>
            );
          })}
          {[...placed.values()].map(({ node, x, y }) => (
            <g key={node.id} className={node.is_primary ? 'g-node primary' : 'g-node'} data-testid="graph-node">
              <title>{`${node.label} — ${node.records} records, ${node.names} distinct names`}</title>
              <rect x={x} y={y} width={NODE_W} height={NODE_H} rx="4" />
              <text x={x + 8} y={y + 17}>
                {node.is_primary ? '★ ' : ''}
                {short(node.label)}
              </text>
              {node.records > 1 && (
                <text className="g-count" x={x + NODE_W - 6} y={y + 17} textAnchor="end">
                  ×{node.records}
                </text>
              )}
            </g>
          ))}
        </svg>
      </div>
      {selected && (
        <EdgePanel
          key={edgeKey(selected)}
          runId={runId}
          groupId={data.group_id}
          edge={selected}
          thresholds={data.thresholds}
          decisions={decisions}
        />
      )}
    </>
  );
}

function EdgePanel(props: {
  runId: string;
  groupId: string;
  edge: GraphEdge;
  thresholds: Graph['thresholds'];
  decisions: Decisions;
}): ReactElement {
  const { runId, groupId, edge, thresholds, decisions } = props;
  const [confirming, setConfirming] = useState(false);
  const write = useJournalWrite(decisions);
  const { busy, message } = write;
  const split = async (): Promise<void> => {
    const done = await write.run(
      (baseSeq) =>
        workbenchApi.splitEdge(runId, groupId, {
          account_id_a: edge.account_id_a,
          account_id_b: edge.account_id_b,
          base_seq: baseSeq,
        }),
      (r) => `Split recorded (${r.split_off} records on the cut side): it applies on the next run.`,
    );
    if (done) setConfirming(false);
  };
  return (
    <div className="edge-panel" data-testid="edge-panel">
      <p>
        <strong>{edge.name_a}</strong> – <strong>{edge.name_b}</strong>: {edgeWords(edge, thresholds)}
        {edge.weak_bridge && (
          <span className="flag flag-weak_bridge">
            <Icon name="bridge" /> weak bridge
          </span>
        )}
      </p>
      {edge.evidence && <Waterfall evidence={edge.evidence} />}
      {edge.accepted && (
        <div className="edge-actions">
          {!confirming ? (
            <button
              type="button"
              className="small-button"
              disabled={!decisions.enabled || busy}
              onClick={() => setConfirming(true)}
              data-testid="split-edge"
            >
              <Icon name="split" /> Split here…
            </button>
          ) : (
            <>
              <span>
                Keep “{edge.name_a}” and the {fmtInt(edge.split_off ?? 0)} records under it apart from the rest of the
                group?
              </span>
              <button
                type="button"
                className="small-button danger"
                disabled={busy}
                onClick={() => void split()}
                data-testid="confirm-split"
              >
                <Icon name="split" /> Split
              </button>
              <button type="button" className="small-button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          )}
        </div>
      )}
      {message && (
        <p className="muted" role="status" data-testid="split-message">
          {message}
        </p>
      )}
    </div>
  );
}
