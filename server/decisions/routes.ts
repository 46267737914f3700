import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import { renderOfficialDocx } from '../documents/official-document.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam } from '../http/schemas.js';
import {
  decisionDetail,
  decisionFile,
  frozenRoll,
  listDecisions,
  myDecisions,
  publicEstateDecisions,
  publicTallyFile,
  publicVoters,
  receipt,
  resultDocument,
} from './queries.js';
import { rulesForEstate } from './queries.js';
import { announceBody, createDecisionBody, decisionInput, listQuery, paperBody, receiptParams, voteBody } from './schema.js';
import { loggingRefusals } from './store.js';
import { announceDecision, cancelDecision, closeDecision, createDecision, openDecision, updateDecision } from './use-cases/manage.js';
import { enterPaperBallot } from './use-cases/paper.js';
import { publishDecision } from './use-cases/publish.js';
import { castVote } from './use-cases/vote.js';
import { checkReceipt } from './use-cases/check-receipt.js';

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const disposition = (fileName: string, ascii: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** 业主共同决定 (issue 6): decisions, ballots online and on paper, tallies, public results. */
export const decisionRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['业主共同决定'];

  app.get(
    '/api/decisions',
    { config: { permission: 'decision.read' }, schema: { tags, summary: '我的范围内的表决', querystring: listQuery } },
    async (req) => listDecisions(db, currentUser(req), req.query.estateId),
  );

  app.get(
    '/api/decisions/rules',
    {
      config: { permission: 'decision.manage' },
      schema: {
        tags,
        summary: '小区适用的规则配置（表决日期的即时校验）',
        querystring: z.strictObject({ estateId: z.coerce.number().int().positive() }),
      },
    },
    async (req) => rulesForEstate(db, currentUser(req), req.query.estateId),
  );

  app.post(
    '/api/decisions',
    { config: { permission: 'decision.manage' }, schema: { tags, summary: '拟定表决（草稿）', body: createDecisionBody } },
    async (req, reply) => {
      const id = await createDecision(actionContext(db, req), req.body);
      return reply.status(201).send(await decisionDetail(db, currentUser(req), id));
    },
  );

  app.get(
    '/api/decisions/:id',
    { config: { permission: 'decision.read' }, schema: { tags, summary: '表决详情（进度、投票率、结果）', params: idParam } },
    async (req) => decisionDetail(db, currentUser(req), req.params.id),
  );

  app.put(
    '/api/decisions/:id',
    {
      config: { permission: 'decision.manage' },
      schema: { tags, summary: '修改表决草稿（公告后不得修改，R15）', params: idParam, body: decisionInput },
    },
    async (req) => {
      await loggingRefusals(db, req, req.params.id, 'decision.update', () =>
        updateDecision(actionContext(db, req), req.params.id, req.body),
      );
      return decisionDetail(db, currentUser(req), req.params.id);
    },
  );

  const transition = (path: string, summary: string, fn: (id: number, req: Parameters<typeof actionContext>[1]) => Promise<unknown>) =>
    app.post(
      `/api/decisions/:id/${path}`,
      { config: { permission: 'decision.manage' }, schema: { tags, summary, params: idParam } },
      async (req) => {
        await loggingRefusals(db, req, req.params.id, `decision.${path}`, () => fn(req.params.id, req));
        return decisionDetail(db, currentUser(req), req.params.id);
      },
    );

  app.post(
    '/api/decisions/:id/announce',
    { config: { permission: 'decision.manage' }, schema: { tags, summary: '公告议题（R14、R15）', params: idParam, body: announceBody } },
    async (req) => {
      await loggingRefusals(db, req, req.params.id, 'decision.announce', () =>
        announceDecision(actionContext(db, req), req.params.id, req.body),
      );
      return decisionDetail(db, currentUser(req), req.params.id);
    },
  );
  transition('open', '开始投票并冻结名册（R5）', (id, req) => openDecision(actionContext(db, req), id));
  transition('close', '截止投票', (id, req) => closeDecision(actionContext(db, req), id));
  transition('publish', '公布表决结果（R18）', (id, req) => publishDecision(actionContext(db, req), id));
  transition('cancel', '取消表决（投票开始前）', (id, req) => cancelDecision(actionContext(db, req), id));

  app.post(
    '/api/decisions/:id/vote',
    {
      config: { permission: 'owner.self' },
      bodyLimit: 8 * 1024 * 1024,
      schema: { tags, summary: '业主网络投票（一次提交全部事项，R19；委托投票 R20）', params: idParam, body: voteBody },
    },
    async (req, reply) => {
      const receipts = await loggingRefusals(db, req, req.params.id, 'ballot.cast', () =>
        castVote(actionContext(db, req), req.params.id, req.body),
      );
      return reply.status(201).send({ receipts });
    },
  );

  app.get(
    '/api/decisions/:id/receipt/:code',
    { config: { permission: 'decision.read' }, schema: { tags, summary: '凭回执码查询表决票是否计入', params: receiptParams } },
    async (req) => receipt(db, currentUser(req), req.params.id, req.params.code),
  );

  app.post(
    '/api/decisions/:id/paper',
    {
      config: { permission: 'ballot.enter' },
      bodyLimit: 16 * 1024 * 1024,
      schema: { tags, summary: '录入纸质表决票（附扫描件，可双人录入）', params: idParam, body: paperBody },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await loggingRefusals(db, req, req.params.id, 'ballot.paper', () =>
            enterPaperBallot(actionContext(db, req), req.params.id, req.body),
          ),
        ),
  );

  app.get(
    '/api/decisions/:id/roll',
    {
      config: { permission: 'ballot.enter' },
      schema: {
        tags,
        summary: '冻结名册（房号、面积、是否已投票）',
        params: idParam,
        querystring: z.strictObject({ q: z.string().max(30).optional() }),
      },
    },
    async (req) => frozenRoll(db, currentUser(req), req.params.id, req.query.q),
  );

  app.get(
    '/api/decisions/:id/files/:fileId',
    {
      config: { permission: 'ballot.enter' },
      schema: { tags, summary: '表决票扫描件或委托书', params: z.strictObject({ id: idParam.shape.id, fileId: idParam.shape.id }) },
    },
    async (req, reply) => {
      const f = await decisionFile(db, currentUser(req), req.params.id, req.params.fileId);
      return reply.type(f.content_type).header('content-disposition', disposition(f.file_name, 'file')).send(Buffer.from(f.content));
    },
  );

  app.get(
    '/api/decisions/:id/result.docx',
    { config: { permission: 'decision.read' }, schema: { tags, summary: '表决结果公告（Word）', params: idParam } },
    async (req, reply) => {
      const doc = await resultDocument(db, req.params.id, currentUser(req));
      return reply
        .type(docxType)
        .header('content-disposition', disposition(doc.fileName, 'result.docx'))
        .send(await renderOfficialDocx(doc));
    },
  );

  app.get(
    '/api/my/decisions',
    { config: { permission: 'owner.self' }, schema: { tags, summary: '我可以参加的表决（业主手机端）' } },
    async (req) => myDecisions(db, currentUser(req)),
  );

  // ---- public
  app.get(
    '/api/public/estates/:id/decisions',
    { config: { permission: 'public' }, schema: { tags, summary: '小区已公布的表决结果', params: idParam } },
    async (req) => publicEstateDecisions(db, req.params.id),
  );

  app.get(
    '/api/public/estates/:id/receipts/:code',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '凭回执码核对表决票（公布前：已记录；公布后：在计票文件中的位置和选择；不显示房号和姓名；输错过多暂停查询）',
        params: receiptParams,
      },
    },
    async (req) => checkReceipt(db, req.params.id, req.params.code, req.ip),
  );

  app.get(
    '/api/public/decisions/:id/tally.json',
    { config: { permission: 'public' }, schema: { tags, summary: '公开计票文件（可用 npx gongzhi tally 复算）', params: idParam } },
    async (req, reply) => {
      const f = await publicTallyFile(db, req.params.id);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', disposition(`计票文件-${f.title}.json`, `tally-${req.params.id}.json`))
        .header('x-content-sha256', f.sha256)
        .send(f.text);
    },
  );

  app.get(
    '/api/public/decisions/:id/voters',
    { config: { permission: 'public' }, schema: { tags, summary: '已投票房屋名单（仅房号和面积）', params: idParam } },
    async (req) => publicVoters(db, req.params.id),
  );

  app.get(
    '/api/public/decisions/:id/result.docx',
    { config: { permission: 'public' }, schema: { tags, summary: '表决结果公告（Word）', params: idParam } },
    async (req, reply) => {
      const doc = await resultDocument(db, req.params.id, null);
      return reply
        .type(docxType)
        .header('content-disposition', disposition(doc.fileName, 'result.docx'))
        .send(await renderOfficialDocx(doc));
    },
  );
};
