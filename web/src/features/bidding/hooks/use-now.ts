import { useEffect, useState } from 'react';

// The current time, refreshed every `intervalMs`, for the deadline countdown and for
// enabling the bid form only while the tender is open.
export function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
