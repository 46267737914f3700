import { setNegativeList } from './use-cases/set-negative-list.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import { attachmentDisposition, listWorkbook, XLSX_TYPE } from '../documents/spreadsheet.js';
import { PARTY_ORG_KIND_LABEL } from '../../core/registry.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam, okResponse } from '../http/schemas.js';
import { todayInChina } from '../clock.js';
import { peopleWorkbook } from './export.js';
import { presentPost } from './present.js';
import { findPostRow, getPersonDetail, listPartyOrgs, listPeople, registryChecks } from './queries.js';
import {
  checksOut,
  checksQuery,
  createPartyOrgBody,
  createPersonBody,
  createPostBody,
  partyOrgListOut,
  partyOrgListQuery,
  personDetailOut,
  personListOut,
  personListQuery,
  postOut,
  revealBody,
  revealOut,
  updatePartyOrgBody,
  updatePersonBody,
  updatePostBody,
} from './schema.js';
import { createPartyOrg } from './use-cases/create-party-org.js';
import { createPerson } from './use-cases/create-person.js';
import { createPost } from './use-cases/create-post.js';
import { deletePartyOrg } from './use-cases/delete-party-org.js';
import { deletePost } from './use-cases/delete-post.js';
import { revealPersonField } from './use-cases/reveal-person-field.js';
import { updatePartyOrg } from './use-cases/update-party-org.js';
import { updatePerson } from './use-cases/update-person.js';
import { updatePost } from './use-cases/update-post.js';

/**
 * 人员与党组织（issue 3）: the person registry with masked identity data and audited reveals,
 * posts with dates, the party organisation tree, and the street's R40 / cross-appointment checks.
 * Routes declare the weakest permission any caller of them needs; the use case checks the exact
 * one at the object (party posts: party.manage; other changes: registry.manage).
 */
export const peopleRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['人员与党组织'];
  const postOutOf = async (id: number) => presentPost((await findPostRow(db, id))!, todayInChina());

  app.get(
    '/api/people',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: '人员名册（脱敏）', querystring: personListQuery, response: { 200: personListOut } },
    },
    async (req) => listPeople(db, currentUser(req), req.query),
  );

  app.get(
    '/api/people/export.xlsx',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: '导出人员名册（.xlsx，脱敏）', querystring: personListQuery },
    },
    async (req, reply) => {
      const { items } = await listPeople(db, currentUser(req), req.query, true);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentDisposition('人员名册.xlsx'))
        .send(await peopleWorkbook(items));
    },
  );

  app.get(
    '/api/people/:id',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: '人员详情：职务（含历任）与交叉任职', params: idParam, response: { 200: personDetailOut } },
    },
    async (req) => getPersonDetail(db, currentUser(req), req.params.id),
  );

  app.post(
    '/api/people',
    {
      config: { permission: 'registry.manage' },
      schema: { tags, summary: '登记人员', body: createPersonBody, response: { 201: personDetailOut } },
    },
    async (req, reply) => {
      const person = await createPerson(actionContext(db, req), req.body);
      return reply.status(201).send(await getPersonDetail(db, currentUser(req), person.id));
    },
  );

  app.put(
    '/api/people/:id/negative-list',
    {
      config: { permission: 'governance.manage' },
      schema: {
        tags,
        summary: '登记或撤销负面清单记录（R35，街道决定）',
        params: idParam,
        body: z.strictObject({
          note: z
            .string({ error: '负面清单记录必须是文字' })
            .trim()
            .min(1, { error: '请填写负面清单事项' })
            .max(500, { error: '不能超过 500 字' })
            .nullable(),
        }),
        response: { 200: okResponse },
      },
    },
    async (req) => {
      await setNegativeList(actionContext(db, req), req.params.id, req.body.note);
      return { ok: true as const };
    },
  );

  app.patch(
    '/api/people/:id',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: '修改人员（党群办可改政治面貌和所属党组织）',
        params: idParam,
        body: updatePersonBody,
        response: { 200: personDetailOut },
      },
    },
    async (req) => {
      await updatePerson(actionContext(db, req), req.params.id, req.body);
      return getPersonDetail(db, currentUser(req), req.params.id);
    },
  );

  app.post(
    '/api/people/:id/reveal',
    {
      config: { permission: 'contact.reveal' },
      schema: { tags, summary: '查看完整手机号或身份证号（留痕）', params: idParam, body: revealBody, response: { 200: revealOut } },
    },
    async (req) => revealPersonField(actionContext(db, req), req.params.id, req.body.field),
  );

  app.post(
    '/api/people/:id/posts',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: '任职', params: idParam, body: createPostBody, response: { 201: postOut } },
    },
    async (req, reply) => {
      const post = await createPost(actionContext(db, req), req.params.id, req.body);
      return reply.status(201).send(await postOutOf(post.id));
    },
  );

  app.patch(
    '/api/posts/:id',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: '离任或更正任职日期', params: idParam, body: updatePostBody, response: { 200: postOut } },
    },
    async (req) => {
      const post = await updatePost(actionContext(db, req), req.params.id, req.body);
      return postOutOf(post.id);
    },
  );

  app.delete(
    '/api/posts/:id',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: '删除误录的任职', params: idParam, response: { 200: okResponse } },
    },
    async (req) => {
      await deletePost(actionContext(db, req), req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/party-orgs',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: '党组织（parentId 构成树）', querystring: partyOrgListQuery, response: { 200: partyOrgListOut } },
    },
    async (req) => listPartyOrgs(db, currentUser(req), req.query.nodeId),
  );

  app.get(
    '/api/party-orgs/export.xlsx',
    { config: { permission: 'registry.read' }, schema: { tags, summary: '导出党组织（按数据范围）', querystring: partyOrgListQuery } },
    async (req, reply) => {
      const { items } = await listPartyOrgs(db, currentUser(req), req.query.nodeId);
      const byId = new Map(items.map((o) => [o.id, o]));
      const buf = await listWorkbook(
        '党组织',
        [
          { header: '党组织', width: 28, value: (o: (typeof items)[number]) => o.name },
          { header: '类型', value: (o) => PARTY_ORG_KIND_LABEL[o.kind] },
          { header: '上级党组织', width: 24, value: (o) => (o.parentId ? (byId.get(o.parentId)?.name ?? '') : '') },
          { header: '所在位置', width: 20, value: (o) => o.nodeName },
          { header: '书记', value: (o) => o.secretary?.name ?? '' },
          { header: '正式党员', value: (o) => o.fullMembers },
          { header: '预备党员', value: (o) => o.probationaryMembers },
        ],
        items,
      );
      return reply.type(XLSX_TYPE).header('content-disposition', attachmentDisposition('党组织.xlsx')).send(buf);
    },
  );

  const partyOrgOutOf = async (req: Parameters<typeof currentUser>[0], id: number) =>
    (await listPartyOrgs(db, currentUser(req))).items.find((o) => o.id === id)!;

  app.post(
    '/api/party-orgs',
    {
      config: { permission: 'party.manage' },
      schema: { tags, summary: '设立党组织', body: createPartyOrgBody, response: { 201: partyOrgListOut.shape.items.element } },
    },
    async (req, reply) => {
      const org = await createPartyOrg(actionContext(db, req), req.body);
      return reply.status(201).send(await partyOrgOutOf(req, org.id));
    },
  );

  app.patch(
    '/api/party-orgs/:id',
    {
      config: { permission: 'party.manage' },
      schema: {
        tags,
        summary: '修改党组织',
        params: idParam,
        body: updatePartyOrgBody,
        response: { 200: partyOrgListOut.shape.items.element },
      },
    },
    async (req) => {
      const org = await updatePartyOrg(actionContext(db, req), req.params.id, req.body);
      return partyOrgOutOf(req, org.id);
    },
  );

  app.delete(
    '/api/party-orgs/:id',
    {
      config: { permission: 'party.manage' },
      schema: { tags, summary: '删除党组织（无下级、无党员、无任职时）', params: idParam, response: { 200: okResponse } },
    },
    async (req) => {
      await deletePartyOrg(actionContext(db, req), req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/registry/checks',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: '人员配备检查：网格（R40）与交叉任职', querystring: checksQuery, response: { 200: checksOut } },
    },
    async (req) => registryChecks(db, currentUser(req), req.query.nodeId),
  );
};
