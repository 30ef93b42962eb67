/**
 * Search by member name (prefix, or fuzzy when nothing starts with it), account id or group id (REVIEW §2.2).
 * Typing updates the URL after a short pause (replacing the history entry, so Back skips keystrokes); Enter
 * applies at once; `/` anywhere focuses this box.
 */
import { type ReactElement, type Ref, useEffect, useRef, useState } from 'react';
import { Icon } from '../components/icons.js';

const DEBOUNCE_MS = 250;

export function SearchBox(props: {
  value: string;
  onSearch: (q: string) => void;
  onDone: () => void;
  ref?: Ref<HTMLInputElement>;
}): ReactElement {
  const { value, onSearch, onDone, ref } = props;
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => setText(value), [value]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const apply = (q: string): void => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (q.trim() !== value) onSearch(q.trim());
  };
  return (
    <search className="search">
      <label htmlFor="group-search" className="sr-only">
        Search groups by member name, account id or group id
      </label>
      <Icon name="search" />
      <input
        id="group-search"
        ref={ref}
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder="Search member name, account id, group id"
        value={text}
        onChange={(e) => {
          const q = e.target.value;
          setText(q);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => apply(q), DEBOUNCE_MS);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply(text);
            onDone();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            if (text.length > 0) {
              setText('');
              apply('');
            } else onDone();
          }
        }}
      />
      <kbd className="key-hint" title="Press / to search from anywhere">
        /
      </kbd>
    </search>
  );
}
