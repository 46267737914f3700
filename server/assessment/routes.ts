import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';
import { renderOfficialDocx } from '../documents/official-document.js';
import { attachmentDisposition, listWorkbook, XLSX_TYPE } from '../documents/spreadsheet.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { overview } from '../overview/queries.js';
import { communityAssessment } from './queries.js';
import { reportDocument } from './report.js';
import { assessmentQuery, reportQuery, settingsBody } from './schema.js';
import { setAssessmentSettings } from './set-settings.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 社区目标考核 and the street's reports (issue 18 §3). */
export const assessmentRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['总览'];
  app.get(
    '/api/assessment',
    {
      config: { permission: 'overview.read' },
      schema: { tags, summary: '社区目标考核：各社区得分及逐项说明', querystring: assessmentQuery },
    },
    async (req) => communityAssessment(db, currentUser(req), req.query.nodeId, req.query.year),
  );
  app.put(
    '/api/assessment/settings',
    {
      config: { permission: 'assessment.manage' },
      schema: { tags, summary: '设置考核内容与分值', querystring: assessmentQuery.pick({ nodeId: true }), body: settingsBody },
    },
    async (req) => setAssessmentSettings(actionContext(db, req), req.query.nodeId, req.body),
  );
  app.get(
    '/api/assessment/export.xlsx',
    { config: { permission: 'overview.read' }, schema: { tags, summary: '导出社区目标考核（.xlsx）', querystring: assessmentQuery } },
    async (req, reply) => {
      const a = await communityAssessment(db, currentUser(req), req.query.nodeId, req.query.year);
      const rows = a.communities.flatMap((c) => [
        ...c.items.map((i) => ({
          community: c.name,
          item: i.label,
          weight: i.weight,
          points: i.pointsCenti === null ? '不计入' : i.pointsCenti / 100,
          explanation: i.explanation,
        })),
        { community: c.name, item: '逾期扣分', weight: '', points: -c.deductionCenti / 100, explanation: '' },
        { community: c.name, item: `合计（第${c.rank}名）`, weight: 100, points: c.total, explanation: c.explanation },
      ]);
      const buf = await listWorkbook(
        '社区目标考核',
        [
          { header: '社区', value: (r) => r.community, width: 16 },
          { header: '考核内容', value: (r) => r.item, width: 20 },
          { header: '分值', value: (r) => r.weight },
          { header: '得分', value: (r) => r.points },
          { header: '说明', value: (r) => r.explanation, width: 70 },
        ],
        rows,
      );
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(`${a.street!.name}${a.year}年社区目标考核.xlsx`))
        .send(buf);
    },
  );
  app.get(
    '/api/overview/report.docx',
    {
      config: { permission: 'overview.read' },
      schema: { tags, summary: '情况通报（月度）或年度工作总结（.docx，公文格式）', querystring: reportQuery },
    },
    async (req, reply) => {
      const user = currentUser(req);
      const o = await overview(db, user, req.query.nodeId, req.query.year);
      const a = req.query.kind === 'annual' && o.node?.kind === 'street' ? await communityAssessment(db, user, o.node.id, o.year) : null;
      const issuer = o.node?.kind === 'street' ? `${o.node.name}办事处` : (o.node?.name ?? '');
      const doc = reportDocument(req.query.kind, o, a, issuer);
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', attachmentDisposition(`${doc.title}.docx`))
        .send(await renderOfficialDocx(doc));
    },
  );
};
