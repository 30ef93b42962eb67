/**
 * Active filters as removable chips, plus the panel that sets the ones the summary strip cannot (REVIEW §2.2:
 * disposition mode, size and edge ranges, flags, join reason). Everything lives in the URL.
 */
import { type ReactElement, useEffect, useRef, useState } from 'react';
import {
  CHANGE_KINDS,
  type ChangeKind,
  DISPOSITIONS,
  GROUP_FLAGS,
  type GroupQuery,
  JOIN_REASONS,
} from '../../../src/shared/api.js';
import { Icon } from '../components/icons.js';
import { DISPOSITION_LABELS, FLAG_LABELS, JOIN_REASON_LABELS } from '../components/labels.js';

const CHANGE_LABELS: Record<ChangeKind, string> = {
  new_records: 'new records',
  gained: 'gained members',
  lost: 'lost members',
};

/** A tri-state yes / no / any filter as a select (reviewed, has decision). */
function TriState(props: {
  label: string;
  value: 'true' | 'false' | undefined;
  yes: string;
  no: string;
  onChange: (v: 'true' | 'false' | undefined) => void;
}): ReactElement {
  return (
    <label className="num-field">
      <span>{props.label}</span>
      <select
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : (e.target.value as 'true' | 'false'))}
      >
        <option value="">any</option>
        <option value="true">{props.yes}</option>
        <option value="false">{props.no}</option>
      </select>
    </label>
  );
}

interface Chip {
  key: string;
  text: string;
  remove: Partial<GroupQuery>;
}

const range = (label: string, min: number | undefined, max: number | undefined): string =>
  min !== undefined && max !== undefined
    ? `${label} ${min}–${max}`
    : min !== undefined
      ? `${label} ≥ ${min}`
      : `${label} ≤ ${max}`;

const without = <T,>(list: readonly T[] | undefined, item: T): T[] | undefined => {
  const rest = (list ?? []).filter((x) => x !== item);
  return rest.length === 0 ? undefined : rest;
};

export function activeChips(q: GroupQuery): Chip[] {
  const chips: Chip[] = [];
  if (q.q) chips.push({ key: 'q', text: `Search: “${q.q}”`, remove: { q: undefined } });
  for (const d of q.disposition ?? []) {
    const mode = q.dispositionMode === 'primary' ? 'Primary is' : 'Contains';
    chips.push({ key: `d:${d}`, text: `${mode} ${d}`, remove: { disposition: without(q.disposition, d) } });
  }
  if (q.sizeMin !== undefined || q.sizeMax !== undefined)
    chips.push({
      key: 'size',
      text: range('Size', q.sizeMin, q.sizeMax),
      remove: { sizeMin: undefined, sizeMax: undefined },
    });
  if (q.edgeMin !== undefined || q.edgeMax !== undefined)
    chips.push({
      key: 'edge',
      text: range('Edge', q.edgeMin, q.edgeMax),
      remove: { edgeMin: undefined, edgeMax: undefined },
    });
  for (const f of q.flags ?? [])
    chips.push({ key: `f:${f}`, text: FLAG_LABELS[f].text, remove: { flags: without(q.flags, f) } });
  for (const j of q.joinReason ?? [])
    chips.push({
      key: `j:${j}`,
      text: `Joined: ${JOIN_REASON_LABELS[j] ?? j}`,
      remove: { joinReason: without(q.joinReason, j) },
    });
  for (const c of q.change ?? [])
    chips.push({ key: `c:${c}`, text: `Changed: ${CHANGE_LABELS[c]}`, remove: { change: without(q.change, c) } });
  if (q.reviewed !== undefined)
    chips.push({
      key: 'reviewed',
      text: q.reviewed === 'true' ? 'Reviewed' : 'Not reviewed',
      remove: { reviewed: undefined },
    });
  if (q.hasDecision !== undefined)
    chips.push({
      key: 'decision',
      text: q.hasDecision === 'true' ? 'Has decisions' : 'No decisions',
      remove: { hasDecision: undefined },
    });
  if (q.multiOnly !== undefined)
    chips.push({
      key: 'multi',
      text: q.multiOnly === 'true' ? 'Multi-record groups only' : 'Including singletons',
      remove: { multiOnly: undefined },
    });
  return chips;
}

export function FilterChips(props: {
  query: GroupQuery;
  onChange: (patch: Partial<GroupQuery>) => void;
}): ReactElement {
  const { query, onChange } = props;
  const chips = activeChips(query);
  const [open, setOpen] = useState(false);
  const rowRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  // The panel closes on a click outside it (and on Escape, below).
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent): void => {
      if (e.target instanceof Node && !rowRef.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  return (
    <div className="chips-row" ref={rowRef}>
      <button
        ref={toggleRef}
        type="button"
        className="filters-toggle"
        aria-expanded={open}
        aria-controls="filter-panel"
        onClick={() => setOpen((o) => !o)}
      >
        Filters{chips.length > 0 ? ` (${chips.length})` : ''}
      </button>
      <ul className="chips" aria-label="Active filters">
        {chips.map((c) => (
          <li key={c.key} className="chip">
            <span>{c.text}</span>
            <button type="button" aria-label={`Remove filter ${c.text}`} onClick={() => onChange(c.remove)}>
              <Icon name="close" />
            </button>
          </li>
        ))}
      </ul>
      {chips.length > 1 && (
        <button
          type="button"
          className="link-button"
          onClick={() => onChange(Object.assign({}, ...chips.map((c) => c.remove)) as Partial<GroupQuery>)}
        >
          Clear all
        </button>
      )}
      {open && (
        <FilterPanel
          query={query}
          onChange={onChange}
          onClose={() => {
            setOpen(false);
            toggleRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}

function toggle<T>(list: readonly T[] | undefined, item: T): T[] | undefined {
  return (list ?? []).includes(item) ? without(list, item) : [...(list ?? []), item];
}

function NumberField(props: {
  label: string;
  value: number | undefined;
  onCommit: (v: number | undefined) => void;
}): ReactElement {
  const { label, value, onCommit } = props;
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const commit = (): void => {
    const v = text.trim() === '' ? undefined : Number(text);
    if (v === undefined || Number.isFinite(v)) onCommit(v);
  };
  return (
    <label className="num-field">
      <span>{label}</span>
      <input
        type="number"
        inputMode="numeric"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </label>
  );
}

function FilterPanel(props: {
  query: GroupQuery;
  onChange: (patch: Partial<GroupQuery>) => void;
  onClose: () => void;
}): ReactElement {
  const { query: q, onChange, onClose } = props;
  return (
    <fieldset
      id="filter-panel"
      className="filter-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <legend className="sr-only">Filters</legend>
      <fieldset>
        <legend>Disposition</legend>
        <div className="radio-row">
          {(['contains', 'primary'] as const).map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="disposition-mode"
                checked={q.dispositionMode === m}
                onChange={() => onChange({ dispositionMode: m })}
              />
              {m === 'contains' ? 'group contains' : 'primary is'}
            </label>
          ))}
        </div>
        {DISPOSITIONS.map((d) => (
          <label key={d} className="check">
            <input
              type="checkbox"
              checked={q.disposition?.includes(d) ?? false}
              onChange={() => onChange({ disposition: toggle(q.disposition, d) })}
            />
            <span className={`disp disp-${d.toLowerCase()}`}>
              <Icon name={DISPOSITION_LABELS[d].icon} />
              {d}
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Size and edge score</legend>
        <div className="num-row">
          <NumberField label="Size from" value={q.sizeMin} onCommit={(v) => onChange({ sizeMin: v })} />
          <NumberField label="to" value={q.sizeMax} onCommit={(v) => onChange({ sizeMax: v })} />
        </div>
        <div className="num-row">
          <NumberField label="Edge from" value={q.edgeMin} onCommit={(v) => onChange({ edgeMin: v })} />
          <NumberField label="to" value={q.edgeMax} onCommit={(v) => onChange({ edgeMax: v })} />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={q.multiOnly === 'true'}
            onChange={(e) => onChange({ multiOnly: e.target.checked ? 'true' : undefined })}
          />
          Multi-record groups only
        </label>
      </fieldset>
      <fieldset>
        <legend>Flags</legend>
        {GROUP_FLAGS.map((f) => (
          <label key={f} className="check">
            <input
              type="checkbox"
              checked={q.flags?.includes(f) ?? false}
              onChange={() => onChange({ flags: toggle(q.flags, f) })}
            />
            <Icon name={FLAG_LABELS[f].icon} />
            {FLAG_LABELS[f].text}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Review and changes</legend>
        <TriState
          label="Reviewed"
          value={q.reviewed}
          yes="reviewed"
          no="not reviewed"
          onChange={(v) => onChange({ reviewed: v })}
        />
        <TriState
          label="Decisions"
          value={q.hasDecision}
          yes="has decisions"
          no="no decisions"
          onChange={(v) => onChange({ hasDecision: v })}
        />
        {CHANGE_KINDS.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              checked={q.change?.includes(c) ?? false}
              onChange={() => onChange({ change: toggle(q.change, c) })}
            />
            Changed: {CHANGE_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Join reason</legend>
        {JOIN_REASONS.map((j) => (
          <label key={j} className="check">
            <input
              type="checkbox"
              checked={q.joinReason?.includes(j) ?? false}
              onChange={() => onChange({ joinReason: toggle(q.joinReason, j) })}
            />
            {JOIN_REASON_LABELS[j] ?? j}
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}
