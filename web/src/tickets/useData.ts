import { useCallback, useEffect, useState } from 'react';
import { api, type Query } from '../api';
import { errorMessage } from '../shared/feedback';

/**
 * The one data hook of the service desk and co-building pages: GET `path` with `query`, keep the
 * answer, say the error in Chinese, and reload on demand (after a step). A null path loads nothing.
 */
export function useData<T>(path: string | null, query?: Query) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const key = path ? `${path}?${JSON.stringify(query ?? {})}` : null;
  useEffect(() => {
    if (!key || !path) return;
    let live = true;
    api.get<T>(path, query).then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading: !!path && data === null && error === null, reload };
}
