import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam, okResponse } from '../http/schemas.js';
import { classification, surveyPage } from './queries.js';
import { classesBody, classificationQuery, overrideBody, pilotBody, surveyBody } from './schema.js';
import { clearOverride, overrideClass } from './use-cases/override-class.js';
import { setClasses } from './use-cases/set-classes.js';
import { clearPilot, setPilot } from './use-cases/set-pilot.js';
import { submitSurvey } from './use-cases/submit-survey.js';

/** 调查摸底 and 分类管理 (issue 18 §1): the survey of each estate, its class with the reason, overrides and pilots. */
export const surveyRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['调查摸底与分类管理'];
  app.get(
    '/api/estates/:id/survey',
    {
      config: { permission: 'governance.read' },
      schema: { tags, summary: '小区调查摸底：平台已知情况、预填表单、历次填报与分类', params: idParam },
    },
    async (req) => surveyPage(db, currentUser(req), req.params.id, todayInChina()),
  );
  app.post(
    '/api/estates/:id/surveys',
    {
      config: { permission: 'survey.fill' },
      schema: { tags, summary: '填报调查摸底（据此设定治理状态及组建原因 R26）', params: idParam, body: surveyBody },
    },
    async (req, reply) => reply.status(201).send(await submitSurvey(actionContext(db, req), req.params.id, req.body)),
  );
  app.get(
    '/api/survey/classification',
    {
      config: { permission: 'governance.read' },
      schema: { tags, summary: '小区分类：分类与措施、各小区分类及理由、试点', querystring: classificationQuery },
    },
    async (req) => classification(db, currentUser(req), req.query.nodeId),
  );
  app.put(
    '/api/streets/:id/estate-classes',
    {
      config: { permission: 'classification.manage' },
      schema: { tags, summary: '修改街道的小区分类与分类施策', params: idParam, body: classesBody, response: { 200: okResponse } },
    },
    async (req) => {
      await setClasses(actionContext(db, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.put(
    '/api/estates/:id/class-override',
    {
      config: { permission: 'classification.manage' },
      schema: { tags, summary: '调整小区分类（须说明理由）', params: idParam, body: overrideBody },
    },
    async (req) => overrideClass(actionContext(db, req), req.params.id, req.body),
  );
  app.delete(
    '/api/estates/:id/class-override',
    { config: { permission: 'classification.manage' }, schema: { tags, summary: '取消分类调整，恢复按规则分类', params: idParam } },
    async (req) => clearOverride(actionContext(db, req), req.params.id),
  );
  app.put(
    '/api/estates/:id/pilot',
    {
      config: { permission: 'classification.manage' },
      schema: { tags, summary: '确定为试点小区（须说明理由）', params: idParam, body: pilotBody, response: { 200: okResponse } },
    },
    async (req) => {
      await setPilot(actionContext(db, req), req.params.id, req.body.reason);
      return { ok: true as const };
    },
  );
  app.delete(
    '/api/estates/:id/pilot',
    {
      config: { permission: 'classification.manage' },
      schema: { tags, summary: '取消试点小区', params: idParam, response: { 200: okResponse } },
    },
    async (req) => {
      await clearPilot(actionContext(db, req), req.params.id);
      return { ok: true as const };
    },
  );
};
