import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import { renderOfficialDocx } from '../documents/official-document.js';
import { notFound } from '../http/errors.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam } from '../http/schemas.js';
import { contentDisposition } from '../notices/notice-document.js';
import { formatDateZh } from '../../core/dates.js';
import { placeOf } from '../formation/profile.js';
import { registerHomeSection } from '../owner-home/sections.js';
import { loadMeeting } from './access.js';
import { minutesDocument } from './minutes.js';
import { committeeDetail, listCommittees, meetingDetail, myCommittees, ownerCandidates } from './queries.js';
import {
  attendanceBody,
  committeeParams,
  conveneBody,
  demandBody,
  paperDemandBody,
  fileParams,
  holdBody,
  paperSignBody,
  publishBody,
  resolutionBody,
  itemBody,
  reportBody,
  decideBody,
  outcomeBody,
  reportsQuery,
  noticeDocQuery,
  itemsQuery,
  endMemberBody,
  memberParams,
  nominateBody,
  vetBody,
  candidatesQuery,
  reportSubmitBody,
  evaluateBody,
  rectificationBody,
  doneBody,
  trainingBody,
  attendanceListBody,
  trainingQuery,
  cancelBody,
  meetingFileBody,
  streetSettingBody,
  yearQuery,
} from './schema.js';
import { cancelMeeting } from './use-cases/cancel.js';
import { attachMeetingFile } from './use-cases/meeting-files.js';
import { committeeTraining } from './committee-training.js';
import { setReportMonth, streetSettings } from './street-setting.js';
import { recordTraining, setTrainingAttendance, trainingCoverage } from './training.js';
import { myEvaluations, reportDetail as annualReport } from './report-queries.js';
import { addRectification, evaluate, publishFeedback, publishResult, rectificationStep, submitReport } from './use-cases/annual-report.js';
import { endMember, nominate, publicize, seat, vet } from './use-cases/changes.js';
import { listReports, negativeItems, reportDetail } from './negative-queries.js';
import { suspensionDocument } from './suspension-document.js';
import { addItem, decideReport, reportHit, reportOutcome } from './use-cases/negative-list.js';
import { recordAttendance, holdMeeting } from './use-cases/attendance.js';
import { convene } from './use-cases/convene.js';
import { createDemand, signDemand } from './use-cases/demand.js';
import { publishMinutes } from './use-cases/publish-minutes.js';
import { propose, sign, signPaper, toOwners } from './use-cases/resolutions.js';
import { kdb } from './tables.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 物管会（业委会）运行 (issue 14): members, written demands, meetings, resolutions and their signatures, minutes. */
export const committeeRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['物管会运行'];
  // Issue 19's hook: the owner's home shows the 述职 waiting for their evaluation and, for an owner
  // representative on a committee, the resolutions waiting for their signature.
  registerHomeSection({
    key: 'evaluations',
    title: '述职评议',
    load: async (d, user) =>
      (await myEvaluations(d, user)).map((e) => ({
        id: `evaluation-${e.id}`,
        title: e.title,
        detail: e.evaluated >= e.heads ? '您家已评议' : `请于${formatDateZh(e.closesOn)}前评议`,
        waiting: e.evaluated < e.heads,
        link: '/evaluations',
      })),
  });
  registerHomeSection({
    key: 'committeeSign',
    title: '委员签字',
    load: async (d, user) =>
      (await myCommittees(d, user)).flatMap((c) =>
        c.suspendedOn
          ? []
          : c.toSign.map((r) => ({
              id: `resolution-${r.id}`,
              title: r.title,
              detail: `${c.estateName}${c.kindLabel} · 待您签字`,
              waiting: true,
              link: '/committees/mine',
            })),
      ),
  });
  type Req = Parameters<typeof currentUser>[0];
  const meeting = (req: Req, id: number) => meetingDetail(db, currentUser(req), id);

  app.get(
    '/api/committees',
    { config: { permission: 'committee.read' }, schema: { tags, summary: '权限范围内运行中的物管会（会议、公示与提议的提醒）' } },
    async (req) => ({ items: await listCommittees(db, currentUser(req)) }),
  );
  app.get(
    '/api/committees/mine',
    { config: { permission: 'committee.act' }, schema: { tags, summary: '我担任委员的委员会及待我签字的决议（手机）' } },
    async (req) => ({ items: await myCommittees(db, currentUser(req)) }),
  );
  app.get(
    '/api/committees/:kind/:id',
    { config: { permission: 'committee.read' }, schema: { tags, summary: '委员会：成员、书面提议、会议', params: committeeParams } },
    async (req) => committeeDetail(db, currentUser(req), req.params.kind, req.params.id),
  );
  app.post(
    '/api/committees/:kind/:id/demands',
    {
      config: { permission: 'committee.act' },
      schema: { tags, summary: '委员书面提议召开会议（本人为第一提议人）', params: committeeParams, body: demandBody },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createDemand(actionContext(db, req), req.params.kind, req.params.id, req.body) }),
  );
  app.post(
    '/api/committees/:kind/:id/demands/paper',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '录入纸质书面提议（签名委员与提议书扫描件）', params: committeeParams, body: paperDemandBody },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createDemand(actionContext(db, req), req.params.kind, req.params.id, req.body, true) }),
  );
  app.post(
    '/api/committee-demands/:id/sign',
    { config: { permission: 'committee.act' }, schema: { tags, summary: '附议书面提议', params: idParam } },
    async (req) => signDemand(actionContext(db, req), req.params.id),
  );
  app.post(
    '/api/committees/:kind/:id/meetings',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '召集会议并通知委员（附议题）', params: committeeParams, body: conveneBody },
    },
    async (req, reply) => {
      const id = await convene(actionContext(db, req), req.params.kind, req.params.id, req.body);
      return reply.status(201).send(await meeting(req, id));
    },
  );
  app.get(
    '/api/committee-meetings/:id',
    { config: { permission: 'committee.read' }, schema: { tags, summary: '会议：议题、出席与法定人数、决议与签字', params: idParam } },
    async (req) => meeting(req, req.params.id),
  );
  app.put(
    '/api/committee-meetings/:id/attendance',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '登记出席（业主代表不得委托）', params: idParam, body: attendanceBody },
    },
    async (req) => {
      await recordAttendance(actionContext(db, req), req.params.id, req.body);
      return meeting(req, req.params.id);
    },
  );
  app.post(
    '/api/committee-meetings/:id/hold',
    { config: { permission: 'committee.manage' }, schema: { tags, summary: '登记会议召开与纪要', params: idParam, body: holdBody } },
    async (req) => {
      await holdMeeting(actionContext(db, req), req.params.id, req.body);
      return meeting(req, req.params.id);
    },
  );
  app.post(
    '/api/committee-meetings/:id/cancel',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '取消会议（召开前，说明原因并通知委员）', params: idParam, body: cancelBody },
    },
    async (req) => {
      await cancelMeeting(actionContext(db, req), req.params.id, req.body);
      return meeting(req, req.params.id);
    },
  );
  app.post(
    '/api/committee-meetings/:id/files',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '上传会议材料（某一议题或整个会议）', params: idParam, body: meetingFileBody },
      bodyLimit: 8 * 1024 * 1024,
    },
    async (req, reply) => {
      await attachMeetingFile(actionContext(db, req), req.params.id, req.body);
      return reply.status(201).send(await meeting(req, req.params.id));
    },
  );
  app.get(
    '/api/committees/:kind/:id/trainings',
    {
      config: { permission: 'committee.read' },
      schema: { tags, summary: '本委员会委员的年度培训（主任须参训，R41）', params: committeeParams, querystring: yearQuery },
    },
    async (req) => committeeTraining(db, currentUser(req), req.params.kind, req.params.id, req.query.year),
  );
  app.get(
    '/api/committee-settings',
    { config: { permission: 'committee.read' }, schema: { tags, summary: '各街道的年度述职月份' } },
    async (req) => ({ items: await streetSettings(db, currentUser(req)) }),
  );
  app.put(
    '/api/committee-settings/:id',
    {
      config: { permission: 'committee.supervise' },
      schema: { tags, summary: '设置街道年度述职月份（R36）', params: idParam, body: streetSettingBody },
    },
    async (req) => {
      await setReportMonth(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/committee-meetings/:id/resolutions',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '提出决议（须会议达到法定人数）', params: idParam, body: resolutionBody },
    },
    async (req, reply) => {
      await propose(actionContext(db, req), req.params.id, req.body);
      return reply.status(201).send(await meeting(req, req.params.id));
    },
  );
  app.post(
    '/api/committee-resolutions/:id/sign',
    { config: { permission: 'committee.act' }, schema: { tags, summary: '委员在决议上签字（手机）', params: idParam } },
    async (req) => ({ adoption: await sign(actionContext(db, req), req.params.id) }),
  );
  app.post(
    '/api/committee-resolutions/:id/paper',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '录入纸质决议的委员签字（附签字页扫描件）', params: idParam, body: paperSignBody },
    },
    async (req) => ({ adoption: await signPaper(actionContext(db, req), req.params.id, req.body) }),
  );
  app.post(
    '/api/committee-resolutions/:id/to-owners',
    {
      config: { permission: 'committee.manage' },
      schema: {
        tags,
        summary: '民法典第278条事项转为业主共同决定草案',
        params: idParam,
        response: { 201: z.object({ decisionId: z.number() }) },
      },
    },
    async (req, reply) => reply.status(201).send({ decisionId: await toOwners(actionContext(db, req), req.params.id) }),
  );
  app.post(
    '/api/committee-meetings/:id/publish',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '公示会议纪要和决议（10个工作日）', params: idParam, body: publishBody },
    },
    async (req, reply) => reply.status(201).send(await publishMinutes(actionContext(db, req), req.params.id, req.body)),
  );
  app.get(
    '/api/committee-meetings/:id/minutes.docx',
    { config: { permission: 'committee.read' }, schema: { tags, summary: '会议纪要（公文格式 .docx）', params: idParam } },
    async (req, reply) => {
      const d = minutesDocument(await meeting(req, req.params.id));
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', contentDisposition(`${d.title}.docx`))
        .send(await renderOfficialDocx(d));
    },
  );
  // §1 members and changes
  app.post(
    '/api/committees/:kind/:id/members/:memberId/end',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '委员辞职或罢免（发布成员变更公告）', params: memberParams, body: endMemberBody },
    },
    async (req) => endMember(actionContext(db, req), req.params.kind, req.params.id, req.params.memberId, req.body),
  );
  app.post(
    '/api/committees/:kind/:id/replacements',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '提名补选业主代表委员（R28）', params: committeeParams, body: nominateBody },
    },
    async (req, reply) => reply.status(201).send({ id: await nominate(actionContext(db, req), req.params.kind, req.params.id, req.body) }),
  );
  app.get(
    '/api/committees/:kind/:id/owner-candidates',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '可补选的本小区业主（按姓名查找）', params: committeeParams, querystring: candidatesQuery },
    },
    async (req) => ({ items: await ownerCandidates(db, currentUser(req), req.params.kind, req.params.id, req.query.q ?? '') }),
  );
  app.post(
    '/api/committee-replacements/:id/vet',
    { config: { permission: 'committee.supervise' }, schema: { tags, summary: '街道审核补选人选', params: idParam, body: vetBody } },
    async (req) => {
      await vet(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/committee-replacements/:id/publicize',
    { config: { permission: 'committee.manage' }, schema: { tags, summary: '公示补选人选（R29，可提异议 R30）', params: idParam } },
    async (req, reply) => reply.status(201).send(await publicize(actionContext(db, req), req.params.id)),
  );
  app.post(
    '/api/committee-replacements/:id/seat',
    { config: { permission: 'committee.supervise' }, schema: { tags, summary: '公示期满、异议核查完毕后就任', params: idParam } },
    async (req) => seat(actionContext(db, req), req.params.id),
  );

  // §4 述职, owner evaluation and rectification (R36)
  app.post(
    '/api/committees/:kind/:id/reports',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '提交年度述职报告并开启业主评议', params: committeeParams, body: reportSubmitBody },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await submitReport(actionContext(db, req), req.params.kind, req.params.id, req.body) }),
  );
  app.get(
    '/api/committee-reports/:id',
    {
      config: { permission: 'committee.read' },
      schema: { tags, summary: '述职报告：评议结果（按户数和面积）、意见与整改', params: idParam },
    },
    async (req) => annualReport(db, currentUser(req), req.params.id),
  );
  app.get(
    '/api/owner/evaluations',
    { config: { permission: 'owner.self' }, schema: { tags, summary: '我可参加的述职评议（手机）' } },
    async (req) => ({ items: await myEvaluations(db, currentUser(req)) }),
  );
  app.post(
    '/api/committee-reports/:id/evaluate',
    {
      config: { permission: 'owner.self' },
      schema: { tags, summary: '业主评议（每户一次，共有人共同一户）', params: idParam, body: evaluateBody },
    },
    async (req, reply) => reply.status(201).send(await evaluate(actionContext(db, req), req.params.id, req.body)),
  );
  app.post(
    '/api/committee-reports/:id/result',
    { config: { permission: 'committee.manage' }, schema: { tags, summary: '评议截止后公布结果', params: idParam } },
    async (req, reply) => reply.status(201).send(await publishResult(actionContext(db, req), req.params.id)),
  );
  app.post(
    '/api/committee-reports/:id/rectifications',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '业主意见形成整改事项', params: idParam, body: rectificationBody },
    },
    async (req, reply) => reply.status(201).send({ id: await addRectification(actionContext(db, req), req.params.id, req.body) }),
  );
  app.post(
    '/api/rectifications/:id/steps',
    {
      config: { permission: 'committee.read' },
      schema: { tags, summary: '登记整改进展或完成（附证明材料）', params: idParam, body: doneBody },
    },
    async (req) => {
      await rectificationStep(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/committee-reports/:id/feedback',
    { config: { permission: 'committee.manage' }, schema: { tags, summary: '公开整改反馈', params: idParam } },
    async (req, reply) => reply.status(201).send(await publishFeedback(actionContext(db, req), req.params.id)),
  );

  // §5 training (R41)
  app.get(
    '/api/trainings',
    {
      config: { permission: 'committee.read' },
      schema: { tags, summary: '集中培训与年度覆盖（12月标出未参训人员）', querystring: trainingQuery },
    },
    async (req) => trainingCoverage(db, currentUser(req), req.query.nodeId, req.query.year),
  );
  app.post(
    '/api/trainings',
    { config: { permission: 'committee.supervise' }, schema: { tags, summary: '登记集中培训（材料与签到）', body: trainingBody } },
    async (req, reply) => reply.status(201).send({ id: await recordTraining(actionContext(db, req), req.body) }),
  );
  app.put(
    '/api/trainings/:id/attendance',
    { config: { permission: 'committee.supervise' }, schema: { tags, summary: '更正培训签到', params: idParam, body: attendanceListBody } },
    async (req) => {
      await setTrainingAttendance(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  // §3 negative list and suspension (R35, R37)
  app.get(
    '/api/negative-items',
    { config: { permission: 'committee.read' }, schema: { tags, summary: '负面清单事项（R35 及本街道增设）', querystring: itemsQuery } },
    async (req) => {
      const street = req.query.estateId ? ((await placeOf(db, req.query.estateId)).street?.id ?? null) : (req.query.streetId ?? null);
      return { items: await negativeItems(db, street) };
    },
  );
  app.post(
    '/api/negative-items',
    { config: { permission: 'committee.supervise' }, schema: { tags, summary: '街道增设负面清单事项', body: itemBody } },
    async (req, reply) => reply.status(201).send({ id: await addItem(actionContext(db, req), req.body) }),
  );
  app.post(
    '/api/committees/:kind/:id/negative-reports',
    {
      config: { permission: 'committee.manage' },
      schema: { tags, summary: '社区报告委员触及负面清单（附证据）', params: committeeParams, body: reportBody },
    },
    async (req, reply) => reply.status(201).send({ id: await reportHit(actionContext(db, req), req.params.kind, req.params.id, req.body) }),
  );
  app.get(
    '/api/negative-reports',
    {
      config: { permission: 'committee.read' },
      schema: { tags, summary: '负面清单报告（待认定在前，逾期标红）', querystring: reportsQuery },
    },
    async (req) => ({ items: await listReports(db, currentUser(req), req.query.state) }),
  );
  app.get(
    '/api/negative-reports/:id',
    { config: { permission: 'committee.read' }, schema: { tags, summary: '负面清单报告详情', params: idParam } },
    async (req) => reportDetail(db, currentUser(req), req.params.id),
  );
  app.post(
    '/api/negative-reports/:id/decide',
    {
      config: { permission: 'committee.supervise' },
      schema: { tags, summary: '街道认定（属实则暂停履职并公告）', params: idParam, body: decideBody },
    },
    async (req) => decideReport(actionContext(db, req), req.params.id, req.body),
  );
  app.post(
    '/api/negative-reports/:id/outcome',
    { config: { permission: 'committee.supervise' }, schema: { tags, summary: '恢复履职或罢免', params: idParam, body: outcomeBody } },
    async (req) => reportOutcome(actionContext(db, req), req.params.id, req.body),
  );
  app.get(
    '/api/negative-reports/:id/notice.docx',
    {
      config: { permission: 'committee.read' },
      schema: { tags, summary: '暂停履职书面通知（按楼栋打印张贴）', params: idParam, querystring: noticeDocQuery },
    },
    async (req, reply) => {
      const d = await suspensionDocument(db, currentUser(req), req.params.id, req.query.buildingId ?? null);
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', contentDisposition(`${d.title}.docx`))
        .send(await renderOfficialDocx(d));
    },
  );
  app.get(
    '/api/negative-reports/:id/files/:fileId',
    { config: { permission: 'committee.read' }, schema: { tags, summary: '下载证据材料', params: fileParams } },
    async (req, reply) => {
      await reportDetail(db, currentUser(req), req.params.id);
      const f = await kdb(db)
        .selectFrom('negative_report_file as rf')
        .innerJoin('committee_file as f', 'f.id', 'rf.file_id')
        .select(['f.file_name', 'f.content_type', 'f.content'])
        .where('rf.report_id', '=', req.params.id)
        .where('f.id', '=', req.params.fileId)
        .executeTakeFirst();
      if (!f) throw notFound('文件');
      return reply
        .header('content-type', f.content_type)
        .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.file_name)}`)
        .send(Buffer.from(f.content));
    },
  );

  app.get(
    '/api/committee-meetings/:id/files/:fileId',
    { config: { permission: 'committee.read' }, schema: { tags, summary: '下载签字页、提议书等文件', params: fileParams } },
    async (req, reply) => {
      const { meeting: m } = await loadMeeting(db, currentUser(req), req.params.id);
      const f = await kdb(db)
        .selectFrom('committee_file as f')
        .select(['f.file_name', 'f.content_type', 'f.content'])
        .where('f.id', '=', req.params.fileId)
        .where('f.estate_id', '=', m.estate_id)
        .where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom('committee_meeting_file as mf')
                .select('mf.file_id')
                .whereRef('mf.file_id', '=', 'f.id')
                .where('mf.meeting_id', '=', m.id),
            ),
            eb.exists(
              eb
                .selectFrom('committee_signature as s')
                .innerJoin('committee_resolution as r', 'r.id', 's.resolution_id')
                .select('s.scan_file_id')
                .whereRef('s.scan_file_id', '=', 'f.id')
                .where('r.meeting_id', '=', m.id),
            ),
          ]),
        )
        .executeTakeFirst();
      if (!f) throw notFound('文件');
      return reply
        .header('content-type', f.content_type)
        .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.file_name)}`)
        .send(Buffer.from(f.content));
    },
  );
};
