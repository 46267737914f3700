import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FIGURE_INFO } from '../../core/overview.js';
import type { Db } from '../db/connect.js';
import { attachmentDisposition, XLSX_TYPE } from '../documents/spreadsheet.js';
import { currentUser } from '../http/request-context.js';
import { figureList, overview } from './queries.js';
import { figureParams, overviewQuery } from './schema.js';
import { figureWorkbook, overviewWorkbook } from './sheets.js';

/** 总览 (issue 18 §2): the dashboard of a district, street, community or estate, its lists and sheets. */
export const overviewRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['总览'];
  app.get(
    '/api/overview',
    {
      config: { permission: 'overview.read' },
      schema: { tags, summary: '总览：各项指标及其下级分布、组建漏斗、覆盖进度', querystring: overviewQuery },
    },
    async (req) => overview(db, currentUser(req), req.query.nodeId, req.query.year),
  );
  app.get(
    '/api/overview/export.xlsx',
    { config: { permission: 'overview.read' }, schema: { tags, summary: '导出总览（.xlsx）', querystring: overviewQuery } },
    async (req, reply) => {
      const o = await overview(db, currentUser(req), req.query.nodeId, req.query.year);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(`${o.node?.name ?? '我的范围'}总览${o.today}.xlsx`))
        .send(await overviewWorkbook(o));
    },
  );
  app.get(
    '/api/overview/figures/:code',
    {
      config: { permission: 'overview.read' },
      schema: { tags, summary: '一项指标的明细（指标即明细之和）', params: figureParams, querystring: overviewQuery },
    },
    async (req) => figureList(db, currentUser(req), req.params.code, req.query.nodeId, req.query.year),
  );
  app.get(
    '/api/overview/figures/:code/export.xlsx',
    {
      config: { permission: 'overview.read' },
      schema: { tags, summary: '导出一项指标的分布与明细（.xlsx）', params: figureParams, querystring: overviewQuery },
    },
    async (req, reply) => {
      const l = await figureList(db, currentUser(req), req.params.code, req.query.nodeId, req.query.year);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(`${l.node?.name ?? '我的范围'}${FIGURE_INFO[req.params.code].label}.xlsx`))
        .send(await figureWorkbook(req.params.code, l));
    },
  );
};
