import { useCallback, useEffect, useRef, useState } from 'react';
import { fieldErrorOf } from './api-client';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

// How a field's value would be sent; two values that send the same are no change.
export type WireForm = (value: unknown) => unknown;
const asIs: WireForm = (value) => value;

// The fields of `draft` whose value differs from `saved` (lists compared whole), as they
// would be sent: a just-added blank list row that is not sent is no change to save.
export function changedFields<T extends object>(saved: T, draft: T, wire: WireForm = asIs): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(draft) as (keyof T)[]) {
    if (JSON.stringify(wire(draft[key])) !== JSON.stringify(wire(saved[key]))) patch[key] = draft[key];
  }
  return patch;
}

// Save-as-you-go for a form (the supplier profile wizard, the tender builder):
// edits change a local draft at once; once they pause for `delayMs`, the fields
// that differ from what the server last accepted are sent in one `save` call,
// with the whole draft they came from. One call at a time: edits made while one
// is in flight go in the next. A refused save keeps the draft (nothing is lost)
// and is sent again, with what else changed, after the next edit.
export function useAutosave<T extends object>(
  initial: T,
  save: (patch: Partial<T>, draft: T) => Promise<unknown>,
  delayMs: number,
  wire: WireForm = asIs,
) {
  const [draft, setDraft] = useState(initial);
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<unknown>();
  const draftRef = useRef(initial);
  const savedRef = useRef(initial);
  const saveRef = useRef(save);
  saveRef.current = save;
  const wireRef = useRef(wire);
  wireRef.current = wire;
  const inFlight = useRef(false);
  const again = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  const flush = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const patch = changedFields(savedRef.current, draftRef.current, wireRef.current);
    if (Object.keys(patch).length === 0) {
      setState((current) => (current === 'pending' ? 'saved' : current));
      return;
    }
    inFlight.current = true;
    setState('saving');
    const sent = draftRef.current;
    try {
      await saveRef.current(patch, sent);
      savedRef.current = { ...savedRef.current, ...patch };
      setError(undefined);
      const unsent = Object.keys(changedFields(savedRef.current, draftRef.current, wireRef.current)).length > 0;
      setState(unsent ? 'pending' : 'saved');
    } catch (failure) {
      setError(failure);
      setState('error');
      again.current = false;
      return;
    } finally {
      inFlight.current = false;
    }
    if (again.current) {
      again.current = false;
      await flush();
    }
  }, []);

  const update = useCallback(
    <K extends keyof T>(field: K, value: T[K]) => {
      const next = { ...draftRef.current, [field]: value };
      draftRef.current = next;
      setDraft(next);
      // An edit of the refused field hides the server's complaint about it.
      setError((current: unknown) => {
        const refused = fieldErrorOf(current);
        return refused && refused.field.split('.')[0] === String(field) ? undefined : current;
      });
      setState((current) => (current === 'saving' ? current : 'pending'));
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), delayMs);
    },
    [delayMs, flush],
  );

  const dirty = state === 'pending' || state === 'saving' || state === 'error';

  // Leaving the page with unsaved edits: save them on the way out (in-app
  // navigation) or let the browser ask (closing the tab).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  useEffect(() => () => void flush(), [flush]);

  return { draft, update, state, error, flush };
}
