import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Query } from '../api';
import { errorMessage } from './feedback';

export interface ApiState<T> {
  /** the last answer (kept while a reload runs, so a list does not flash empty) */
  data: T | null;
  /** the Chinese message of the last failure, or null */
  error: string | null;
  loading: boolean;
  /** loads again (after a change the page made) */
  reload(): void;
  /** replaces the data with what a write answered, without a round trip */
  setData(next: T): void;
}

/**
 * The one way a page loads what it shows: GET `path` with `query`, again whenever either changes
 * or `reload()` is called; an answer that arrives after a newer request started is dropped. `path`
 * null loads nothing (a page waiting for a selection).
 */
export function useApi<T>(path: string | null, query?: Query): ApiState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const key = path === null ? null : `${path}?${JSON.stringify(query ?? {})}`;
  useEffect(() => {
    if (key === null || path === null) return;
    const mine = ++latest.current;
    setLoading(true);
    api.get<T>(path, query).then(
      (d) => {
        if (mine !== latest.current) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== latest.current) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    // `key` stands for path and query
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}
