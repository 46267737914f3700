import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';
import { renderOfficialDocx } from '../documents/official-document.js';
import { attachmentDisposition, XLSX_TYPE } from '../documents/spreadsheet.js';
import { notFound } from '../http/errors.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam, okResponse } from '../http/schemas.js';
import { contentDisposition } from '../notices/notice-document.js';
import { sendOutbound } from '../notifications/notify.js';
import { loadMeeting, loadTask } from './access.js';
import { briefingData, briefingDocument, briefingWorkbook } from './briefing.js';
import { minutesDocument } from './minutes.js';
import { agendaCandidates, disputeEstates, listBodies, listDisputes, listRequests, listTasks, meetingDetail } from './queries.js';
import {
  agendaBody,
  attachBody,
  bodiesQuery,
  briefingQuery,
  closeDisputeBody,
  createBodyBody,
  createMeetingBody,
  disputeBody,
  disputesQuery,
  finishBody,
  itemParams,
  mediationBody,
  membersBody,
  noteBody,
  recordBody,
  reopenBody,
  requestBody,
  resolutionBody,
  tasksQuery,
} from './schema.js';
import { createBody } from './use-cases/create-body.js';
import { createMeeting } from './use-cases/create-meeting.js';
import { submitRequest, withdrawRequest } from './use-cases/committee-requests.js';
import { closeDispute, mediateDispute, registerDispute } from './use-cases/disputes.js';
import { addAgendaItem, removeAgendaItem } from './use-cases/edit-agenda.js';
import { attachMeetingFile, recordMeeting } from './use-cases/record-meeting.js';
import { addResolution } from './use-cases/resolve.js';
import { confirmTask, finishTask, noteTask, reopenTask } from './use-cases/task-steps.js';
import { updateMembers } from './use-cases/update-members.js';
import { cdb } from './tables.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 议事协调 (issue 17): 四位一体 and 联席会议 bodies, meetings, resolutions and their tasks, disputes, the monthly briefing. */
export const coordinationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['议事协调'];
  type Req = Parameters<typeof currentUser>[0];
  const meeting = (req: Req, id: number) => meetingDetail(db, currentUser(req), id);

  app.get(
    '/api/coordination/bodies',
    { config: { permission: 'coordination.read' }, schema: { tags, summary: '议事协调机制（成员单位与会议）', querystring: bodiesQuery } },
    async (req) => listBodies(db, currentUser(req), req.query.nodeId),
  );
  app.post(
    '/api/coordination/bodies',
    {
      config: { permission: 'coordination.manage' },
      schema: { tags, summary: '设立“四位一体”会议或物业管理联席会议', body: createBodyBody },
    },
    async (req, reply) => reply.status(201).send({ id: await createBody(actionContext(db, req), req.body) }),
  );
  app.put(
    '/api/coordination/bodies/:id/members',
    {
      config: { permission: 'coordination.manage' },
      schema: { tags, summary: '调整成员单位及其代表、办理账号', params: idParam, body: membersBody, response: { 200: okResponse } },
    },
    async (req) => {
      await updateMembers(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/coordination/meetings',
    {
      config: { permission: 'coordination.manage' },
      schema: { tags, summary: '安排会议（逾期任务自动列入议题）', body: createMeetingBody },
    },
    async (req, reply) => {
      const id = await createMeeting(actionContext(db, req), req.body);
      return reply.status(201).send(await meeting(req, id));
    },
  );
  app.get(
    '/api/coordination/meetings/:id',
    { config: { permission: 'coordination.read' }, schema: { tags, summary: '会议：议题、出席、纪要、决议与任务', params: idParam } },
    async (req) => meeting(req, req.params.id),
  );
  app.get(
    '/api/coordination/meetings/:id/candidates',
    {
      config: { permission: 'coordination.manage' },
      schema: { tags, summary: '可列入议题的事项（逾期任务、矛盾纠纷、逾期未组建小区、党建与网格问题）', params: idParam },
    },
    async (req) => ({ items: await agendaCandidates(db, currentUser(req), req.params.id) }),
  );
  app.post(
    '/api/coordination/meetings/:id/agenda',
    { config: { permission: 'coordination.manage' }, schema: { tags, summary: '列入议题', params: idParam, body: agendaBody } },
    async (req, reply) => {
      await addAgendaItem(actionContext(db, req), req.params.id, req.body);
      return reply.status(201).send(await meeting(req, req.params.id));
    },
  );
  app.delete(
    '/api/coordination/meetings/:id/agenda/:itemId',
    { config: { permission: 'coordination.manage' }, schema: { tags, summary: '撤下议题（会议召开前）', params: itemParams } },
    async (req) => {
      await removeAgendaItem(actionContext(db, req), req.params.id, req.params.itemId);
      return meeting(req, req.params.id);
    },
  );
  app.post(
    '/api/coordination/meetings/:id/record',
    {
      config: { permission: 'coordination.manage' },
      schema: { tags, summary: '登记出席情况和会议纪要', params: idParam, body: recordBody },
    },
    async (req) => {
      await recordMeeting(actionContext(db, req), req.params.id, req.body);
      return meeting(req, req.params.id);
    },
  );
  app.post(
    '/api/coordination/meetings/:id/files',
    {
      config: { permission: 'coordination.manage' },
      schema: { tags, summary: '上传会议附件（签到表、照片、材料）', params: idParam, body: attachBody },
    },
    async (req, reply) => {
      await attachMeetingFile(actionContext(db, req), req.params.id, req.body);
      return reply.status(201).send(await meeting(req, req.params.id));
    },
  );
  app.get(
    '/api/coordination/meetings/:id/files/:itemId',
    { config: { permission: 'coordination.read' }, schema: { tags, summary: '下载会议附件', params: itemParams } },
    async (req, reply) => {
      await loadMeeting(db, currentUser(req), req.params.id);
      const f = await cdb(db)
        .selectFrom('coordination_file')
        .select(['file_name', 'content_type', 'content'])
        .where('id', '=', req.params.itemId)
        .where('meeting_id', '=', req.params.id)
        .executeTakeFirst();
      if (!f) throw notFound('附件');
      return reply
        .type(f.content_type)
        .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.file_name)}`)
        .send(Buffer.from(f.content));
    },
  );
  app.post(
    '/api/coordination/meetings/:id/resolutions',
    {
      config: { permission: 'coordination.manage' },
      schema: { tags, summary: '形成决议并交办任务（期限按工作日计算）', params: idParam, body: resolutionBody },
    },
    async (req, reply) => {
      const { outbound } = await addResolution(actionContext(db, req), req.params.id, req.body);
      await sendOutbound(app.outbound, outbound);
      return reply.status(201).send(await meeting(req, req.params.id));
    },
  );
  app.get(
    '/api/coordination/meetings/:id/minutes.docx',
    { config: { permission: 'coordination.read' }, schema: { tags, summary: '会议纪要（公文格式 .docx）', params: idParam } },
    async (req, reply) => {
      const m = await meeting(req, req.params.id);
      const node = await db.selectFrom('org_node').select(['name', 'kind']).where('id', '=', m.body.nodeId).executeTakeFirstOrThrow();
      const issuer = `${node.name.replace(/（演示）$/, '')}${node.kind === 'street' ? '办事处' : '居民委员会'}`;
      const d = minutesDocument(m, issuer);
      return reply
        .type(DOCX)
        .header('content-disposition', contentDisposition(`${d.title}.docx`))
        .send(await renderOfficialDocx(d));
    },
  );

  app.get(
    '/api/coordination/tasks',
    { config: { permission: 'task.read' }, schema: { tags, summary: '任务（本人、本单位或本范围内的）', querystring: tasksQuery } },
    async (req) => listTasks(db, currentUser(req), req.query.filter, req.query.nodeId),
  );
  const taskAfter = async (req: Req, id: number, outbound: Parameters<typeof sendOutbound>[1]) => {
    await sendOutbound(app.outbound, outbound);
    return (await listTasks(db, currentUser(req), 'all', undefined, id)).items[0] ?? null;
  };
  app.post(
    '/api/coordination/tasks/:id/notes',
    { config: { permission: 'task.update' }, schema: { tags, summary: '登记任务进展（承办单位）', params: idParam, body: noteBody } },
    async (req) => taskAfter(req, req.params.id, await noteTask(actionContext(db, req), req.params.id, req.body)),
  );
  app.post(
    '/api/coordination/tasks/:id/finish',
    {
      config: { permission: 'task.update' },
      schema: { tags, summary: '报告办结并附证明材料（承办单位）', params: idParam, body: finishBody },
    },
    async (req) => taskAfter(req, req.params.id, await finishTask(actionContext(db, req), req.params.id, req.body)),
  );
  app.post(
    '/api/coordination/tasks/:id/confirm',
    { config: { permission: 'task.update' }, schema: { tags, summary: '确认办结（会议召集人）', params: idParam } },
    async (req) => taskAfter(req, req.params.id, await confirmTask(actionContext(db, req), req.params.id)),
  );
  app.post(
    '/api/coordination/tasks/:id/reopen',
    { config: { permission: 'task.update' }, schema: { tags, summary: '退回重办（会议召集人）', params: idParam, body: reopenBody } },
    async (req) => taskAfter(req, req.params.id, await reopenTask(actionContext(db, req), req.params.id, req.body)),
  );
  app.get(
    '/api/coordination/tasks/:id/evidence',
    { config: { permission: 'task.read' }, schema: { tags, summary: '下载办结证明材料', params: idParam } },
    async (req, reply) => {
      const { task } = await loadTask(db, currentUser(req), req.params.id);
      const f = task.evidence_file_id
        ? await cdb(db)
            .selectFrom('coordination_file')
            .select(['file_name', 'content_type', 'content'])
            .where('id', '=', task.evidence_file_id)
            .executeTakeFirst()
        : undefined;
      if (!f) throw notFound('证明材料');
      return reply
        .type(f.content_type)
        .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.file_name)}`)
        .send(Buffer.from(f.content));
    },
  );

  app.get(
    '/api/disputes',
    { config: { permission: 'coordination.read' }, schema: { tags, summary: '矛盾纠纷台账', querystring: disputesQuery } },
    async (req) => listDisputes(db, currentUser(req), req.query.nodeId, req.query.state),
  );
  app.get(
    '/api/disputes/estates',
    { config: { permission: 'dispute.manage' }, schema: { tags, summary: '可登记矛盾纠纷的小区' } },
    async (req) => disputeEstates(db, currentUser(req)),
  );
  app.post(
    '/api/disputes',
    { config: { permission: 'dispute.manage' }, schema: { tags, summary: '登记矛盾纠纷', body: disputeBody } },
    async (req, reply) => reply.status(201).send({ id: await registerDispute(actionContext(db, req), req.body) }),
  );
  app.post(
    '/api/disputes/:id/mediations',
    {
      config: { permission: 'dispute.manage' },
      schema: { tags, summary: '登记调解', params: idParam, body: mediationBody, response: { 200: okResponse } },
    },
    async (req) => {
      await mediateDispute(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/disputes/:id/close',
    {
      config: { permission: 'dispute.manage' },
      schema: { tags, summary: '办结纠纷（已化解/未化解）', params: idParam, body: closeDisputeBody, response: { 200: okResponse } },
    },
    async (req) => {
      await closeDispute(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  // ---- 提请事项: a committee asks its community's 四位一体 meeting to take up a matter
  app.get(
    '/api/coordination/requests',
    {
      // read by the committee (its own estate) and by community and street staff (their scope): the
      // scope is in the query, which answers an empty list to anyone else
      config: { permission: 'authenticated' },
      schema: { tags, summary: '委员会提请四位一体会议协调的事项' },
    },
    async (req) => listRequests(db, currentUser(req)),
  );
  app.post(
    '/api/coordination/requests',
    {
      config: { permission: 'coordination.request' },
      schema: { tags, summary: '提请四位一体会议协调（业委会/物管会）', body: requestBody },
    },
    async (req, reply) => reply.status(201).send({ id: await submitRequest(actionContext(db, req), req.body) }),
  );
  app.post(
    '/api/coordination/requests/:id/withdraw',
    {
      config: { permission: 'coordination.request' },
      schema: { tags, summary: '撤回未列入议程的提请事项', params: idParam, response: { 200: okResponse } },
    },
    async (req) => {
      await withdrawRequest(actionContext(db, req), req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/coordination/briefing',
    { config: { permission: 'coordination.read' }, schema: { tags, summary: '月度情况通报（数据）', querystring: briefingQuery } },
    async (req) => briefingData(db, currentUser(req), req.query.streetId, req.query.month),
  );
  app.get(
    '/api/coordination/briefing.docx',
    {
      config: { permission: 'coordination.read' },
      schema: { tags, summary: '月度情况通报（公文格式 .docx）', querystring: briefingQuery },
    },
    async (req, reply) => {
      const d = briefingDocument(await briefingData(db, currentUser(req), req.query.streetId, req.query.month));
      return reply
        .type(DOCX)
        .header('content-disposition', contentDisposition(`${d.title}.docx`))
        .send(await renderOfficialDocx(d));
    },
  );
  app.get(
    '/api/coordination/briefing.xlsx',
    { config: { permission: 'coordination.read' }, schema: { tags, summary: '月度情况通报（.xlsx）', querystring: briefingQuery } },
    async (req, reply) => {
      const b = await briefingData(db, currentUser(req), req.query.streetId, req.query.month);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(`${b.street.name}${b.month}情况通报.xlsx`))
        .send(await briefingWorkbook(b));
    },
  );
};
