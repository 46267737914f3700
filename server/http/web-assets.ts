import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.js';

/**
 * Answers compressed when they are large enough to gain (issue 19: owners on a mobile network): JSON
 * of 1 KB or more in brotli or gzip, as the browser accepts. Brotli at a quality that costs little
 * CPU per answer (the static files are compressed at the highest quality once, at build time). Must
 * be installed before the routes (it hooks each route as it is added).
 */
export async function installCompression(app: FastifyInstance) {
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
}

/**
 * The built web UI. Files under /assets/ carry a content hash in their names: cached for a year as
 * immutable, served from the brotli or gzip file built next to each (scripts/build.mjs) when the
 * browser accepts it. The HTML and the other files at the root are revalidated on every visit, so a
 * new release is picked up at once. Every other GET outside /api/ is a route of the single-page app.
 *
 * One route per concern: /assets/* (its own static instance, wildcard), then /* — before issue 19 a
 * per-file route of the static plugin won over /assets/* and the immutable header was never sent.
 */
export async function installWebRoot(app: FastifyInstance, webRoot: string, db?: Db) {
  const indexPath = path.join(webRoot, 'index.html');
  await app.register(fastifyStatic, {
    root: path.join(webRoot, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    index: false,
    preCompressed: true,
    cacheControl: true,
    maxAge: '365d',
    immutable: true,
    decorateReply: false,
  });
  // `reply.sendFile` for the files at the root (no routes of its own: /* below decides)
  await app.register(fastifyStatic, { root: webRoot, serve: false, preCompressed: true, cacheControl: false, index: false });
  app.get('/*', { config: { permission: 'public' }, schema: { hide: true } }, async (req, reply) => {
    if (req.url.startsWith('/api/'))
      return reply.status(404).send({ code: 'NOT_FOUND', message: `请求的地址不存在：GET ${req.url.split('?')[0]}` });
    const file = req.url.split('?')[0]!.slice(1);
    if (file && !file.includes('..') && !file.startsWith('assets/') && isFile(path.join(webRoot, file)))
      return reply.header('cache-control', 'no-cache').sendFile(file);
    // Read each time: a rebuilt UI is served without a restart.
    const html = await fs.promises.readFile(indexPath, 'utf8');
    const boot = db ? await bootMarkup(db, req.url) : null;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(boot ? html.replace('<div id="root"></div>', `<div id="root">${boot}</div>`) : html);
  });
}

const isFile = (p: string) => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};

const escapeHtml = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * What the public board shows before its code has arrived (issue 19: a phone on a slow network sees
 * the estate's board at once, not a blank page): its header with the estate's name, in the HTML
 * itself. React replaces it when the page starts.
 */
async function bootMarkup(db: Db, url: string): Promise<string | null> {
  const m = /^\/public\/estates\/(\d{1,9})(?:[/?#]|$)/.exec(url);
  if (!m) return null;
  const estate = await db.selectFrom('org_node').select(['name', 'kind']).where('id', '=', Number(m[1])).executeTakeFirst();
  if (!estate || estate.kind !== 'estate') return null;
  return (
    '<div style="min-height:100vh;background:#f5f6f8;font-family:sans-serif">' +
    '<header style="background:#9e2823;color:#fff;padding:20px 16px">' +
    '<div style="font-size:13px;letter-spacing:2px">共治 · 小区公告栏</div>' +
    `<h1 style="margin:6px 0 4px;font-size:26px">${escapeHtml(estate.name)}</h1></header>` +
    '<p style="padding:16px;color:#4e5663">正在加载公告和表决结果…</p></div>'
  );
}
