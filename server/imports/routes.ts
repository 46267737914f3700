import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { permissionsAt } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import { attachmentDisposition, XLSX_TYPE } from '../documents/spreadsheet.js';
import { AppError } from '../http/errors.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam, okResponse } from '../http/schemas.js';
import { IMPORT_KIND_LABEL, IMPORT_KINDS, type ImportKind } from './columns.js';
import { presentBatch, presentBatchDetail, type StoredErrors } from './present.js';
import { IMPORT_PERMISSIONS, listBatches, readableBatch } from './queries.js';
import { batchDetailOut, batchListOut, checkQuery, commitBody, listQuery } from './schema.js';
import { reportWorkbook, templateWorkbook } from './templates.js';
import { checkImport } from './use-cases/check-import.js';
import { commitImport } from './use-cases/commit-import.js';
import { discardImport } from './use-cases/discard-import.js';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const TOO_LARGE = '文件超过20 MB，无法导入：请删除多余的工作表、图片和格式后另存，或把名册拆成几个文件分别导入';

/**
 * 导入导出（issue 3）: templates, upload → check (stored as a batch, nothing written) → error
 * report → commit in one transaction. The permission depends on the kind and the node (see
 * IMPORT_PERMISSIONS): routes that serve several kinds require a login and check the kind's
 * permission at the node in the use case (404 outside scope, 403 without the right).
 */
export const importRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['导入导出'];

  // The raw file is the body of the check request (this plugin only; the rest of the API stays JSON).
  app.addContentTypeParser(
    [XLSX_TYPE, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
    (_req, body, done) => done(null, body),
  );

  const withActions = async (req: Parameters<typeof currentUser>[0], nodeIds: number[]) => permissionsAt(db, currentUser(req), nodeIds);
  const detail = async (req: Parameters<typeof currentUser>[0], id: number) => {
    const b = await readableBatch(db, currentUser(req), id);
    const held = (await withActions(req, [b.node_id])).get(b.node_id) ?? new Set();
    return presentBatchDetail(b, held);
  };

  for (const kind of IMPORT_KINDS) {
    app.get(
      `/api/imports/templates/${kind}`,
      {
        config: { permission: IMPORT_PERMISSIONS[kind].read },
        schema: { tags, summary: `下载${IMPORT_KIND_LABEL[kind]}导入模板(.xlsx)` },
      },
      async (_req, reply) => {
        const buf = await templateWorkbook(kind);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachmentDisposition(`${IMPORT_KIND_LABEL[kind]}导入模板.xlsx`))
          .send(buf);
      },
    );
  }

  app.post(
    '/api/imports',
    {
      config: { permission: 'authenticated' },
      bodyLimit: MAX_IMPORT_BYTES,
      // Refused before the body is read when the declared length is already too large.
      preParsing: async (req) => {
        const length = Number(req.headers['content-length'] ?? 0);
        if (length > MAX_IMPORT_BYTES) throw new AppError(413, 'FILE_TOO_LARGE', TOO_LARGE);
      },
      schema: {
        tags,
        summary: '上传并检查导入文件（不写入名册，请求体为 .xlsx 文件本身）',
        querystring: checkQuery,
        response: { 201: batchDetailOut },
      },
    },
    async (req, reply) => {
      const body = req.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `请以 ${XLSX_TYPE} 或 application/octet-stream 类型上传Excel文件本身`);
      }
      if (body.length > MAX_IMPORT_BYTES) throw new AppError(413, 'FILE_TOO_LARGE', TOO_LARGE);
      const fileName = (req.query.fileName ?? '').replace(/[\\/]/g, '_');
      const id = await checkImport(actionContext(db, req), {
        kind: req.query.kind,
        nodeId: req.query.nodeId,
        fileName: fileName.trim() || `${IMPORT_KIND_LABEL[req.query.kind]}.xlsx`,
        content: body,
      });
      return reply.status(201).send(await detail(req, id));
    },
  );

  app.get(
    '/api/imports',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '我的范围内的导入批次', querystring: listQuery, response: { 200: batchListOut } },
    },
    async (req) => {
      const rows = await listBatches(db, currentUser(req), req.query);
      const held = await withActions(
        req,
        rows.map((r) => r.node_id),
      );
      return { items: rows.map((r) => presentBatch(r, held.get(r.node_id) ?? new Set())) };
    },
  );

  app.get(
    '/api/imports/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '导入批次的检查结果', params: idParam, response: { 200: batchDetailOut } },
    },
    async (req) => detail(req, req.params.id),
  );

  app.get(
    '/api/imports/:id/report',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '下载错误报告(.xlsx)：行号、列、问题和原行内容', params: idParam },
    },
    async (req, reply) => {
      const b = await readableBatch(db, currentUser(req), req.params.id);
      const e = (b.errors ?? { items: [], warnings: [], headers: [], rowValues: {} }) as StoredErrors;
      const buf = await reportWorkbook({ headers: e.headers, errors: e.items, warnings: e.warnings, rowValues: e.rowValues });
      const base = b.file_name.replace(/\.xlsx?$/i, '');
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(`${base}-错误报告.xlsx`))
        .send(buf);
    },
  );

  app.post(
    '/api/imports/:id/commit',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '确认导入（一个事务；结束或变更已有业主产权时须携带已核对清单的 confirmDigest）',
        params: idParam,
        body: commitBody,
        response: { 200: batchDetailOut },
      },
    },
    async (req) => {
      await commitImport(actionContext(db, req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.delete(
    '/api/imports/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '放弃未导入的批次', params: idParam, response: { 200: okResponse } },
    },
    async (req) => {
      await discardImport(actionContext(db, req), req.params.id);
      return { ok: true as const };
    },
  );
};

export type { ImportKind };
