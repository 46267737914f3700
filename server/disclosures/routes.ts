import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';
import { attachmentDisposition, listWorkbook, XLSX_TYPE } from '../documents/spreadsheet.js';
import { AppError, notFound } from '../http/errors.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam, okResponse } from '../http/schemas.js';
import { requireResponsible } from './access.js';
import { incomeOf } from './board.js';
import { creditInputs } from './credit.js';
import { creditWorkbook } from './credit-sheet.js';
import { incomeFileName, incomeWorkbook, readIncomeSheet } from './income-sheet.js';
import { itemHistory, myEstates, publicDisclosures, staffDisclosures } from './queries.js';
import { disclosureRollup } from './rollup.js';
import {
  answerBody,
  askBody,
  creditQuery,
  exportQuery,
  hideBody,
  historyOut,
  itemParams,
  publicBoardOut,
  rollupQuery,
  saveBody,
  staffBoardOut,
} from './schema.js';
import { ddb } from './tables.js';
import { answerQuestion, askQuestion, hideQuestion } from './use-cases/questions.js';
import { saveItem } from './use-cases/save-item.js';

const MAX_SHEET_BYTES = 2 * 1024 * 1024;
const SHEET_TOO_LARGE = '文件超过2 MB，无法读取：公共收益收支表只需收支行，请删除多余的工作表、图片和格式后另存再上传';
const thisYear = () => Number(new Date().toISOString().slice(0, 4));

/** 物业监督台 "十公开" (issue 15, R38): the ten items per estate, owners' questions, the roll-up, and the companies' credit inputs (R39). */
export const disclosureRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['十公开'];
  // the 公共收益支出 sheet is the body of its import request (this plugin only)
  app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_SHEET_BYTES }, (_r, body, done) =>
    done(null, body),
  );

  // ---- public (no login, no personal data)
  app.get(
    '/api/public/estates/:id/disclosures',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '小区物业监督台：十公开（无需登录）', params: idParam, response: { 200: publicBoardOut } },
    },
    async (req) => publicDisclosures(db, req.params.id, req.user?.id ?? null),
  );
  app.get(
    '/api/public/estates/:id/disclosures/:item/history',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '十公开事项的历次版本', params: itemParams, response: { 200: historyOut } },
    },
    async (req) => itemHistory(db, req.params.id, req.params.item),
  );
  app.get(
    '/api/public/estates/:id/disclosures/publicIncome.xlsx',
    { config: { permission: 'public' }, schema: { tags, summary: '公共收益收支表（.xlsx）', params: idParam, querystring: exportQuery } },
    async (req, reply) => {
      const estate = await db.selectFrom('org_node').select(['id', 'name', 'kind']).where('id', '=', req.params.id).executeTakeFirst();
      if (!estate || estate.kind !== 'estate') throw notFound('小区');
      let q = ddb(db)
        .selectFrom('disclosure_version')
        .select(['id', 'period'])
        .where('estate_id', '=', estate.id)
        .where('item', '=', 'publicIncome')
        .where('source', '=', 'entered');
      q = req.query.version ? q.where('version', '=', req.query.version) : q.orderBy('version', 'desc');
      const v = await q.executeTakeFirst();
      if (!v) throw notFound('公共收益收支表');
      const buf = await incomeWorkbook(estate.name, await incomeOf(db, v.id, v.period));
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(incomeFileName(estate.name, v.period)))
        .send(buf);
    },
  );
  app.get(
    '/api/public/disclosure-files/:id',
    { config: { permission: 'public' }, schema: { tags, summary: '十公开事项的附件', params: idParam } },
    async (req, reply) => {
      const f = await ddb(db)
        .selectFrom('disclosure_file')
        .select(['file_name', 'content_type', 'content', 'sha256'])
        .where('id', '=', req.params.id)
        .where('version_id', 'is not', null)
        .executeTakeFirst();
      if (!f) throw notFound('附件');
      return reply
        .type(f.content_type)
        .header('content-disposition', `inline; filename="file"; filename*=UTF-8''${encodeURIComponent(f.file_name)}`)
        .header('etag', `"${f.sha256}"`)
        .send(Buffer.from(f.content));
    },
  );

  // ---- the responsible parties and staff
  app.get(
    '/api/disclosures/my-estates',
    { config: { permission: 'disclosure.edit' }, schema: { tags, summary: '我负责公开的小区' } },
    async (req) => myEstates(db, currentUser(req)),
  );
  app.get(
    '/api/estates/:id/disclosures',
    {
      config: { permission: 'disclosure.read' },
      schema: { tags, summary: '小区十公开（含可办操作）', params: idParam, response: { 200: staffBoardOut } },
    },
    async (req) => staffDisclosures(db, currentUser(req), req.params.id),
  );
  app.put(
    '/api/estates/:id/disclosures/:item',
    {
      config: { permission: 'disclosure.edit' },
      bodyLimit: 8 * 1024 * 1024,
      schema: { tags, summary: '发布十公开事项的新版本（仅负责方）', params: itemParams, body: saveBody },
    },
    async (req) => saveItem(actionContext(db, req), req.params.id, req.params.item, req.body),
  );
  app.post(
    '/api/estates/:id/disclosures/publicIncome/import',
    {
      config: { permission: 'disclosure.edit' },
      bodyLimit: MAX_SHEET_BYTES,
      // refused before the body is read when the declared length is already too large (issue 20 §3)
      preParsing: async (req) => {
        if (Number(req.headers['content-length'] ?? 0) > MAX_SHEET_BYTES) throw new AppError(413, 'FILE_TOO_LARGE', SHEET_TOO_LARGE);
      },
      schema: { tags, summary: '读取公共收益收支 Excel（逐行检查，不保存；请求体为 .xlsx 文件本身）', params: idParam },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `请以 ${XLSX_TYPE} 类型上传Excel文件本身`);
      await requireResponsible(db, currentUser(req), req.params.id, 'publicIncome');
      return readIncomeSheet(req.body);
    },
  );
  app.post(
    '/api/estates/:id/disclosures/:item/questions',
    { config: { permission: 'owner.self' }, schema: { tags, summary: '业主对十公开事项提出质询', params: itemParams, body: askBody } },
    async (req, reply) =>
      reply.status(201).send(await askQuestion(actionContext(db, req), req.params.id, req.params.item, req.body.question)),
  );
  app.post(
    '/api/disclosure-questions/:id/answer',
    {
      config: { permission: 'disclosure.edit' },
      schema: { tags, summary: '答复质询（仅负责方，答复即公开）', params: idParam, body: answerBody, response: { 200: okResponse } },
    },
    async (req) => {
      await answerQuestion(actionContext(db, req), req.params.id, req.body.answer);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/disclosure-questions/:id/hide',
    {
      config: { permission: 'disclosure.moderate' },
      schema: { tags, summary: '隐藏不当质询（须说明理由，留痕）', params: idParam, body: hideBody, response: { 200: okResponse } },
    },
    async (req) => {
      await hideQuestion(actionContext(db, req), req.params.id, req.body.reason);
      return { ok: true as const };
    },
  );

  // ---- roll-up and credit inputs
  app.get(
    '/api/disclosures/rollup',
    {
      config: { permission: 'disclosure.read' },
      schema: { tags, summary: '十公开完整及时情况：小区、社区、街道', querystring: rollupQuery },
    },
    async (req) => disclosureRollup(db, currentUser(req), req.query.nodeId),
  );
  app.get(
    '/api/disclosures/rollup.xlsx',
    { config: { permission: 'disclosure.read' }, schema: { tags, summary: '导出十公开汇总（.xlsx）', querystring: rollupQuery } },
    async (req, reply) => {
      const r = await disclosureRollup(db, currentUser(req), req.query.nodeId);
      const buf = await listWorkbook(
        '十公开汇总',
        [
          { header: '街道', value: (e) => e.streetName },
          { header: '社区', value: (e) => e.communityName },
          { header: '小区', value: (e) => e.name, width: 20 },
          { header: '已更新', value: (e) => e.current },
          { header: '待更新', value: (e) => e.stale },
          { header: '未公开', value: (e) => e.missing },
          { header: '完整率（%）', value: (e) => e.completeness },
          { header: '及时率（%）', value: (e) => e.freshness },
          { header: '待更新事项', value: (e) => e.staleItems.map((i) => i.item).join('、'), width: 30 },
          { header: '未公开事项', value: (e) => e.missingItems.map((i) => i.item).join('、'), width: 30 },
          { header: '逾期质询', value: (e) => e.overdueQuestions },
        ],
        r.estates,
      );
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(`十公开汇总${r.today}.xlsx`))
        .send(buf);
    },
  );
  app.get(
    '/api/credit/companies',
    { config: { permission: 'credit.read' }, schema: { tags, summary: '物业企业信用评价依据（逐项说明）', querystring: creditQuery } },
    async (req) => creditInputs(db, currentUser(req), req.query.year ?? thisYear(), req.query.companyId),
  );
  app.get(
    '/api/credit/companies.xlsx',
    {
      config: { permission: 'credit.read' },
      schema: { tags, summary: '导出物业企业信用评价依据（.xlsx，供评级、考核、招投标）', querystring: creditQuery },
    },
    async (req, reply) => {
      const year = req.query.year ?? thisYear();
      const r = await creditInputs(db, currentUser(req), year, req.query.companyId);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(`物业企业信用评价依据${year}.xlsx`))
        .send(await creditWorkbook(r.items));
    },
  );
};
