/**
 * Keyboard flow of the groups screen (REVIEW §2.2): j/k move, Enter opens, / focuses search, Escape closes the
 * drawer. Part 2 adds 1–4 (set a disposition) and r (mark reviewed) as optional actions on the same map, so the
 * decision handlers slot in without touching the listener.
 */
import { useEffect, useRef } from 'react';
import { DISPOSITIONS, type Disposition } from '../../../src/shared/api.js';

export interface GridKeyActions {
  move: (delta: number) => void;
  open: () => void;
  focusSearch: () => void;
  /** Close the drawer; false when nothing was open. */
  close: () => boolean;
  /** Part 2 (REVIEW §2.4): decisions on the active group / record. */
  setDisposition?: (disposition: Disposition) => void;
  markReviewed?: () => void;
  /** Bulk actions (REVIEW §2.4): toggle the active row's selection. */
  toggleSelect?: () => void;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** Enter belongs to buttons and links; it opens a group only from a grid row or from nowhere in particular. */
function enterOpensGroup(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  return target === document.body || target.matches('tr[data-index]');
}

export function useGridKeys(actions: GridKeyActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isEditable(e.target)) return;
      const a = ref.current;
      switch (e.key) {
        case 'j':
        case 'k':
          e.preventDefault();
          a.move(e.key === 'j' ? 1 : -1);
          return;
        case 'ArrowDown':
        case 'ArrowUp':
          // Arrows keep their scrolling meaning except on a grid row.
          if (!(e.target instanceof HTMLElement && e.target.matches('tr[data-index]'))) return;
          e.preventDefault();
          a.move(e.key === 'ArrowDown' ? 1 : -1);
          return;
        case 'Enter':
          if (!enterOpensGroup(e.target)) return;
          e.preventDefault();
          a.open();
          return;
        case '/':
          e.preventDefault();
          a.focusSearch();
          return;
        case 'Escape':
          if (a.close()) e.preventDefault();
          return;
        case 'x':
          if (a.toggleSelect) {
            e.preventDefault();
            a.toggleSelect();
          }
          return;
        case 'r':
          if (a.markReviewed) {
            e.preventDefault();
            a.markReviewed();
          }
          return;
        default: {
          const n = Number(e.key);
          const d = Number.isInteger(n) && n >= 1 && n <= 4 ? DISPOSITIONS[n - 1] : undefined;
          if (d && a.setDisposition) {
            e.preventDefault();
            a.setDisposition(d);
          }
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
