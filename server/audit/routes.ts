import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { isAuditAction } from '../../core/audit-actions.js';
import { inScope } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import { currentUser } from '../http/request-context.js';
import { presentEntries } from './present.js';
import { verifyAuditChain } from './verify.js';

const listQuery = z.strictObject({
  /** 返回此编号之前的记录（翻页） */
  beforeId: z.coerce.number({ error: '翻页编号必须是正整数' }).int().positive({ error: '翻页编号必须是正整数' }).optional(),
  limit: z.coerce
    .number({ error: '每页条数必须是 1–500 的整数' })
    .int()
    .min(1, { error: '每页条数必须是 1–500 的整数' })
    .max(500, { error: '每页条数必须是 1–500 的整数' })
    .default(50),
  /** 按操作筛选，如 org.update（见 core/audit-actions.ts） */
  action: z.string().trim().refine(isAuditAction, { error: '没有这种操作，请从筛选列表中选择' }).optional(),
});

const entryOut = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  nodeId: z.number().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  hash: z.string(),
  /** 操作的中文名称 */
  actionLabel: z.string(),
  /** 对象类型的中文名称 */
  entityLabel: z.string(),
  /** 表决结果公布前，各户的选择不显示（存储的记录不变，哈希链照常校验） */
  choicesHidden: z.boolean(),
  /** 对象的名称及其页面 */
  object: z.object({ label: z.string(), href: z.string().nullable() }),
});

export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['审计'];

  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: '审计日志（本街道范围）',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(entryOut) }) },
      },
    },
    async (req) => {
      const user = currentUser(req);
      let q = db
        .selectFrom('audit_entry as e')
        .selectAll('e')
        .where((eb) =>
          eb.or([inScope(user, 'audit.read', sql.ref('e.node_id')), eb.and([eb('e.node_id', 'is', null), eb('e.actor_id', '=', user.id)])]),
        )
        .orderBy('e.id', 'desc')
        .limit(req.query.limit);
      if (req.query.beforeId) q = q.where('e.id', '<', req.query.beforeId);
      if (req.query.action) q = q.where('e.action', '=', req.query.action);
      const rows = await q.execute();
      return { items: await presentEntries(db, rows) };
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: '校验审计哈希链',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            firstBroken: z.object({ id: z.number().nullable(), reason: z.string() }).nullable(),
          }),
        },
      },
    },
    async () => verifyAuditChain(db),
  );
};
