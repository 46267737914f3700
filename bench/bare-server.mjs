#!/usr/bin/env node
// 基线服务 — the baseline of list-units.mjs: a bare Fastify app (no auth, no zod, no schema, no logger)
// whose one route runs the same SELECT as GET /api/estates/:id/units through the same database layer
// (openDatabase from dist/server/db/connect.js + kysely `sql`) and returns the rows as JSON.
//
// Env: PORT (default 3100), HOST (127.0.0.1), and DATA_DIR (embedded PGlite folder) or DATABASE_URL;
// BARE_ORDER=plain|natural (natural, as the real route).
// Routes: GET /health, GET /units/:estateId. Stops on SIGTERM/SIGINT.
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { openDatabase } from '../dist/server/db/connect.js';

if (!process.env.DATABASE_URL && !process.env.DATA_DIR) {
  console.error('bare-server: set DATA_DIR (embedded PGlite folder) or DATABASE_URL');
  process.exit(2);
}
const handle = await openDatabase(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: path.resolve(process.env.DATA_DIR) },
);
const db = handle.db;

const app = Fastify({ logger: false });

app.get('/health', async () => {
  await sql`select 1`.execute(db);
  return { status: 'ok', database: handle.kind };
});

// The ORDER BY follows listEstateUnits (server/org/queries.ts). Since commit 48c785b that is the
// "natural" order (2号楼 before 10号楼: length first). BARE_ORDER=plain gives the original
// `order by b.name, u.entrance, u.floor, u.number`. list-units.mjs checks that both routes return
// the same ids in the same order, so a change of the route's order shows up as a failed check.
const ORDER =
  process.env.BARE_ORDER === 'plain'
    ? sql`order by b.name, u.entrance, u.floor, u.number`
    : sql`order by length(b.name), b.name, length(u.entrance), u.entrance, u.floor, length(u.number), u.number`;

app.get('/units/:estateId', async (req) => {
  const estateId = Number(req.params.estateId);
  const { rows } = await sql`
    select u.id, u.estate_id, u.building_id, u.entrance, u.floor, u.number, u.kind, u.area_centi, u.area_source, b.name as building_name
    from unit u join org_node b on b.id = u.building_id
    where u.estate_id = ${estateId}
    ${ORDER}
    limit 1000`.execute(db);
  return rows;
});

// Baseline of public-page.mjs: the same published notices of an estate and its community and street
// that GET /api/public/estates/:id/notices reads, as plain rows.
app.get('/public/:estateId', async (req) => {
  const estateId = Number(req.params.estateId);
  const { rows } = await sql`
    select n.*, o.name as node_name
    from public_notice n join org_node o on o.id = n.node_id
    where n.status = 'published'
      and n.node_id in (select c.ancestor_id from org_closure c where c.descendant_id = ${estateId})
    order by n.publish_date desc, n.id desc
    limit 500`.execute(db);
  return rows;
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

await app.listen({ port: Number(process.env.PORT || 3100), host: process.env.HOST || '127.0.0.1' });
console.log(`bare server (${handle.kind}) listening on ${process.env.HOST || '127.0.0.1'}:${process.env.PORT || 3100}`);
