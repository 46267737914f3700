import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connect.js';
import { lockDataDir } from './datadir-lock.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('data folder lock', () => {
  it('refuses a second opener of the same PGlite folder, then allows it after close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-lock-'));
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/已被另一个进程/);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
    expect(fs.existsSync(path.join(dir, 'gongzhi.lock'))).toBe(false);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-lock-'));
    fs.writeFileSync(path.join(dir, 'gongzhi.lock'), '999999999');
    const h = await openDatabase({ dataDir: dir });
    expect(fs.readFileSync(path.join(dir, 'gongzhi.lock'), 'utf8')).toBe(String(process.pid));
    await h.close();
  });

  it('a PID in a leftover lock file that now belongs to another live process does not block a restart (issue 20)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-lock-'));
    fs.writeFileSync(path.join(dir, 'gongzhi.lock'), String(process.ppid)); // alive, and not a gongzhi
    const release = await lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'gongzhi.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  describe('across processes', () => {
    let lib: string;
    beforeAll(() => {
      // The lock module as plain JavaScript, for child processes to run (it needs errors.ts only).
      lib = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-lock-lib-'));
      for (const rel of ['db/datadir-lock.ts', 'http/errors.ts']) {
        const out = ts.transpileModule(fs.readFileSync(path.join(here, '..', rel), 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        }).outputText;
        fs.mkdirSync(path.join(lib, path.dirname(rel)), { recursive: true });
        fs.writeFileSync(path.join(lib, rel.replace(/\.ts$/, '.js')), out);
      }
      fs.writeFileSync(path.join(lib, 'package.json'), '{"type":"module"}');
    });
    afterAll(() => fs.rmSync(lib, { recursive: true, force: true }));

    /** A process that tries to take the lock at `go` (epoch ms), says GOT or REFUSED, and holds it `holdMs`. */
    function contender(dir: string, go: number, holdMs: number) {
      const script = `
        import { lockDataDir } from ${JSON.stringify(path.join(lib, 'db/datadir-lock.js'))};
        while (Date.now() < ${go}) {}
        try { await lockDataDir(${JSON.stringify(dir)}); console.log('GOT'); await new Promise((r) => setTimeout(r, ${holdMs})); }
        catch (e) { console.log(/已被另一个进程/.test(e.message) ? 'REFUSED' : 'ERROR ' + e.message); }
        process.exit(0);`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      return { child, done: new Promise<string>((r) => child.once('exit', () => r(out.trim()))) };
    }

    it('many processes taking over a stale lock at the same moment: exactly one gets it, every time', async () => {
      const rounds = 8;
      const perRound = 5;
      for (let round = 0; round < rounds; round++) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-lock-race-'));
        // a stale lock: the PID of a process long gone, or one reused by a live process
        fs.writeFileSync(path.join(dir, 'gongzhi.lock'), round % 2 ? '999999999' : String(process.pid));
        const go = Date.now() + 700;
        const results = await Promise.all(Array.from({ length: perRound }, () => contender(dir, go, 1500).done));
        expect(results.sort(), `round ${round}`).toEqual(['GOT', ...Array(perRound - 1).fill('REFUSED')]);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);

    it('a holder killed with SIGKILL leaves nothing that blocks: the next start takes the folder at once', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-lock-kill-'));
      const holder = contender(dir, Date.now(), 60_000);
      const deadline = Date.now() + 10_000;
      while (!fs.existsSync(path.join(dir, 'gongzhi.lock')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await expect(lockDataDir(dir)).rejects.toThrow(new RegExp(`PID ${holder.child.pid}`));
      holder.child.kill('SIGKILL');
      await holder.done;
      expect(fs.readFileSync(path.join(dir, 'gongzhi.lock'), 'utf8')).toBe(String(holder.child.pid)); // left behind
      const release = await lockDataDir(dir);
      release();
    });
  });
});
