import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam } from '../http/schemas.js';
import { renderOfficialDocx, renderOfficialHtml } from '../documents/official-document.js';
import { contentDisposition, noticeDocument } from './notice-document.js';
import { isLocalAddress, LOCAL_POSTER_WARNING, renderPoster } from './poster.js';
import { NOTICE_KINDS } from '../../core/notices.js';
import { requireAt } from '../access/scope.js';
import { todayInChina } from '../clock.js';
import { noticesWorkbook } from './export.js';
import { NOTICE_TEMPLATES } from './templates.js';
import { attachFile, removeAttachment } from './use-cases/attach-file.js';
import { attachmentOf, publicPlace, sendAttachment } from './attachments.js';
import { getNoticeDetail, listNotices, publicEstateNotices } from './queries.js';
import {
  createNoticeBody,
  fileObjectionBody,
  noticeDetailOut,
  noticeOut,
  publicEstateOut,
  publishNoticeBody,
  updateNoticeBody,
  verifyObjectionBody,
} from './schema.js';
import { correctNotice } from './use-cases/correct-notice.js';
import { createNotice } from './use-cases/create-notice.js';
import { fileObjection } from './use-cases/file-objection.js';
import { publishNotice } from './use-cases/publish-notice.js';
import { updateNotice } from './use-cases/update-notice.js';
import { verifyObjection } from './use-cases/verify-objection.js';

const attachBody = z.strictObject({
  fileName: z.string({ error: '请提供文件名' }).trim().min(1, { error: '请提供文件名' }).max(200, { error: '文件名不能超过 200 个字' }),
  contentType: z.string({ error: '请提供文件类型' }),
  /** 文件内容，Base64 编码，不超过 5 MB */
  dataBase64: z.string({ error: '请提供文件内容' }),
});
const attachmentParams = z.strictObject({ id: idParam.shape.id, attachmentId: idParam.shape.id });

/** Public notices (公告/公示) and written objections (书面异议). */
export const noticeRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['公告与异议'];
  const detail = (req: Parameters<typeof currentUser>[0], id: number) => getNoticeDetail(db, currentUser(req), id);

  app.get(
    '/api/notices',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '我的范围内的公告（含草稿）',
        querystring: z.strictObject({
          nodeId: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(noticeOut) }) },
      },
    },
    async (req) => listNotices(db, currentUser(req), req.query),
  );

  app.get(
    '/api/notices/:id',
    {
      config: { permission: 'org.read' },
      schema: { tags, summary: '公告详情及异议', params: idParam, response: { 200: noticeDetailOut } },
    },
    async (req) => detail(req, req.params.id),
  );

  app.post(
    '/api/notices',
    {
      config: { permission: 'notice.manage' },
      schema: { tags, summary: '起草公告', body: createNoticeBody, response: { 201: noticeDetailOut } },
    },
    async (req, reply) => {
      const notice = await createNotice(actionContext(db, req), req.body);
      return reply.status(201).send(await detail(req, notice.id));
    },
  );

  app.patch(
    '/api/notices/:id',
    {
      config: { permission: 'notice.manage' },
      schema: {
        tags,
        summary: '修改草稿（已发布的公告不能修改）',
        params: idParam,
        body: updateNoticeBody,
        response: { 200: noticeDetailOut },
      },
    },
    async (req) => {
      await updateNotice(actionContext(db, req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/notices/:id/publish',
    {
      config: { permission: 'notice.manage' },
      schema: { tags, summary: '发布公告并计算公示期', params: idParam, body: publishNoticeBody, response: { 200: noticeDetailOut } },
    },
    async (req) => {
      await publishNotice(actionContext(db, req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/notices/:id/correction',
    {
      config: { permission: 'notice.manage' },
      schema: { tags, summary: '起草更正公告（发布后取代原公告）', params: idParam, response: { 201: noticeDetailOut } },
    },
    async (req, reply) => {
      const draft = await correctNotice(actionContext(db, req), req.params.id);
      return reply.status(201).send(await detail(req, draft.id));
    },
  );

  app.post(
    '/api/notices/:id/objections',
    {
      config: { permission: 'objection.file' },
      schema: {
        tags,
        summary: '提出书面异议（业主在线提出，或工作人员登记纸质异议）',
        params: idParam,
        body: fileObjectionBody,
        response: { 201: noticeDetailOut },
      },
    },
    async (req, reply) => {
      await fileObjection(actionContext(db, req), req.params.id, req.body);
      return reply.status(201).send(await detail(req, req.params.id));
    },
  );

  app.post(
    '/api/objections/:id/verify',
    {
      config: { permission: 'objection.verify' },
      schema: {
        tags,
        summary: '街道办事处核查异议并公示结果（R30）',
        params: idParam,
        body: verifyObjectionBody,
        response: { 200: noticeDetailOut },
      },
    },
    async (req) => {
      const objection = await verifyObjection(actionContext(db, req), req.params.id, req.body);
      return detail(req, objection.notice_id);
    },
  );

  app.get(
    '/api/public/estates/:id/notices',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '小区公开公告栏（无需登录）', params: idParam, response: { 200: publicEstateOut } },
    },
    async (req) => publicEstateNotices(db, req.params.id),
  );

  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

  app.get(
    '/api/notices/:id/document.docx',
    { config: { permission: 'org.read' }, schema: { tags, summary: '公告公文（.docx，GB/T 9704 版式；含草稿）', params: idParam } },
    async (req, reply) => {
      const d = await noticeDocument(db, req.params.id, currentUser(req));
      return reply
        .type(DOCX)
        .header('content-disposition', contentDisposition(d.fileName))
        .send(await renderOfficialDocx(d));
    },
  );

  app.get(
    '/api/public/notices/:id/document.docx',
    { config: { permission: 'public' }, schema: { tags, summary: '已发布公告的公文（.docx）', params: idParam } },
    async (req, reply) => {
      const d = await noticeDocument(db, req.params.id, null);
      return reply
        .type(DOCX)
        .header('content-disposition', contentDisposition(d.fileName))
        .send(await renderOfficialDocx(d));
    },
  );

  app.get(
    '/api/public/notices/:id/print',
    { config: { permission: 'public' }, schema: { tags, summary: '已发布公告的打印版（HTML，A4）', params: idParam } },
    async (req, reply) => reply.type('text/html; charset=utf-8').send(renderOfficialHtml(await noticeDocument(db, req.params.id, null))),
  );

  // ---- attachments (drafts only; frozen with the notice once published)
  app.post(
    '/api/notices/:id/attachments',
    {
      config: { permission: 'notice.manage' },
      bodyLimit: 8 * 1024 * 1024,
      schema: { tags, summary: '上传附件（草稿）', params: idParam, body: attachBody, response: { 201: noticeDetailOut } },
    },
    async (req, reply) => {
      await attachFile(actionContext(db, req), req.params.id, req.body);
      return reply.status(201).send(await detail(req, req.params.id));
    },
  );

  app.delete(
    '/api/notices/:id/attachments/:attachmentId',
    {
      config: { permission: 'notice.manage' },
      schema: { tags, summary: '删除附件（草稿）', params: attachmentParams, response: { 200: noticeDetailOut } },
    },
    async (req) => {
      await removeAttachment(actionContext(db, req), req.params.id, req.params.attachmentId);
      return detail(req, req.params.id);
    },
  );

  app.get(
    '/api/notices/:id/attachments/:attachmentId',
    { config: { permission: 'org.read' }, schema: { tags, summary: '下载附件', params: attachmentParams } },
    async (req, reply) => {
      await detail(req, req.params.id); // 404 unless the notice is within the caller's scope
      return sendAttachment(reply, await attachmentOf(db, req.params.id, req.params.attachmentId, false));
    },
  );

  app.get(
    '/api/public/notices/:id/attachments/:attachmentId',
    { config: { permission: 'public' }, schema: { tags, summary: '下载已发布公告的附件', params: attachmentParams } },
    async (req, reply) => sendAttachment(reply, await attachmentOf(db, req.params.id, req.params.attachmentId, true)),
  );

  app.get(
    '/api/notices/template',
    {
      config: { permission: 'notice.manage' },
      schema: {
        tags,
        summary: '公告模板（按类型，填入小区、社区、街道名称和日期）',
        querystring: z.strictObject({
          nodeId: z.coerce.number({ error: '节点编号必须是正整数' }).int().positive({ error: '节点编号必须是正整数' }),
          kind: z.enum(NOTICE_KINDS, { error: '公告类型不正确' }),
        }),
        response: { 200: z.object({ title: z.string(), body: z.string() }) },
      },
    },
    async (req) => {
      const user = currentUser(req);
      await requireAt(db, user, req.query.nodeId, 'notice.manage', 'org.read', '节点');
      const place = await publicPlace(db, req.query.nodeId);
      return NOTICE_TEMPLATES[req.query.kind]({ ...place, today: todayInChina() });
    },
  );

  app.get(
    '/api/notices/export.xlsx',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '导出公告列表（.xlsx）',
        querystring: z.strictObject({ nodeId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (req, reply) => {
      const { items } = await listNotices(db, currentUser(req), { nodeId: req.query.nodeId, limit: 5000 });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="notices.xlsx"; filename*=UTF-8''${encodeURIComponent('公告列表.xlsx')}`)
        .send(await noticesWorkbook(items));
    },
  );

  app.get(
    '/api/public/estates/:id/poster',
    { config: { permission: 'public' }, schema: { tags, summary: '小区公告栏二维码海报（A4，可打印）', params: idParam } },
    async (req, reply) => {
      const { estate } = await publicEstateNotices(db, req.params.id);
      // PUBLIC_URL names the address owners reach (behind a proxy); otherwise the address asked for.
      const base = (process.env.PUBLIC_URL || `${req.protocol}://${req.host}`).replace(/\/$/, '');
      const url = `${base}/public/estates/${estate.id}`;
      const html = await renderPoster({ estate: estate.name, community: estate.community, street: estate.street, url });
      // A QR code to this machine is of no use on an owner's phone: the page says so, and so does a header.
      if (isLocalAddress(url)) reply.header('x-poster-warning', encodeURIComponent(LOCAL_POSTER_WARNING));
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
};
