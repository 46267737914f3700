import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { ConnectionLock, PGliteDialect } from './pglite-dialect.js';
import { lockDataDir } from './datadir-lock.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * Raw SQL for libraries that bring their own (pg-boss): with values, one parameterised statement;
   * without, a script of several statements. On PGlite it waits its turn like every transaction.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
  /**
   * The embedded database's folder as a gzipped tarball, taken between two transactions (under the
   * connection lock): a consistent hot backup while the app serves. Embedded only.
   */
  dumpDataDir?: () => Promise<Buffer>;
  /** Connections: open, idle, and callers waiting for one (for /metrics). */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/**
 * Both drivers return the same JavaScript types: `date` as 'YYYY-MM-DD' strings, `bigint`
 * (counts, sums of hundredths) as numbers, `numeric` as exact strings, `timestamptz` as Date.
 */
const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;
const asNumber = (v: string) => Number(v);
const asText = (v: string) => v;

/**
 * A statement whose text begins with `/* prepared: NAME *\/` runs as a named prepared statement on
 * the server: parsed once per connection instead of at every call. For the hot paths only (casting a
 * ballot, loading a session), whose statements are long and whose text never varies; on PGlite the
 * comment is just a comment.
 */
const PREPARED = /^\/\* prepared: ([\w.-]+) \*\//;
function preparing(pool: pg.Pool): pg.Pool {
  const patched = new WeakSet<pg.PoolClient>();
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  return Object.assign(Object.create(pool) as pg.Pool, {
    connect: async () => {
      const client = await connect();
      if (!patched.has(client)) {
        patched.add(client);
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        // Kysely calls query(text, values) and awaits the promise; pg-boss, through pool.query, passes a
        // callback as well, and reaches the same clients: everything else goes through untouched.
        client.query = ((...args: unknown[]) => {
          const [text, values] = args;
          const name = args.length <= 2 && typeof text === 'string' ? PREPARED.exec(text)?.[1] : undefined;
          return name ? query({ name, text, values }) : query(...args);
        }) as typeof client.query;
      }
      return client;
    },
    end: () => pool.end(),
  });
}

/** fsync calls that reached the disk (for the durability test and the start message). */
export const durability = { fsyncs: 0 };

/**
 * PGlite's folder with fsync that reaches the disk (issue 20). PGlite starts PostgreSQL with fsync
 * off (-F), and even with it on, its Emscripten file system drops every sync: fdatasync is a no-op
 * and the Node file system has no fsync. Here the Node file system gets a real fsync (fs.fsyncSync
 * on the open file) before it is mounted, PostgreSQL runs with fsync on, and the WAL is synced
 * with fsync() (wal_sync_method=fsync, since fdatasync goes nowhere). A commit returns only once its
 * WAL is on the disk: an OS crash or a power cut loses no acknowledged ballot. The cost is measured
 * in bench/durability.mjs.
 */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]) {
    const r = await super.init(pg, opts);
    type Stream = { nfd?: number };
    const patch = (mod: { NODEFS: { stream_ops: { fsync?: (s: Stream) => number } } }) => {
      mod.NODEFS.stream_ops.fsync = (stream) => {
        if (typeof stream.nfd === 'number') {
          fs.fsyncSync(stream.nfd);
          durability.fsyncs++;
        }
        return 0;
      };
    };
    r.emscriptenOpts.preRun = [patch as never, ...(r.emscriptenOpts.preRun ?? [])];
    return r;
  }
}

/** PGlite's start parameters with fsync on (its default list carries -F, fsync off). */
export function durableStartParams(): string[] {
  return [
    ...PGlite.defaultStartParams.filter((p) => p !== '-F'),
    '-c',
    'fsync=on',
    '-c',
    'wal_sync_method=fsync',
    '-c',
    'synchronous_commit=on',
  ];
}

export type DbOptions =
  | { databaseUrl: string; poolSize?: number }
  | { dataDir: string; fsync?: boolean; /** a backup (dumpDataDir) to create the folder from */ load?: Blob }
  | { memory: true };

export async function openDatabase(opts: DbOptions): Promise<DbHandle> {
  if ('databaseUrl' in opts) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: string) => {
          if (oid === OID.INT8) return asNumber;
          if (oid === OID.NUMERIC || oid === OID.DATE) return asText;
          return pg.types.getTypeParser(oid, format as 'text');
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client whose server connection drops (restart, failover) must not crash the process:
    // the pool discards it and the next query opens a new one.
    pool.on('error', (err) => console.warn(`数据库空闲连接中断：${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparing(pool) }) });
    return {
      db,
      kind: 'postgres',
      executeSql: (text, values) => pool.query(text, values),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: () => db.destroy(),
    };
  }

  const release = 'dataDir' in opts ? await lockDataDir(opts.dataDir) : () => {};
  try {
    // Durable unless asked otherwise (PGLITE_FSYNC=off: benchmarks and throwaway folders only).
    const durable = 'dataDir' in opts && (opts.fsync ?? process.env.PGLITE_FSYNC !== 'off');
    const pglite = await PGlite.create({
      ...('dataDir' in opts
        ? durable
          ? { fs: new DurableNodeFS(path.join(opts.dataDir, 'pgdata')) }
          : { dataDir: path.join(opts.dataDir, 'pgdata') }
        : {}),
      ...('dataDir' in opts && opts.load ? { loadDataDir: opts.load } : {}),
      parsers: { [OID.INT8]: asNumber, [OID.NUMERIC]: asText, [OID.DATE]: asText },
      // PGlite's default 128 MB of shared buffers is most of an idle server's memory; 32 MB holds a
      // street's working set with no measurable change in query time (bench/README.md).
      startParams: [...(durable ? durableStartParams() : PGlite.defaultStartParams), '-c', 'shared_buffers=32MB'],
    });
    const lock = new ConnectionLock();
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, lock) });
    return {
      db,
      kind: 'pglite',
      poolStats: () => ({ total: 1, idle: lock.waiting === 0 && !lock.busy ? 1 : 0, waiting: lock.waiting }),
      dumpDataDir: () => lock.run(async () => Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer())),
      executeSql: (text, values) =>
        lock.run(async () => {
          if (values && values.length) return pglite.query(text, values);
          const results = await pglite.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        }),
      close: async () => {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
