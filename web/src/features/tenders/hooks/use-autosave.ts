import { useCallback, useEffect, useRef, useState } from 'react';
import { fieldErrorOf } from '@/lib/api-client';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

// The top-level fields of `draft` that differ from `saved` (nested values compared whole).
export function changedFields<T extends object>(saved: T, draft: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(draft) as (keyof T)[]) {
    if (JSON.stringify(draft[key]) !== JSON.stringify(saved[key])) patch[key] = draft[key];
  }
  return patch;
}

// Drafts save as you go: edits change the local draft at once and, after a pause of
// `delayMs`, the changed top-level fields go to `save` in one merge patch. One save at a time;
// a refused save keeps every edit and is retried with the next one. (The supplier profile
// wizard works the same way; features do not share code, so this is its own copy.)
export function useAutosave<T extends object>(initial: T, save: (patch: Partial<T>, draft: T) => Promise<unknown>, delayMs: number) {
  const [draft, setDraft] = useState(initial);
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<unknown>();
  const draftRef = useRef(initial);
  const savedRef = useRef(initial);
  const saveRef = useRef(save);
  saveRef.current = save;
  const inFlight = useRef(false);
  const again = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  const flush = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const patch = changedFields(savedRef.current, draftRef.current);
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
      setState(Object.keys(changedFields(savedRef.current, draftRef.current)).length > 0 ? 'pending' : 'saved');
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
      // Editing the refused field hides the server's complaint about it until the next save.
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
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  useEffect(() => () => void flush(), [flush]);

  return { draft, update, state, error, flush };
}
