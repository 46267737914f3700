/**
 * Coalesces concurrent lookups into one query: a lookup made while one is under way waits and goes
 * with the others in the next, as one statement for all of their keys (the read-side twin of the
 * ballot writer's group commit). With nobody else asking a lookup runs at once, alone, so it adds no
 * latency; under load N requests cost one statement instead of N. Every caller gets the answer for
 * its own key (undefined: none), or the query's error.
 */
export function coalescing<K, V>(run: (keys: K[]) => Promise<Map<K, V>>, maxBatch = 500): (key: K) => Promise<V | undefined> {
  const queue: { key: K; resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    try {
      while (queue.length) {
        const batch = queue.splice(0, maxBatch);
        try {
          const found = await run([...new Set(batch.map((b) => b.key))]);
          for (const b of batch) b.resolve(found.get(b.key));
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      running = false;
    }
  };
  return (key) =>
    new Promise((resolve, reject) => {
      queue.push({ key, resolve, reject });
      if (!running) void drain();
    });
}
