import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';
import { notFound } from '../http/errors.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam, okResponse } from '../http/schemas.js';
import { listManagedAccounts } from './queries.js';
import { accountListOut, accountOut, createAccountBody, resetPasswordBody, updateAccountBody } from './schema.js';
import { createAccount } from './use-cases/create-account.js';
import { resetPassword } from './use-cases/reset-password.js';
import { updateAccount } from './use-cases/update-account.js';

export const accountRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['账号管理'];
  const permission = 'account.manage' as const;

  app.get(
    '/api/accounts',
    { config: { permission }, schema: { tags, summary: '我管理范围内的账号', response: { 200: accountListOut } } },
    async (req) => ({
      items: await listManagedAccounts(db, currentUser(req)),
    }),
  );

  app.post(
    '/api/accounts',
    { config: { permission }, schema: { tags, summary: '新建账号并分配角色', body: createAccountBody, response: { 201: accountOut } } },
    async (req, reply) => {
      const id = await createAccount(actionContext(db, req), req.body);
      const [account] = await listManagedAccounts(db, currentUser(req), id);
      if (!account) throw notFound('账号');
      return reply.status(201).send(account);
    },
  );

  app.patch(
    '/api/accounts/:id',
    {
      config: { permission },
      schema: {
        tags,
        summary: '修改账号（姓名、手机号、角色、停用）',
        params: idParam,
        body: updateAccountBody,
        response: { 200: accountOut },
      },
    },
    async (req) => updateAccount(actionContext(db, req), req.params.id, req.body),
  );

  app.post(
    '/api/accounts/:id/reset-password',
    {
      config: { permission },
      schema: { tags, summary: '重置密码', params: idParam, body: resetPasswordBody, response: { 200: okResponse } },
    },
    async (req) => {
      await resetPassword(actionContext(db, req), req.params.id, req.body.password);
      return { ok: true as const };
    },
  );
};
