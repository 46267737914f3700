/** One item's answer from a batch: its value, or its own error. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Batches concurrent work: items that arrive while a run is under way wait and go together in the
 * next run, which answers each of them in its own right (or fails them all when it throws). With
 * nobody else waiting an item runs at once, alone, so it adds no latency; under load N items cost
 * one run. The sessions' lookups (coalescing, below) and the ballot writer's lanes (group commit,
 * server/decisions/ballot-writer.ts) both run on it.
 */
export function batching<T, R>(run: (items: T[]) => Promise<Settled<R>[]>, maxBatch: number): (item: T) => Promise<R> {
  const queue: { item: T; resolve: (v: R) => void; reject: (e: unknown) => void }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    try {
      while (queue.length) {
        const batch = queue.splice(0, maxBatch);
        try {
          const out = await run(batch.map((b) => b.item));
          batch.forEach((b, i) => {
            const r = out[i]!;
            if (r.ok) b.resolve(r.value);
            else b.reject(r.error);
          });
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      running = false;
    }
  };
  return (item) =>
    new Promise((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void drain();
    });
}

/**
 * Coalesces concurrent lookups into one query: the lookups of a batch go as one statement for all
 * of their keys (the read-side twin of the ballot writer's group commit). Every caller gets the
 * answer for its own key (undefined: none), or the query's error.
 */
export function coalescing<K, V>(run: (keys: K[]) => Promise<Map<K, V>>, maxBatch = 500): (key: K) => Promise<V | undefined> {
  return batching<K, V | undefined>(async (keys) => {
    const found = await run([...new Set(keys)]);
    return keys.map((k) => ({ ok: true, value: found.get(k) }));
  }, maxBatch);
}
