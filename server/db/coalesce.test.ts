import { describe, expect, it } from 'vitest';
import { coalescing } from './coalesce.js';

describe('coalescing lookups', () => {
  it('alone: runs at once with its key; together: the waiting keys go in one run', async () => {
    const runs: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const lookup = coalescing(async (keys: string[]) => {
      runs.push(keys);
      if (runs.length === 1) await gate; // the first run is slow: the others queue behind it
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
    });
    const first = lookup('a');
    const rest = [lookup('b'), lookup('c'), lookup('b'), lookup('missing')];
    release();
    expect(await first).toBe('A');
    expect(await Promise.all(rest)).toEqual(['B', 'C', 'B', undefined]);
    expect(runs).toEqual([['a'], ['b', 'c', 'missing']]);
  });

  it('a failed run fails its own callers only; the next run goes on', async () => {
    let n = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const lookup = coalescing(async (keys: number[]) => {
      n += 1;
      if (n === 1) {
        await gate;
        throw new Error('连接中断');
      }
      return new Map(keys.map((k) => [k, k * 2]));
    });
    const failing = lookup(1);
    const next = lookup(2);
    release();
    await expect(failing).rejects.toThrow('连接中断');
    expect(await next).toBe(4);
  });

  it('never puts more than maxBatch keys in one run', async () => {
    const sizes: number[] = [];
    const lookup = coalescing(async (keys: number[]) => {
      sizes.push(keys.length);
      await new Promise((r) => setTimeout(r, 1));
      return new Map(keys.map((k) => [k, k]));
    }, 3);
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => lookup(i)));
    expect(all).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
  });
});
