import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

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
export async function installWebRoot(app: FastifyInstance, webRoot: string) {
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
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(await fs.promises.readFile(indexPath));
  });
}

const isFile = (p: string) => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};
