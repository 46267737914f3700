import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FEE_STATUS_LABEL, type FeeStatus } from '../../core/registry.js';
import type { Db } from '../db/connect.js';
import { attachmentDisposition, listWorkbook, XLSX_TYPE } from '../documents/spreadsheet.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam } from '../http/schemas.js';
import { getMyUnits, getRoll, getUnitOwnership } from './queries.js';
import {
  addOwnerBody,
  bindSelfBody,
  confirmBindingBody,
  endOwnershipBody,
  myUnitsOut,
  rollOut,
  rollQuery,
  transferBody,
  unitOwnershipOut,
  unitRegistryBody,
  voterBody,
} from './schema.js';
import { addOwner } from './use-cases/add-owner.js';
import { bindOwnerAccount } from './use-cases/bind-owner-account.js';
import { confirmOwnerBinding } from './use-cases/confirm-owner-binding.js';
import { sendOutbound } from '../notifications/notify.js';
import { designateVoter } from './use-cases/designate-voter.js';
import { endOwnership } from './use-cases/end-ownership.js';
import { transferUnit } from './use-cases/transfer-unit.js';
import { updateUnitRegistry } from './use-cases/update-unit-registry.js';

/** 业主名册（issue 3; R1–R4, R37）: owners of units with tenure, co-owners, developer stock, fees, account binding. */
export const ownerRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['业主名册'];
  const unitDetail = (req: Parameters<typeof currentUser>[0], id: number) => getUnitOwnership(db, currentUser(req), id);

  app.get(
    '/api/roll',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: '小区业主名册（含R3人数与面积合计）', querystring: rollQuery, response: { 200: rollOut } },
    },
    async (req) => getRoll(db, currentUser(req), req.query),
  );

  app.get(
    '/api/roll/export.xlsx',
    { config: { permission: 'registry.read' }, schema: { tags, summary: '导出业主名册（证件号、手机号脱敏）', querystring: rollQuery } },
    async (req, reply) => {
      const roll = await getRoll(db, currentUser(req), { ...req.query, page: 1, pageSize: 1_000_000 });
      type Item = (typeof roll.items)[number];
      type Row = { u: Item; o: Item['owners'][number] | null };
      const rows = roll.items.flatMap<Row>((u) => (u.owners.length ? u.owners.map((o) => ({ u, o })) : [{ u, o: null }]));
      const buf = await listWorkbook<Row>(
        '业主名册',
        [
          { header: '楼栋', value: (r) => r.u.buildingName },
          { header: '单元', value: (r) => r.u.entrance },
          { header: '房号', value: (r) => r.u.number },
          { header: '专有部分面积(㎡)', value: (r) => r.u.area },
          { header: '开发商未售或未交付', value: (r) => (r.u.developerStock ? '是' : '否') },
          { header: '业主', width: 16, value: (r) => r.o?.person.name ?? '' },
          { header: '证件号码', width: 22, value: (r) => r.o?.person.idNumberMasked ?? '' },
          { header: '手机号', value: (r) => r.o?.person.mobileMasked ?? '' },
          { header: '指定表决人', value: (r) => (r.o ? (r.o.designatedVoter ? '是' : '否') : '') },
          { header: '取得方式', value: (r) => r.o?.basisLabel ?? '' },
          { header: '取得日期', value: (r) => r.o?.startedOn ?? '' },
          { header: '物业费状态', value: (r) => FEE_STATUS_LABEL[r.u.feeStatus as FeeStatus] },
          { header: '欠费起始日期', value: (r) => r.u.feeArrearsSince },
          { header: '欠费金额(元)', value: (r) => r.u.feeArrears },
        ],
        rows,
      );
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(`${roll.estate.name}业主名册.xlsx`))
        .send(buf);
    },
  );

  app.get(
    '/api/roll/units/:id',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: '房屋权属详情与历史', params: idParam, response: { 200: unitOwnershipOut } },
    },
    async (req) => unitDetail(req, req.params.id),
  );

  app.post(
    '/api/roll/units/:id/owners',
    {
      config: { permission: 'registry.manage' },
      schema: { tags, summary: '登记业主或共有人', params: idParam, body: addOwnerBody, response: { 201: unitOwnershipOut } },
    },
    async (req, reply) => {
      await addOwner(actionContext(db, req), req.params.id, req.body);
      return reply.status(201).send(await unitDetail(req, req.params.id));
    },
  );

  app.post(
    '/api/roll/units/:id/transfer',
    {
      config: { permission: 'registry.manage' },
      schema: {
        tags,
        summary: '过户（原业主权属终止，保留历史）',
        params: idParam,
        body: transferBody,
        response: { 200: unitOwnershipOut },
      },
    },
    async (req) => {
      await transferUnit(actionContext(db, req), req.params.id, req.body);
      return unitDetail(req, req.params.id);
    },
  );

  app.put(
    '/api/roll/units/:id/voter',
    {
      config: { permission: 'registry.manage' },
      schema: { tags, summary: '指定共有人表决人（R4）', params: idParam, body: voterBody, response: { 200: unitOwnershipOut } },
    },
    async (req) => {
      await designateVoter(actionContext(db, req), req.params.id, req.body.personId);
      return unitDetail(req, req.params.id);
    },
  );

  app.patch(
    '/api/roll/units/:id',
    {
      config: { permission: 'registry.manage' },
      schema: {
        tags,
        summary: '开发商未售标记（R3）与物业费状态（R37）',
        params: idParam,
        body: unitRegistryBody,
        response: { 200: unitOwnershipOut },
      },
    },
    async (req) => {
      await updateUnitRegistry(actionContext(db, req), req.params.id, req.body);
      return unitDetail(req, req.params.id);
    },
  );

  app.post(
    '/api/roll/ownerships/:id/end',
    {
      config: { permission: 'registry.manage' },
      schema: { tags, summary: '终止某一业主的权属', params: idParam, body: endOwnershipBody, response: { 200: unitOwnershipOut } },
    },
    async (req) => {
      const o = await endOwnership(actionContext(db, req), req.params.id, req.body);
      return unitDetail(req, o.unit_id);
    },
  );

  app.post(
    '/api/roll/bindings',
    {
      config: { permission: 'registry.manage' },
      schema: {
        tags,
        summary: '工作人员现场核验后为业主账号绑定名册',
        body: confirmBindingBody,
        response: { 201: z.object({ accountId: z.number(), estates: z.array(z.number()) }) },
      },
    },
    async (req, reply) => {
      const { outbound, ...bound } = await confirmOwnerBinding(actionContext(db, req), req.body);
      await sendOutbound(app.outbound, outbound);
      return reply.status(201).send(bound);
    },
  );

  app.get(
    '/api/me/units',
    { config: { permission: 'owner.self' }, schema: { tags, summary: '我的房屋（本人视图）', response: { 200: myUnitsOut } } },
    async (req) => getMyUnits(db, currentUser(req)),
  );

  app.post(
    '/api/me/owner-binding',
    {
      config: { permission: 'owner.self' },
      schema: { tags, summary: '业主以身份证号和手机号核验绑定名册', body: bindSelfBody, response: { 200: myUnitsOut } },
    },
    async (req) => {
      await bindOwnerAccount(actionContext(db, req), req.body);
      return getMyUnits(db, currentUser(req));
    },
  );
};
