import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { mdb } from './tables.js';
import { updateOwnerSettings } from './use-cases/update-settings.js';

const mask = (m: string | null) => (m ? `${m.slice(0, 3)}****${m.slice(-4)}` : null);

const STATUS_LABEL = {
  pending: '等待发送',
  sending: '正在发送',
  sent: '已发送短信',
  failed: '短信发送失败',
  optedOut: '您已关闭短信，仅站内通知',
  noMobile: '没有登记手机号，仅站内通知',
} as const;

export const settingsBody = z.strictObject({
  /** 是否同时以短信通知（站内通知总会发送） */
  sms: z.boolean({ error: '短信通知只能是开或关' }).optional(),
  /** 大字模式 */
  largeText: z.boolean({ error: '大字模式只能是开或关' }).optional(),
});

/** Issue 19: the owner's own settings and the record of the messages sent to them outside the app. */
export const messageRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['业主端'];

  async function settingsOf(accountId: number) {
    const s = await mdb(db).selectFrom('owner_setting').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    const a = await db.selectFrom('account').select('mobile').where('id', '=', accountId).executeTakeFirstOrThrow();
    return { sms: s?.sms ?? true, largeText: s?.large_text ?? false, mobile: mask(a.mobile) };
  }

  app.get(
    '/api/my/settings',
    { config: { permission: 'owner.self' }, schema: { tags, summary: '我的设置（短信通知、大字模式）' } },
    async (req) => settingsOf(currentUser(req).id),
  );

  app.put(
    '/api/my/settings',
    { config: { permission: 'owner.self' }, schema: { tags, summary: '修改我的设置（短信通知开关、大字模式）', body: settingsBody } },
    async (req) => {
      await updateOwnerSettings(actionContext(db, req), req.body);
      return settingsOf(currentUser(req).id);
    },
  );

  app.get(
    '/api/my/messages',
    { config: { permission: 'owner.self' }, schema: { tags, summary: '发给我的消息记录（是否已发送短信）' } },
    async (req) => {
      const rows = await mdb(db)
        .selectFrom('outbound_message')
        .select(['id', 'event', 'title', 'body', 'link', 'status', 'mobile', 'created_at', 'sent_at'])
        .where('account_id', '=', currentUser(req).id)
        .orderBy('id', 'desc')
        .limit(50)
        .execute();
      return {
        items: rows.map((r) => ({
          id: Number(r.id),
          event: r.event,
          title: r.title,
          body: r.body,
          link: r.link,
          status: r.status,
          statusLabel: STATUS_LABEL[r.status],
          mobile: mask(r.mobile),
          createdAt: r.created_at,
          sentAt: r.sent_at,
        })),
      };
    },
  );
};
