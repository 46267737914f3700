import type { FastifyInstance } from 'fastify';
import { ROLE_PERMISSIONS } from '../../core/access.js';
import { PERMISSION_LABEL } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import { AppError, forbidden, unauthorized } from '../http/errors.js';
import { loadSession, SESSION_COOKIE } from './sessions.js';
import { SUSPENDED_MESSAGE, suspendedSince } from '../committees/access.js';

const COMMITTEE_ROLES = new Set(['committeeMember', 'committeeDirector']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const PASSWORD_CHANGE_ROUTES = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

/**
 * Loads the session from the signed cookie, enforces CSRF on cookie-authenticated writes, and
 * enforces the permission every route declares in `config.permission`. A route without one is a
 * programming error and answers 500 (and the route-enumeration test fails first).
 */
export function installAuth(app: FastifyInstance, db: Db) {
  app.decorateRequest('user', null);

  app.addHook('onRequest', async (req) => {
    const raw = req.cookies[SESSION_COOKIE];
    if (!raw) return;
    const unsigned = req.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return;
    req.user = await loadSession(db, unsigned.value);
  });

  app.addHook('preValidation', async (req) => {
    const permission = req.routeOptions.config.permission;
    if (!req.routeOptions.url) return; // 404 handler
    if (!permission) throw new AppError(500, 'NO_PERMISSION_DECLARED', '该接口未声明权限，已拒绝访问');
    if (permission === 'public') return;
    const user = req.user;
    if (!user) throw unauthorized('请先登录（会话不存在或已过期）');
    if (!SAFE_METHODS.has(req.method)) {
      const token = req.headers['x-csrf-token'];
      if (token !== user.csrfToken) throw new AppError(403, 'CSRF', '请求缺少有效的 CSRF 令牌，请刷新页面后重试');
    }
    // An account with an initial or reset password may do nothing else until it sets its own.
    if (user.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(req.routeOptions.url)) {
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改初始密码后再继续使用');
    }
    if (permission === 'authenticated') return;
    // The refusal names what was needed, so that the user knows whom to ask.
    if (!user.roles.some((r) => ROLE_PERMISSIONS[r.role]?.includes(permission)))
      throw forbidden(`您没有执行此操作的权限（需要：${PERMISSION_LABEL[permission]}）`);
    // Issue 14 (R35): a committee login whose member is suspended changes nothing it holds only as a member.
    if (!SAFE_METHODS.has(req.method) && user.roles.some((r) => COMMITTEE_ROLES.has(r.role))) {
      const otherwise = user.roles.some((r) => !COMMITTEE_ROLES.has(r.role) && ROLE_PERMISSIONS[r.role]?.includes(permission));
      const since = otherwise ? null : await suspendedSince(db, user.id);
      if (since) throw forbidden(SUSPENDED_MESSAGE(since));
    }
  });
}
