import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import { registerTicketHomeSection } from './home-section.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam, positiveId } from '../http/schemas.js';
import { sendOutbound } from '../notifications/notify.js';
import { requireAt } from '../access/scope.js';
import { listServiceKinds, raiseOptions } from './catalog.js';
import { departmentAccounts } from './handlers.js';
import { performanceInScope } from './performance.js';
import { getTicket, listOwnTickets, listTickets, ticketPhoto } from './queries.js';
import {
  detailOut,
  listOut,
  listQuery,
  performanceOut,
  performanceQuery,
  photoBody,
  raiseBody,
  serviceKindBody,
  serviceKindOut,
  stepBody,
  stepParams,
} from './schema.js';
import { raiseTicket } from './use-cases/raise-ticket.js';
import { createServiceKind, loadStandardKinds, updateServiceKind } from './use-cases/save-service-kind.js';
import { sdb } from './tables.js';
import { takeStep } from './use-cases/take-step.js';
import { uploadPhoto } from './use-cases/upload-photo.js';

const kindsOut = z.object({
  community: z.object({ id: z.number(), name: z.string() }),
  kinds: z.array(serviceKindOut),
  canManage: z.boolean(),
});

/** The service desk (issue 16): service lists, tickets and their steps, photos, performance. */
export const ticketRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['网格服务与诉求'];
  registerTicketHomeSection();
  const detail = (req: Parameters<typeof currentUser>[0], id: number) => getTicket(db, currentUser(req), id);

  // ---- service list (服务清单)
  app.get(
    '/api/communities/:id/service-kinds',
    { config: { permission: 'org.read' }, schema: { tags, summary: '社区服务清单', params: idParam, response: { 200: kindsOut } } },
    async (req) => listServiceKinds(db, currentUser(req), req.params.id),
  );
  app.post(
    '/api/communities/:id/service-kinds',
    {
      config: { permission: 'service.manage' },
      schema: { tags, summary: '新增服务清单事项', params: idParam, body: serviceKindBody, response: { 201: kindsOut } },
    },
    async (req, reply) => {
      await createServiceKind(actionContext(db, req), req.params.id, req.body);
      return reply.status(201).send(await listServiceKinds(db, currentUser(req), req.params.id));
    },
  );
  app.post(
    '/api/communities/:id/service-kinds/standard',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags,
        summary: '载入标准服务清单（报修、环境卫生、停车、噪音、邻里纠纷、物业服务投诉、违建）',
        params: idParam,
        body: z.strictObject({ departmentAccountId: positiveId('部门').nullish() }),
        response: { 201: kindsOut },
      },
    },
    async (req, reply) => {
      await loadStandardKinds(actionContext(db, req), req.params.id, req.body.departmentAccountId ?? null);
      return reply.status(201).send(await listServiceKinds(db, currentUser(req), req.params.id));
    },
  );
  app.patch(
    '/api/service-kinds/:id',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags,
        summary: '修改服务清单事项（已提出的诉求按原时限计算）',
        params: idParam,
        body: serviceKindBody,
        response: { 200: kindsOut },
      },
    },
    async (req) => {
      await updateServiceKind(actionContext(db, req), req.params.id, req.body);
      const k = await sdb(db).selectFrom('service_kind').select('community_id').where('id', '=', req.params.id).executeTakeFirstOrThrow();
      return listServiceKinds(db, currentUser(req), k.community_id);
    },
  );
  app.get(
    '/api/communities/:id/departments',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags,
        summary: '可承办诉求的区职能部门账号',
        params: idParam,
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) }) },
      },
    },
    async (req) => {
      await requireAt(db, currentUser(req), req.params.id, 'service.manage', 'org.read', '社区');
      return { items: (await departmentAccounts(db, req.params.id)).map((a) => ({ id: a.id, name: a.display_name })) };
    },
  );

  // ---- photos
  app.post(
    '/api/ticket-photos',
    {
      config: { permission: 'authenticated' },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: '上传照片（JPEG/PNG，5 MB 以内；保存前去除定位等元数据）',
        body: photoBody,
        response: { 201: z.object({ id: z.number(), size: z.number(), contentType: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await uploadPhoto(actionContext(db, req), req.body)),
  );
  app.get(
    '/api/ticket-photos/:id',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '查看照片（本人上传的，或可见诉求的）', params: idParam } },
    async (req, reply) => {
      const p = await ticketPhoto(db, currentUser(req), req.params.id);
      return reply.type(p.content_type).header('cache-control', 'private, max-age=3600').send(Buffer.from(p.content));
    },
  );

  // ---- tickets (诉求)
  app.get(
    '/api/tickets/raise-options',
    {
      config: { permission: 'ticket.raise' },
      schema: { tags, summary: '提出诉求可选的来源、房屋、小区和诉求类型', response: { 200: z.any() } },
    },
    async (req) => raiseOptions(db, currentUser(req)),
  );
  app.post(
    '/api/tickets',
    {
      config: { permission: 'ticket.raise' },
      schema: { tags, summary: '提出诉求（按服务清单派单）', body: raiseBody, response: { 201: detailOut } },
    },
    async (req, reply) => {
      const { id, outbound } = await raiseTicket(actionContext(db, req), { ...req.body, callerPhone: req.body.callerPhone || null });
      await sendOutbound(app.outbound, outbound);
      return reply.status(201).send(await detail(req, id));
    },
  );
  app.get(
    '/api/tickets',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '我可见的诉求（按范围，服务端筛选分页）', querystring: listQuery, response: { 200: listOut } },
    },
    async (req) => listTickets(db, currentUser(req), { ...req.query, mine: req.query.mine === '1', assigned: req.query.assigned === '1' }),
  );
  app.get(
    '/api/tickets/mine',
    {
      config: { permission: 'ticket.raise' },
      schema: {
        tags,
        summary: '本人提出的诉求（最新在前）',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: listOut },
      },
    },
    async (req) => listOwnTickets(db, currentUser(req), req.query.limit),
  );
  app.get(
    '/api/tickets/performance',
    {
      config: { permission: 'ticket.read' },
      schema: {
        tags,
        summary: '按时办结率、办理用时和满意度（按网格、社区、小区、承办方或物业企业）',
        querystring: performanceQuery,
        response: { 200: performanceOut },
      },
    },
    async (req) => ({ groupBy: req.query.groupBy, rows: await performanceInScope(db, currentUser(req), req.query) }),
  );
  app.get(
    '/api/tickets/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '诉求详情、办理记录和可办理的步骤', params: idParam, response: { 200: detailOut } },
    },
    async (req) => detail(req, req.params.id),
  );
  app.post(
    '/api/tickets/:id/steps/:action',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '办理一步：派单、转派、受理、暂停、继续、办结、评价、重新办理、回访办结、撤回',
        params: stepParams,
        body: stepBody,
        response: { 200: detailOut },
      },
    },
    async (req) => {
      const { outbound } = await takeStep(actionContext(db, req), req.params.id, req.params.action, req.body);
      await sendOutbound(app.outbound, outbound);
      return detail(req, req.params.id);
    },
  );
};
