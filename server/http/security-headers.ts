import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy every page and API answer carries (issue 20). What the built app needs
 * and nothing more: its own scripts (no inline script, no eval), its own styles plus the inline ones
 * antd's CSS-in-JS writes, images and fonts from itself or data:/blob: URLs (QR codes, the favicon,
 * ECharts exports), requests to itself. No page may be framed (the voting page above all).
 * `upgrade-insecure-requests` is left out: on a street's LAN the app may be served over plain HTTP,
 * where it would send the browser to an https:// address that does not answer.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer — pages, API, errors and 404s: the CSP above, X-Frame-Options DENY
 * (for browsers without frame-ancestors), X-Content-Type-Options nosniff, Referrer-Policy no-referrer
 * (links carry receipt codes and tokens), Cross-Origin-Opener-Policy; Strict-Transport-Security only
 * behind TLS — over plain HTTP it means nothing, and set wrongly it would lock a LAN install out.
 */
export async function installSecurityHeaders(app: FastifyInstance, opts: { behindTls: boolean }) {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', async (req, reply) => {
    if (opts.behindTls || req.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
