/**
 * Inline SVG icons (no icon font, no CDN). Each is decorative (`aria-hidden`): wherever an icon carries meaning
 * it sits next to its words (REVIEW §3: dispositions by text + icon, never colour alone).
 */
import type { ReactElement } from 'react';

export type IconName =
  | 'keep'
  | 'update'
  | 'delete'
  | 'verify'
  | 'suffix'
  | 'alias'
  | 'blacklist'
  | 'bridge'
  | 'primary'
  | 'conflict'
  | 'search'
  | 'close'
  | 'sort-asc'
  | 'sort-desc'
  | 'sort-none'
  | 'download'
  | 'back'
  | 'next'
  | 'check'
  | 'spinner'
  | 'undo'
  | 'split'
  | 'merge'
  | 'edit';

const PATHS: Record<IconName, ReactElement> = {
  keep: <path d="M3.5 8.5l3 3 6-7" />,
  update: (
    <>
      <path d="M2.5 4.5h7l-2-2M9.5 4.5l-2 2" />
      <path d="M13.5 11.5h-7l2 2M6.5 11.5l2-2" />
    </>
  ),
  delete: (
    <>
      <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5" />
      <path d="M7 7v4M9 7v4" />
    </>
  ),
  verify: (
    <>
      <path d="M8 2l6.2 11H1.8z" />
      <path d="M8 6.5v3M8 11.3v.2" />
    </>
  ),
  suffix: <path d="M3 6h10M3 10h10M10.5 3.5l-5 9" />,
  alias: (
    <>
      <path d="M6.5 9.5l3-3" />
      <path d="M7.5 4.5l1-1a2.5 2.5 0 013.5 3.5l-1 1M8.5 11.5l-1 1A2.5 2.5 0 014 9l1-1" />
    </>
  ),
  blacklist: (
    <>
      <circle cx="8" cy="8" r="5.5" />
      <path d="M4.2 4.2l7.6 7.6" />
    </>
  ),
  bridge: <path d="M1.5 11.5h3M11.5 11.5h3M4.5 11.5c1-4 6-4 7 0M6 9.5v2M10 9.5v2" />,
  primary: <path d="M8 1.8l1.9 3.9 4.3.6-3.1 3 .7 4.3L8 11.6l-3.8 2 .7-4.3-3.1-3 4.3-.6z" />,
  conflict: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.8v3.7M8 10.8v.3" />
    </>
  ),
  search: (
    <>
      <circle cx="7" cy="7" r="4.5" />
      <path d="M10.5 10.5l3.5 3.5" />
    </>
  ),
  close: <path d="M4 4l8 8M12 4l-8 8" />,
  'sort-asc': <path d="M8 3.5v9M4.5 7L8 3.5 11.5 7" />,
  'sort-desc': <path d="M8 12.5v-9M4.5 9L8 12.5 11.5 9" />,
  'sort-none': <path d="M5 6l3-3 3 3M5 10l3 3 3-3" />,
  download: <path d="M8 2.5v8M4.5 7L8 10.5 11.5 7M3 13.5h10" />,
  back: <path d="M10 3.5L5.5 8l4.5 4.5" />,
  next: <path d="M6 3.5L10.5 8 6 12.5" />,
  check: <path d="M3.5 8.5l3 3 6-7" />,
  spinner: <path d="M8 2a6 6 0 106 6" />,
  undo: <path d="M5.5 3.5L2.5 6.5l3 3M2.5 6.5h7a4 4 0 010 8h-2" />,
  split: <path d="M8 2.5v4M8 6.5l-4.5 7M8 6.5l4.5 7M2 13.5h3M11 13.5h3" />,
  merge: <path d="M3.5 2.5l4.5 5 4.5-5M8 7.5v6M5.5 11L8 13.5 10.5 11" />,
  edit: <path d="M10.5 2.5l3 3-8 8h-3v-3z" />,
};

export function Icon({ name, className }: { name: IconName; className?: string }): ReactElement {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
