import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { dateInput, idParam, okResponse, positiveId } from '../http/schemas.js';
import { sendOutbound } from '../notifications/notify.js';
import { todayInChina } from '../clock.js';
import {
  estateVanguard,
  listPledges,
  listStations,
  listWishes,
  myDuties,
  publicCobuilding,
  publicWishPhoto,
  volunteerHours,
} from './queries.js';
import { checkDuty, deleteDuty, listRosterable, scheduleDuty } from './use-cases/duty.js';
import { createPledge, recordPledgeProgress } from './use-cases/pledges.js';
import { createStation, updateStation } from './use-cases/stations.js';
import { claimWish, fulfilWish, postWish, reviewWish } from './use-cases/wishes.js';

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });
const minutes = z
  .number({ error: '时长必须是分钟数' })
  .int({ error: '时长必须是整数分钟' })
  .min(0, { error: '时长不能为负' })
  .max(14400, { error: '时长不能超过 240 小时' });

const stationBody = z.strictObject({
  name: text('站点名称', 50),
  place: text('地点', 100),
  /** 开放时间，如“周一至周五 9:00–17:00” */
  openingHours: text('开放时间', 100),
  active: z.boolean().optional(),
});
const instant = z.string({ error: '时间必须是 ISO 格式' }).refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s), {
  error: '时间格式不正确，应为 YYYY-MM-DDTHH:mm（含时区）',
});
const dutyBody = z.strictObject({
  startsAt: instant,
  endsAt: instant,
  dutyKind: z.enum(['gridWorker', 'partyMember', 'volunteer', 'propertyStaff'], { error: '值班人员类别不正确' }),
  /** 党员、志愿者：人员名册中的人员（用其绑定的业主账号签到） */
  personId: positiveId('人员').nullish(),
  /** 网格员、物业人员：其账号 */
  accountId: positiveId('账号').nullish(),
});

/** Stations and duty rosters, wishes, pledges, vanguard posts, volunteer hours (issue 16, seed items 1, 5, 7). */
export const cobuildingRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['联建共建与服务站点'];
  const any = z.any();

  // ---- stations and duty
  app.get(
    '/api/stations',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '服务站点及一周值班表',
        querystring: z.strictObject({ from: dateInput.optional() }),
        response: { 200: any },
      },
    },
    async (req) => listStations(db, currentUser(req), req.query.from ?? todayInChina()),
  );
  app.post(
    '/api/nodes/:id/stations',
    {
      config: { permission: 'service.manage' },
      schema: { tags, summary: '在网格或小区新建服务站点', params: idParam, body: stationBody, response: { 201: any } },
    },
    async (req, reply) => reply.status(201).send(await createStation(actionContext(db, req), req.params.id, req.body)),
  );
  app.patch(
    '/api/stations/:id',
    {
      config: { permission: 'service.manage' },
      schema: { tags, summary: '修改服务站点', params: idParam, body: stationBody, response: { 200: okResponse } },
    },
    async (req) => {
      await updateStation(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/stations/:id/duties',
    {
      config: { permission: 'service.manage' },
      schema: { tags, summary: '排班', params: idParam, body: dutyBody, response: { 201: any } },
    },
    async (req, reply) => reply.status(201).send(await scheduleDuty(actionContext(db, req), req.params.id, req.body)),
  );
  app.get(
    '/api/stations/:id/rosterable',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags,
        summary: '可排班的工作人员账号（本社区网格员、社区工作人员、服务本社区的物业人员）',
        params: idParam,
        response: { 200: any },
      },
    },
    async (req) => listRosterable(db, currentUser(req), req.params.id),
  );
  app.delete(
    '/api/duties/:id',
    {
      config: { permission: 'service.manage' },
      schema: { tags, summary: '删除未签到的排班', params: idParam, response: { 200: okResponse } },
    },
    async (req) => {
      await deleteDuty(actionContext(db, req), req.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/duties/mine',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '我的值班（签到、签退）', response: { 200: any } } },
    async (req) => myDuties(db, currentUser(req)),
  );
  for (const step of ['in', 'out'] as const)
    app.post(
      `/api/duties/:id/check-${step}`,
      {
        config: { permission: 'authenticated' },
        schema: { tags, summary: step === 'in' ? '值班签到' : '值班签退', params: idParam, response: { 200: okResponse } },
      },
      async (req) => {
        await checkDuty(actionContext(db, req), req.params.id, step);
        return { ok: true as const };
      },
    );

  // ---- wishes (微心愿)
  app.get(
    '/api/wishes',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '我可见的微心愿', response: { 200: any } } },
    async (req) => listWishes(db, currentUser(req)),
  );
  app.post(
    '/api/wishes',
    {
      config: { permission: 'cobuilding.join' },
      schema: {
        tags,
        summary: '提出微心愿（社区审核后公开）',
        body: z.strictObject({ estateId: positiveId('小区'), title: text('心愿', 50), content: text('说明', 500) }),
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (req, reply) => {
      const { id, outbound } = await postWish(actionContext(db, req), req.body);
      await sendOutbound(app.outbound, outbound);
      return reply.status(201).send({ id });
    },
  );
  app.post(
    '/api/wishes/:id/review',
    {
      config: { permission: 'cobuilding.manage' },
      schema: {
        tags,
        summary: '审核微心愿',
        params: idParam,
        body: z.strictObject({ approve: z.boolean({ error: '请选择通过或不通过' }), note: z.string().trim().max(200).nullish() }),
        response: { 200: okResponse },
      },
    },
    async (req) => {
      await sendOutbound(app.outbound, await reviewWish(actionContext(db, req), req.params.id, req.body));
      return { ok: true as const };
    },
  );
  app.post(
    '/api/wishes/:id/claim',
    { config: { permission: 'cobuilding.join' }, schema: { tags, summary: '认领微心愿', params: idParam, response: { 200: okResponse } } },
    async (req) => {
      await sendOutbound(app.outbound, await claimWish(actionContext(db, req), req.params.id));
      return { ok: true as const };
    },
  );
  app.post(
    '/api/wishes/:id/fulfil',
    {
      config: { permission: 'cobuilding.join' },
      schema: {
        tags,
        summary: '登记微心愿完成（附照片和志愿时长）',
        params: idParam,
        body: z.strictObject({ note: text('完成情况', 500), photoIds: z.array(positiveId('照片')).max(9), minutes }),
        response: { 200: okResponse },
      },
    },
    async (req) => {
      await sendOutbound(app.outbound, await fulfilWish(actionContext(db, req), req.params.id, req.body));
      return { ok: true as const };
    },
  );

  // ---- pledges (承诺践诺亮诺) and vanguard posts (党员先锋岗)
  app.get(
    '/api/pledges',
    { config: { permission: 'cobuilding.manage' }, schema: { tags, summary: '党员承诺', response: { 200: any } } },
    async (req) => listPledges(db, currentUser(req)),
  );
  app.post(
    '/api/estates/:id/pledges',
    {
      config: { permission: 'cobuilding.manage' },
      schema: {
        tags,
        summary: '登记党员承诺',
        params: idParam,
        body: z.strictObject({
          personId: positiveId('党员'),
          title: text('承诺', 50),
          content: text('承诺内容', 500),
          dueOn: dateInput.nullish(),
        }),
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createPledge(actionContext(db, req), req.params.id, req.body)),
  );
  app.post(
    '/api/pledges/:id/progress',
    {
      config: { permission: 'cobuilding.manage' },
      schema: {
        tags,
        summary: '登记践诺进展（fulfilled: 兑现）',
        params: idParam,
        body: z.strictObject({ note: text('进展', 500), minutes: minutes.default(0), fulfilled: z.boolean().optional() }),
        response: { 200: okResponse },
      },
    },
    async (req) => {
      await recordPledgeProgress(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/estates/:id/vanguard',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: '小区党员先锋岗（楼栋长、监督员、调解员、服务员）', params: idParam, response: { 200: any } },
    },
    async (req) => estateVanguard(db, currentUser(req), req.params.id),
  );
  app.get(
    '/api/volunteer-hours',
    {
      config: { permission: 'cobuilding.manage' },
      schema: {
        tags,
        summary: '志愿服务时长（值班、微心愿、践诺），按人按年',
        querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: any },
      },
    },
    async (req) => volunteerHours(db, currentUser(req), req.query.year),
  );

  // ---- public (no login, no personal data)
  app.get(
    '/api/public/estates/:id/cobuilding',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '小区公开页：服务站点、微心愿、党员承诺、先锋岗（无需登录）', params: idParam, response: { 200: any } },
    },
    async (req) => publicCobuilding(db, req.params.id),
  );
  app.get(
    '/api/public/wish-photos/:id',
    { config: { permission: 'public' }, schema: { tags, summary: '公开的微心愿照片', params: idParam } },
    async (req, reply) => {
      const p = await publicWishPhoto(db, req.params.id);
      return reply.type(p.content_type).header('cache-control', 'public, max-age=600').send(Buffer.from(p.content));
    },
  );
};
