/**
 * Set a record's disposition (REVIEW §2.4): the four dispositions by text + icon, a reason from a pick-list and
 * free text. Focus starts on the current choice and returns to the opener on close.
 */
import { type ReactElement, useEffect, useId, useRef, useState } from 'react';
import { DISPOSITIONS, type Disposition } from '../../../src/shared/api.js';
import { Icon } from '../components/icons.js';
import { DISPOSITION_LABELS } from '../components/labels.js';

export const REASONS = [
  'Duplicate of the primary',
  'Active customer: keep',
  'Different legal entity',
  'Parent / subsidiary relationship',
  'Bad or test data',
  'Needs checking with the account owner',
  'Other',
] as const;

export function DispositionEditor(props: {
  accountName: string;
  initial: Disposition;
  busy: boolean;
  onSave: (value: Disposition, reason: string | null) => void;
  onCancel: () => void;
}): ReactElement {
  const { accountName, initial, busy, onSave, onCancel } = props;
  const [value, setValue] = useState<Disposition>(initial);
  const [pick, setPick] = useState<string>('');
  const [text, setText] = useState('');
  const first = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => first.current?.focus(), []);
  const reason = [pick, text.trim()].filter((s) => s.length > 0).join(': ') || null;
  return (
    <form
      className="disposition-editor"
      aria-label={`Set disposition of ${accountName}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(value, reason);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <fieldset>
        <legend>Disposition</legend>
        {DISPOSITIONS.map((d) => (
          <label key={d} className={`disp-choice disp-${d.toLowerCase()}`}>
            <input
              ref={d === initial ? first : undefined}
              type="radio"
              name={`${id}-disp`}
              value={d}
              checked={value === d}
              onChange={() => setValue(d)}
            />
            <Icon name={DISPOSITION_LABELS[d].icon} />
            {DISPOSITION_LABELS[d].text}
          </label>
        ))}
      </fieldset>
      <label>
        Reason{' '}
        <select value={pick} onChange={(e) => setPick(e.target.value)}>
          <option value="">(none)</option>
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note <input type="text" value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit" className="small-button primary" disabled={busy}>
        <Icon name="check" /> Save
      </button>
      <button type="button" className="small-button" onClick={onCancel}>
        <Icon name="close" /> Cancel
      </button>
    </form>
  );
}
