import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RULE_PROFILES, SEED_PROFILE } from '../../core/rule-profile.js';
import { inScope, permissionsAt } from '../access/scope.js';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { renderOfficialDocx } from '../documents/official-document.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam, okResponse } from '../http/schemas.js';
import { contentDisposition } from '../notices/notice-document.js';
import { NOTICE_TEMPLATES } from '../notices/templates.js';
import { certificateDocument } from './certificate.js';
import { caseDetail, governanceOverview, myJointNominations } from './queries.js';
import {
  announceBody,
  approveListBody,
  cancelBody,
  caseIdParams,
  caseOut,
  establishBody,
  governanceOut,
  governanceQuery,
  handoverBody,
  listBody,
  nominateBody,
  nominationParams,
  ownersCommitteeBody,
  planBody,
  profileBody,
  sealBody,
  setGovernanceBody,
  startCaseBody,
  vetBody,
} from './schema.js';
import { announce } from './use-cases/announce.js';
import { applySeal, establish, recordSeal } from './use-cases/establish.js';
import { enterOwnersCommittee, recordHandover, setGovernance, setPlan, setProfile } from './use-cases/governance.js';
import { approveList, saveList } from './use-cases/member-list.js';
import { nominate } from './use-cases/nominate.js';
import { signNomination } from './use-cases/sign-nomination.js';
import { cancelCase, closeNominations, openList, reviseList, vetCandidate } from './use-cases/simple-steps.js';
import { startCase } from './use-cases/start-case.js';

/** 小区治理状态、实施方案、规则配置与物业管理委员会组建（issue 5; R22–R34, R42）. */
export const formationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['物管会组建'];
  type Req = Parameters<typeof currentUser>[0];
  const detail = (req: Req, id: number) => caseDetail(db, currentUser(req), id);

  app.get(
    '/api/governance',
    {
      config: { permission: 'governance.read' },
      schema: { tags, summary: '小区治理状态、组建进度与逾期事项', querystring: governanceQuery, response: { 200: governanceOut } },
    },
    async (req) => governanceOverview(db, currentUser(req), req.query.nodeId),
  );

  app.get(
    '/api/governance/profiles',
    { config: { permission: 'governance.read' }, schema: { tags, summary: '可选规则配置与各街道当前配置、实施方案' } },
    async (req) => {
      const user = currentUser(req);
      const streets = await db
        .selectFrom('org_node as s')
        .leftJoin('street_rule_profile as r', 'r.street_id', 's.id')
        .leftJoin('governance_plan as p', 'p.street_id', 's.id')
        .select(['s.id', 's.name', 'r.profile_id', 'p.name as plan_name', 'p.deadline', 'p.phases'])
        .where('s.kind', '=', 'street')
        .where(inScope(user, 'governance.read', sql.ref('s.id')))
        .orderBy('s.id')
        .execute();
      const held = await permissionsAt(
        db,
        user,
        streets.map((s) => s.id),
      );
      return {
        profiles: RULE_PROFILES,
        streets: streets.map((s) => ({
          streetId: s.id,
          streetName: s.name,
          profileId: s.profile_id ?? SEED_PROFILE.id,
          plan: s.plan_name ? { name: s.plan_name, deadline: s.deadline, phases: s.phases } : null,
          canManage: held.get(s.id)?.has('governance.manage') ?? false,
        })),
      };
    },
  );

  app.put(
    '/api/governance/estates/:id',
    {
      config: { permission: 'governance.manage' },
      schema: { tags, summary: '登记小区治理状态（R26）', params: idParam, body: setGovernanceBody, response: { 200: okResponse } },
    },
    async (req) => {
      await setGovernance(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/governance/streets/:id/plan',
    {
      config: { permission: 'governance.manage' },
      schema: { tags, summary: '实施方案阶段与期限（R42）', params: idParam, body: planBody, response: { 200: okResponse } },
    },
    async (req) => {
      await setPlan(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/governance/streets/:id/profile',
    {
      config: { permission: 'governance.manage' },
      schema: { tags, summary: '街道规则配置（不影响进行中的案件）', params: idParam, body: profileBody, response: { 200: okResponse } },
    },
    async (req) => {
      await setProfile(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/governance/estates/:id/owners-committee',
    {
      config: { permission: 'governance.manage' },
      schema: {
        tags,
        summary: '登记业主委员会产生或恢复履职（R34：物管会自动解散）',
        params: idParam,
        body: ownersCommitteeBody,
        response: { 201: z.object({ id: z.number(), dissolvedCommitteeId: z.number().nullable() }) },
      },
    },
    async (req, reply) => {
      const r = await enterOwnersCommittee(actionContext(db, req), req.params.id, req.body);
      return reply.status(201).send({ id: r.committee.id, dissolvedCommitteeId: r.dissolved?.id ?? null });
    },
  );

  app.post(
    '/api/governance/committees/:id/handover',
    {
      config: { permission: 'governance.manage' },
      schema: {
        tags,
        summary: '登记物管会解散后的资料、印章移交（R34）',
        params: idParam,
        body: handoverBody,
        response: { 200: okResponse },
      },
    },
    async (req) => {
      await recordHandover(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/formation/cases',
    { config: { permission: 'formation.run' }, schema: { tags, summary: '启动组建', body: startCaseBody, response: { 201: caseOut } } },
    async (req, reply) => {
      const c = await startCase(actionContext(db, req), req.body);
      return reply.status(201).send(await detail(req, c.id));
    },
  );

  app.get(
    '/api/formation/cases/:id',
    { config: { permission: 'governance.read' }, schema: { tags, summary: '组建案件', params: idParam, response: { 200: caseOut } } },
    async (req) => detail(req, req.params.id),
  );

  // Each step: thin — the use case runs the state machine's guard, the work and the audit entry.
  const step = <B extends z.ZodType>(
    path: string,
    permission: 'formation.run' | 'formation.vet' | 'formation.approve',
    summary: string,
    body: B,
    fn: (req: Req, id: number, body: z.output<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/api/formation/cases/:id/${path}`,
      { config: { permission }, schema: { tags, summary, params: caseIdParams, body, response: { 200: caseOut } } },
      async (req) => {
        await fn(req, req.params.id, req.body as z.output<B>);
        return detail(req, req.params.id);
      },
    );
  const empty = z.strictObject({});
  step('announce', 'formation.run', '发布组建公告（R27）', announceBody, (req, id, b) => announce(actionContext(db, req), id, b));
  step('close-nominations', 'formation.run', '截止报名（R27）', empty, (req, id) => closeNominations(actionContext(db, req), id));
  step('open-list', 'formation.run', '把关完成，开始确定名单', empty, (req, id) => openList(actionContext(db, req), id));
  step('approve-list', 'formation.approve', '确定名单并公示（R22–R25, R29）', approveListBody, (req, id, b) =>
    approveList(actionContext(db, req), id, b),
  );
  step('revise-list', 'formation.approve', '异议成立，调整名单（R30）', empty, (req, id) => reviseList(actionContext(db, req), id));
  step('establish', 'formation.approve', '核发成立证明', establishBody, (req, id, b) => establish(actionContext(db, req), id, b));
  step('seal/apply', 'formation.run', '登记印章申请（R31）', sealBody, (req, id, b) => applySeal(actionContext(db, req), id, b));
  step('seal/record', 'formation.run', '登记印章备案（R31）', sealBody, (req, id, b) => recordSeal(actionContext(db, req), id, b));
  step('cancel', 'formation.approve', '终止组建', cancelBody, (req, id, b) => cancelCase(actionContext(db, req), id, b));

  app.post(
    '/api/formation/cases/:id/nominations',
    {
      config: { permission: 'formation.run' },
      schema: { tags, summary: '登记报名推荐（R28）', params: caseIdParams, body: nominateBody, response: { 201: caseOut } },
    },
    async (req, reply) => {
      await nominate(actionContext(db, req), req.params.id, req.body);
      return reply.status(201).send(await detail(req, req.params.id));
    },
  );

  app.post(
    '/api/formation/cases/:id/nominations/:nominationId/vet',
    {
      config: { permission: 'formation.vet' },
      schema: { tags, summary: '候选人把关（R28, R37）', params: nominationParams, body: vetBody, response: { 200: caseOut } },
    },
    async (req) => {
      await vetCandidate(actionContext(db, req), req.params.id, req.params.nominationId, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/formation/cases/:id/nominations/:nominationId/sign',
    {
      config: { permission: 'owner.self' },
      schema: { tags, summary: '业主在线联名（R28）', params: nominationParams, response: { 200: okResponse } },
    },
    async (req) => signNomination(actionContext(db, req), req.params.id, req.params.nominationId),
  );

  app.get(
    '/api/me/joint-nominations',
    {
      config: { permission: 'owner.self' },
      schema: {
        tags,
        summary: '本人所在小区正在征集的业主联名推荐（R28）',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                caseId: z.number(),
                nominationId: z.number(),
                estateName: z.string(),
                candidate: z.string(),
                occupation: z.string().nullable(),
                statement: z.string().nullable(),
                announcementEnd: z.string().nullable(),
                signers: z.number(),
                signedByMe: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => myJointNominations(db, currentUser(req)),
  );

  app.put(
    '/api/formation/cases/:id/list',
    {
      config: { permission: 'formation.run' },
      schema: { tags, summary: '保存委员名单草稿（返回组成检查）', params: caseIdParams, body: listBody, response: { 200: caseOut } },
    },
    async (req) => {
      await saveList(actionContext(db, req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.get(
    '/api/formation/cases/:id/announcement-template',
    {
      config: { permission: 'formation.run' },
      schema: {
        tags,
        summary: '组建公告模板（R27，可编辑后发布）',
        params: idParam,
        response: { 200: z.object({ title: z.string(), body: z.string() }) },
      },
    },
    async (req) => {
      const d = await detail(req, req.params.id);
      return NOTICE_TEMPLATES.announcement({
        place: d.estate.name,
        community: d.estate.communityName,
        street: d.estate.streetName,
        today: d.today,
      });
    },
  );

  app.get(
    '/api/formation/cases/:id/certificate.docx',
    { config: { permission: 'governance.read' }, schema: { tags, summary: '成立证明（.docx）', params: idParam } },
    async (req, reply) => {
      const d = await certificateDocument(db, currentUser(req), req.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', contentDisposition(d.fileName))
        .send(await renderOfficialDocx(d));
    },
  );
};
