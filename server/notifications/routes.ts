import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import { notFound } from '../http/errors.js';
import { currentUser } from '../http/request-context.js';
import { idParam, okResponse } from '../http/schemas.js';

const notificationOut = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});

/** The bell: a user's own notifications, nobody else's. */
export const notificationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['通知'];

  app.get(
    '/api/notifications',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '我的通知与未读数',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ unread: z.number(), items: z.array(notificationOut) }) },
      },
    },
    async (req) => {
      const user = currentUser(req);
      const [rows, unread] = await Promise.all([
        db.selectFrom('notification').selectAll().where('account_id', '=', user.id).orderBy('id', 'desc').limit(req.query.limit).execute(),
        db
          .selectFrom('notification')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('account_id', '=', user.id)
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ]);
      return {
        unread: unread.n,
        items: rows.map((r) => ({
          id: r.id,
          title: r.title,
          body: r.body,
          link: r.link,
          createdAt: r.created_at.toISOString(),
          read: r.read_at !== null,
        })),
      };
    },
  );

  app.post(
    '/api/notifications/:id/read',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '标为已读', params: idParam, response: { 200: okResponse } } },
    async (req) => {
      const r = await db
        .updateTable('notification')
        .set({ read_at: new Date() })
        .where('id', '=', req.params.id)
        .where('account_id', '=', currentUser(req).id)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound('通知');
      return { ok: true as const };
    },
  );

  app.post(
    '/api/notifications/read-all',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '全部标为已读', response: { 200: okResponse } } },
    async (req) => {
      await db
        .updateTable('notification')
        .set({ read_at: new Date() })
        .where('account_id', '=', currentUser(req).id)
        .where('read_at', 'is', null)
        .execute();
      return { ok: true as const };
    },
  );
};
