import { useEffect, useRef } from 'preact/hooks';

export const REFRESH_MS = 15_000;

/** Calls `refresh` every 15 s while the page is visible, and at once when it becomes visible again. */
export function useLiveRefresh(refresh: () => Promise<void> | void, everyMs = REFRESH_MS): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void latest.current();
    }, everyMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void latest.current();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [everyMs]);
}
