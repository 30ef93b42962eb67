/**
 * A small SVG line chart over thresholds (issue 13's explorer): series of (t, y) with gaps for nulls, vertical
 * markers (the run's thresholds, the chosen one), and a click that picks the nearest threshold. Plain SVG in a
 * viewBox, so it scales with its column; the legend is HTML with a line sample and words (not colour alone).
 */
import type { MouseEvent, ReactElement } from 'react';

export interface Series {
  name: string;
  className: string;
  points: { x: number; y: number | null }[];
}

export interface Marker {
  x: number;
  label: string;
  className: string;
}

const W = 640;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

export function LineChart(props: {
  title: string;
  series: Series[];
  markers: Marker[];
  xDomain: [number, number];
  yDomain: [number, number];
  yFormat: (y: number) => string;
  onPick?: (x: number) => void;
  testId?: string;
}): ReactElement {
  const { series, markers, xDomain, yDomain, yFormat, onPick } = props;
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const sx = (x: number): number => PAD.left + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.left - PAD.right);
  const sy = (y: number): number => H - PAD.bottom - ((y - y0) / (y1 - y0 || 1)) * (H - PAD.top - PAD.bottom);
  const xTicks: number[] = [];
  const step = x1 - x0 > 40 ? 10 : 5;
  for (let x = Math.ceil(x0 / step) * step; x <= x1; x += step) xTicks.push(x);
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((k) => y0 + k * (y1 - y0));
  const path = (s: Series): string => {
    let d = '';
    let pen = false;
    for (const p of s.points) {
      if (p.x < x0 || p.x > x1 || p.y === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  const pick = (event: MouseEvent<SVGSVGElement>): void => {
    if (!onPick) return;
    const box = event.currentTarget.getBoundingClientRect();
    const vx = ((event.clientX - box.left) / box.width) * W;
    const x = x0 + ((vx - PAD.left) / (W - PAD.left - PAD.right)) * (x1 - x0);
    onPick(Math.round(Math.min(x1, Math.max(x0, x))));
  };
  return (
    <figure className="line-chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a click on the chart is a shortcut; the slider is the keyboard path */}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} onClick={pick}>
        {yTicks.map((y) => (
          <g key={`y${y}`} className="lc-grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={sy(y)} y2={sy(y)} />
            <text x={PAD.left - 6} y={sy(y) + 4} textAnchor="end">
              {yFormat(y)}
            </text>
          </g>
        ))}
        {xTicks.map((x) => (
          <text key={`x${x}`} className="lc-tick" x={sx(x)} y={H - 8} textAnchor="middle">
            {x}%
          </text>
        ))}
        {markers
          .filter((m) => m.x >= x0 && m.x <= x1)
          .map((m) => (
            <g key={`${m.className}-${m.x}`} className={`lc-marker ${m.className}`}>
              <line x1={sx(m.x)} x2={sx(m.x)} y1={PAD.top} y2={H - PAD.bottom} />
              <text x={sx(m.x) + 3} y={m.className === 'chosen' ? PAD.top + 22 : PAD.top + 9}>
                {m.label}
              </text>
            </g>
          ))}
        {series.map((s) => (
          <path key={s.name} className={`lc-line ${s.className}`} d={path(s)} />
        ))}
      </svg>
      <ul className="lc-legend">
        {series.map((s) => (
          <li key={s.name}>
            <svg width="22" height="8" aria-hidden="true">
              <line className={`lc-line ${s.className}`} x1="1" x2="21" y1="4" y2="4" />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
