import { useEffect, useState } from 'react';

// `value`, once it has stopped changing for `delayMs` (type-ahead requests
// go out per pause, not per keystroke).
export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
