import { useEffect, useRef, useState } from 'react';

/** How long typing must pause before a search or filter text is applied. */
export const TYPING_DEBOUNCE_MS = 300;

/**
 * A text field's own state that is committed `delayMs` after the last keystroke, so a list is
 * not fetched for every letter. When `committed` changes from outside (a link, "clear filters",
 * the back button), the field follows it.
 */
export function useDebouncedText(
  committed: string,
  commit: (text: string) => void,
  delayMs = TYPING_DEBOUNCE_MS,
): [string, (text: string) => void] {
  const [text, setText] = useState(committed);
  const [seen, setSeen] = useState(committed);
  if (committed !== seen) {
    // Adjusting state while rendering (React's pattern for "reset when a prop changes").
    setSeen(committed);
    setText(committed);
  }
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  }, [commit]);
  useEffect(() => {
    if (text === committed) return undefined;
    const timer = setTimeout(() => {
      commitRef.current(text);
    }, delayMs);
    return () => {
      clearTimeout(timer);
    };
  }, [text, committed, delayMs]);
  return [text, setText];
}
