import { todayInChina } from '../clock.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { permissionsOfRoles } from '../../core/access.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { okResponse } from '../http/schemas.js';
import { changePasswordBody, loginBody, meOut } from './schema.js';
import { deleteSession, loadSession, SESSION_COOKIE, SESSION_IDLE_HOURS } from './sessions.js';
import { changePassword } from './use-cases/change-password.js';
import { login } from './use-cases/login.js';

export const authRoutes: FastifyPluginAsyncZod<{ db: Db; secureCookies: boolean }> = async (app, { db, secureCookies }) => {
  const tags = ['登录与账号'];

  async function presentMe(user: CurrentUser) {
    const nodes = user.roles.length
      ? await db
          .selectFrom('org_node')
          .select(['id', 'name', 'kind'])
          .where(
            'id',
            'in',
            user.roles.map((r) => r.nodeId),
          )
          .execute()
      : [];
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return {
      today: todayInChina(),
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
      roles: user.roles.map((r) => ({
        role: r.role,
        nodeId: r.nodeId,
        nodeName: byId.get(r.nodeId)?.name ?? '',
        nodeKind: byId.get(r.nodeId)?.kind ?? 'street',
      })),
      permissions: [...permissionsOfRoles(user.roles.map((r) => r.role))],
      csrfToken: user.csrfToken,
    };
  }

  app.post(
    '/api/auth/login',
    { config: { permission: 'public' }, schema: { tags, summary: '用户名或手机号 + 密码登录', body: loginBody, response: { 200: meOut } } },
    async (req, reply) => {
      const session = await login(db, {
        login: req.body.login,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies || req.protocol === 'https',
        signed: true,
        maxAge: SESSION_IDLE_HOURS * 3600,
      });
      const user = await loadSession(db, session.token);
      return presentMe(user!);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '退出登录', response: { 200: okResponse } } },
    async (req, reply) => {
      await deleteSession(db, currentUser(req).sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '当前用户、角色与权限', response: { 200: meOut } } },
    async (req) => presentMe(currentUser(req)),
  );

  app.post(
    '/api/auth/password',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '修改自己的密码', body: changePasswordBody, response: { 200: okResponse } },
    },
    async (req) => {
      await changePassword(actionContext(db, req), req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );
};
