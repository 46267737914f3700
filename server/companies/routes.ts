import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';
import { attachmentDisposition, listWorkbook, XLSX_TYPE } from '../documents/spreadsheet.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { identityKeys } from '../people/identity.js';
import { requireCompany, requireStreet } from './access.js';
import { getCompanyDetail, instructorCandidates, listCompanies, listUnregistered, PAGE_SIZE, partyBuildingChecks } from './queries.js';
import {
  addStaffBody,
  candidatesOut,
  candidatesQuery,
  checksOut,
  checksQuery,
  companyDetailOut,
  companyListOut,
  companyParams,
  contractParams,
  createContractBody,
  exportQuery,
  listQuery,
  partyBody,
  postOut,
  registerCompanyBody,
  staffParams,
  unregisteredOut,
  unregisteredQuery,
  updateCompanyBody,
  updateContractBody,
  updateStaffBody,
} from './schema.js';
import { addStaff } from './use-cases/add-staff.js';
import { createContract } from './use-cases/create-contract.js';
import { registerCompany } from './use-cases/register-company.js';
import { setCompanyParty, setContractParty } from './use-cases/set-party-building.js';
import { updateCompany } from './use-cases/update-company.js';
import { updateContract } from './use-cases/update-contract.js';
import { updateStaff } from './use-cases/update-staff.js';

/** 物业服务企业（issue 3）: registry, service contracts, staff lists and party building (R39). */
export const companyRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['物业企业'];
  const detail = (req: Parameters<typeof currentUser>[0], id: number) => getCompanyDetail(db, currentUser(req), id);

  app.get(
    '/api/companies',
    {
      config: { permission: 'company.read' },
      schema: { tags, summary: '物业企业列表（含党建状态，R39）', querystring: listQuery, response: { 200: companyListOut } },
    },
    async (req) =>
      listCompanies(db, currentUser(req), {
        q: req.query.q,
        streetId: req.query.streetId,
        limit: PAGE_SIZE,
        offset: (req.query.page - 1) * PAGE_SIZE,
      }),
  );

  app.get(
    '/api/companies/export.xlsx',
    { config: { permission: 'company.read' }, schema: { tags, summary: '导出物业企业列表', querystring: exportQuery } },
    async (req, reply) => {
      const { items } = await listCompanies(db, currentUser(req), { q: req.query.q, streetId: req.query.streetId, limit: null, offset: 0 });
      const file = await listWorkbook(
        '物业企业',
        [
          { header: '企业名称', width: 30, value: (c) => c.name },
          { header: '统一社会信用代码', width: 22, value: (c) => c.uscc },
          { header: '登记街道', width: 16, value: (c) => c.streetName },
          { header: '法定代表人', value: (c) => c.legalRepresentative },
          { header: '联系电话', value: (c) => c.phone },
          { header: '在履行合同数', value: (c) => c.contractsCurrent },
          { header: '服务小区', width: 36, value: (c) => c.estatesServed.map((e) => e.name).join('、') },
          { header: '从业人员数', value: (c) => c.staffCount },
          { header: '正式党员', value: (c) => c.fullMembers },
          { header: '预备党员', value: (c) => c.probationaryMembers },
          { header: '党组织', width: 24, value: (c) => c.partyOrg?.name ?? '未建立' },
          { header: '党建指导员', value: (c) => c.instructor?.name ?? '' },
          { header: '党建状态（R39）', width: 28, value: (c) => c.partyBuildingLabel },
        ],
        items,
      );
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentDisposition('物业企业列表.xlsx')).send(file);
    },
  );

  app.get(
    '/api/companies/checks',
    {
      config: { permission: 'company.read' },
      schema: { tags, summary: '党建提示：应建未建、待选派党建指导员（R39）', querystring: checksQuery, response: { 200: checksOut } },
    },
    async (req) => partyBuildingChecks(db, currentUser(req), req.query.streetId),
  );

  app.get(
    '/api/companies/unregistered',
    {
      config: { permission: 'company.manage' },
      schema: {
        tags,
        summary: '组织架构中尚未登记的物业企业',
        querystring: unregisteredQuery,
        response: { 200: unregisteredOut },
      },
    },
    async (req) => {
      await requireStreet(db, currentUser(req), req.query.streetId, 'company.manage');
      return listUnregistered(db, req.query.streetId);
    },
  );

  app.post(
    '/api/companies',
    {
      config: { permission: 'company.manage' },
      schema: { tags, summary: '登记物业企业', body: registerCompanyBody, response: { 201: companyDetailOut } },
    },
    async (req, reply) => {
      const company = await registerCompany(actionContext(db, req), req.body);
      return reply.status(201).send(await detail(req, company.node_id));
    },
  );

  app.get(
    '/api/companies/:id',
    {
      config: { permission: 'company.read' },
      schema: { tags, summary: '物业企业详情：合同、人员、党建', params: companyParams, response: { 200: companyDetailOut } },
    },
    async (req) => detail(req, req.params.id),
  );

  app.patch(
    '/api/companies/:id',
    {
      config: { permission: 'company.manage' },
      schema: { tags, summary: '修改企业登记信息', params: companyParams, body: updateCompanyBody, response: { 200: companyDetailOut } },
    },
    async (req) => {
      await updateCompany(actionContext(db, req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/companies/:id/contracts',
    {
      config: { permission: 'company.manage' },
      schema: {
        tags,
        summary: '登记服务合同（项目）',
        params: companyParams,
        body: createContractBody,
        response: { 201: companyDetailOut },
      },
    },
    async (req, reply) => {
      await createContract(actionContext(db, req), req.params.id, req.body);
      return reply.status(201).send(await detail(req, req.params.id));
    },
  );

  app.patch(
    '/api/companies/:id/contracts/:contractId',
    {
      config: { permission: 'company.manage' },
      schema: {
        tags,
        summary: '修改或结束服务合同',
        params: contractParams,
        body: updateContractBody,
        response: { 200: companyDetailOut },
      },
    },
    async (req) => {
      await updateContract(actionContext(db, req), req.params.id, req.params.contractId, req.body);
      return detail(req, req.params.id);
    },
  );

  app.put(
    '/api/companies/:id/contracts/:contractId/party',
    {
      config: { permission: 'party.manage' },
      schema: {
        tags,
        summary: '项目党建：党组织、党建指导员（R39）',
        params: contractParams,
        body: partyBody,
        response: { 200: companyDetailOut },
      },
    },
    async (req) => {
      await setContractParty(actionContext(db, req), req.params.id, req.params.contractId, req.body);
      return detail(req, req.params.id);
    },
  );

  app.put(
    '/api/companies/:id/party',
    {
      config: { permission: 'party.manage' },
      schema: {
        tags,
        summary: '企业党建：党组织、党建指导员（R39）',
        params: companyParams,
        body: partyBody,
        response: { 200: companyDetailOut },
      },
    },
    async (req) => {
      await setCompanyParty(actionContext(db, req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.get(
    '/api/companies/:id/instructor-candidates',
    {
      config: { permission: 'party.manage' },
      schema: {
        tags,
        summary: '可选派的党建指导员（本街道正式党员）',
        params: companyParams,
        querystring: candidatesQuery,
        response: { 200: candidatesOut },
      },
    },
    async (req) => {
      const { company } = await requireCompany(db, currentUser(req), req.params.id, 'party.manage');
      return instructorCandidates(db, currentUser(req), company.street_id, req.query.q);
    },
  );

  app.post(
    '/api/companies/:id/staff',
    {
      config: { permission: 'company.report' },
      schema: { tags, summary: '添加企业人员', params: companyParams, body: addStaffBody, response: { 201: postOut } },
    },
    async (req, reply) => {
      // Keys first: a query outside the transaction would wait for its connection on PGlite.
      const keys = await identityKeys(db);
      const post = await addStaff(actionContext(db, req), keys, req.params.id, req.body);
      return reply.status(201).send({ postId: post.id });
    },
  );

  app.patch(
    '/api/companies/:id/staff/:postId',
    {
      config: { permission: 'company.report' },
      schema: { tags, summary: '人员离职或修改政治面貌', params: staffParams, body: updateStaffBody, response: { 200: postOut } },
    },
    async (req) => {
      const post = await updateStaff(actionContext(db, req), req.params.id, req.params.postId, req.body);
      return { postId: post.id };
    },
  );
};
