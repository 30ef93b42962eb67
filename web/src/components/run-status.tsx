/** A run's status as icon + word (complete, running with its stage, failed, interrupted). */
import type { ReactElement } from 'react';
import { Icon, type IconName } from './icons.js';

const STATUS: Record<string, { icon: IconName; text: string }> = {
  complete: { icon: 'check', text: 'Complete' },
  running: { icon: 'spinner', text: 'Running' },
  failed: { icon: 'conflict', text: 'Failed' },
  interrupted: { icon: 'conflict', text: 'Interrupted' },
};

export const isLive = (status: string): boolean => status === 'running';

export function RunStatus(props: { status: string; stage?: string | null; detail?: string }): ReactElement {
  const { status, stage, detail } = props;
  const s = STATUS[status] ?? { icon: 'conflict' as const, text: status.charAt(0).toUpperCase() + status.slice(1) };
  const live = isLive(status);
  return (
    <span className={`status status-${status.split(' ')[0]}`}>
      <Icon name={s.icon} className={live ? 'spin' : undefined} />
      <span>
        {s.text}
        {live && stage ? `: ${stage}` : ''}
        {detail ? <span className="muted"> {detail}</span> : null}
      </span>
    </span>
  );
}
