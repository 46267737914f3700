#!/usr/bin/env node
// 基线服务 — the baseline of tickets-list.mjs: a bare Fastify app (no auth, no session, no zod, no schema,
// no logger, no presentation) that runs the SAME two statements as GET /api/tickets — the page and its
// count, with the same scope condition and filters, built by the same functions (listConditions,
// listStatement from dist/server/tickets/queries.js) for the same user (BARE_USER, loaded from the
// database once) — and returns the rows as they come.
//
// Env: PORT, HOST, DATABASE_URL, BARE_USER (username). Routes: GET /health, GET /tickets?<same query>.
import Fastify from 'fastify';
import { sql } from 'kysely';
import { openDatabase } from '../dist/server/db/connect.js';
import { listConditions, listStatement } from '../dist/server/tickets/queries.js';

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
const db = handle.db;
const a = await db
  .selectFrom('account')
  .select(['id', 'username', 'display_name'])
  .where('username', '=', process.env.BARE_USER)
  .executeTakeFirstOrThrow();
const roles = await db.selectFrom('role_assignment').select(['role', 'node_id']).where('account_id', '=', a.id).execute();
const user = {
  id: a.id,
  username: a.username,
  displayName: a.display_name,
  mustChangePassword: false,
  roles: roles.map((r) => ({ role: r.role, nodeId: r.node_id })),
  sessionId: '',
  csrfToken: '',
};

const app = Fastify({ logger: false });
app.get('/health', async () => {
  await sql`select 1`.execute(db);
  return { status: 'ok' };
});
app.get('/tickets', async (req) => {
  const q = req.query;
  const page = Number(q.page ?? 1);
  const pageSize = Number(q.pageSize ?? 20);
  const where = listConditions(user, { status: q.status, kindName: q.kindName }, new Date());
  const [rows, total] = await Promise.all([
    listStatement(where, pageSize, (page - 1) * pageSize).execute(db),
    sql`select count(*)::int as n from ticket t where ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: total.rows[0].n };
});

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  try {
    await app.close();
    await handle.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
await app.listen({ port: Number(process.env.PORT || 3101), host: process.env.HOST || '127.0.0.1' });
