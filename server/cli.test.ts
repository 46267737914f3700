import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './cli.js';

/** `npx gongzhi tally FILE`: the public recomputation of a published result. */
describe('gongzhi tally', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-tally-'));
  const write = (name: string, content: unknown) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
    return f;
  };
  afterEach(() => vi.restoreAllMocks());

  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
    vi.spyOn(console, 'error').mockImplementation((m: string) => void err.push(m));
    return { out, err };
  }

  it('prints the result as JSON in the contract format', async () => {
    const file = write('ok.json', {
      motions: [{ id: 'm1', item: 4 }],
      units: [
        { unit: '1-1-101', area: '89.37', owner: 'o17', developerStock: false },
        { unit: '1-1-102', area: '89.37', owner: 'o18', developerStock: false },
        { unit: '1-1-201', area: '120.00', owner: 'o19', developerStock: true },
      ],
      ballots: [
        { owner: 'o17', motion: 'm1', choice: 'yes' },
        { owner: 'o19', motion: 'm1', choice: 'yes' },
      ],
    });
    const { out } = capture();
    expect(await runCli(['tally', file])).toBe(0);
    expect(JSON.parse(out[0]!)).toEqual({
      results: [{ motion: 'm1', outcome: 'passed', NT: 3, AT: '298.74', NP: 2, AP: '209.37', NY: 2, AY: '209.37', failed: [] }],
    });
  });

  it('a malformed file exits with code 2 and says what is wrong', async () => {
    const file = write('bad.json', {
      motions: [{ id: 'm1', item: 4 }],
      units: [{ unit: '1-1-101', area: '89.375', owner: 'o1', developerStock: false }],
      ballots: [
        { owner: 'o2', motion: 'm1', choice: 'yes' },
        { owner: 'o1', motion: 'm1', choice: 'sure' },
      ],
    });
    const { out, err } = capture();
    expect(await runCli(['tally', file])).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/area 必须是最多两位小数/);
    expect(err.join('\n')).toMatch(/不是任何房屋的业主/);
    expect(err.join('\n')).toMatch(/只能是 yes、no 或 abstain/);
  });

  it('not JSON, a missing file, or no file: exit code 2', async () => {
    const { err } = capture();
    expect(await runCli(['tally', write('junk.json', '{"motions": [')])).toBe(2);
    expect(await runCli(['tally', path.join(dir, 'nope.json')])).toBe(2);
    expect(await runCli(['tally'])).toBe(2);
    expect(err.join('\n')).toMatch(/不是合法的 JSON/);
    expect(err.join('\n')).toMatch(/无法读取计票文件/);
  });
});
