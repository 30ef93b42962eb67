import type { ReactElement } from 'react';
import type { Disposition } from '../../../src/shared/api.js';
import { Icon } from './icons.js';
import { DISPOSITION_LABELS } from './labels.js';

/** A disposition as icon + word (+ optional count), coloured as a secondary cue only. */
export function DispositionBadge({ value, count }: { value: Disposition; count?: number }): ReactElement {
  const label = DISPOSITION_LABELS[value];
  return (
    <span className={`disp disp-${value.toLowerCase()}`} title={label.hint}>
      <Icon name={label.icon} />
      {count === undefined ? label.text : `${count.toLocaleString('en-US')} ${label.text}`}
    </span>
  );
}
