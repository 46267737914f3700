import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';
import { actionContext, currentUser } from '../http/request-context.js';
import { idParam, okResponse } from '../http/schemas.js';
import { presentNode, presentUnit } from './present.js';
import { getNodeDetail, listChildren, listEstateUnits, listTree } from './queries.js';
import {
  childrenOut,
  createNodeBody,
  createUnitBody,
  moveNodeBody,
  nodeDetailOut,
  nodeOut,
  treeOut,
  treeQuery,
  unitListOut,
  unitListQuery,
  unitOut,
  updateNodeBody,
  updateUnitBody,
} from './schema.js';
import { createNode } from './use-cases/create-node.js';
import { createUnit } from './use-cases/create-unit.js';
import { deleteNode } from './use-cases/delete-node.js';
import { deleteUnit } from './use-cases/delete-unit.js';
import { moveNode } from './use-cases/move-node.js';
import { updateNode } from './use-cases/update-node.js';
import { updateUnit } from './use-cases/update-unit.js';
import { permissionsAt } from '../access/scope.js';

/** The organisation hierarchy (街道 → 社区 → 网格/小区 → 楼栋) and units. */
export const orgRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['组织架构'];
  // A freshly changed object is presented with the actions the caller now has on it.
  const withActions = async (req: Parameters<typeof currentUser>[0], nodeId: number) =>
    (await permissionsAt(db, currentUser(req), [nodeId])).get(nodeId) ?? new Set();

  app.get(
    '/api/org/tree',
    {
      config: { permission: 'org.read' },
      schema: { tags, summary: '我的范围内的组织树（可只取前几层，或按名称搜索）', querystring: treeQuery, response: { 200: treeOut } },
    },
    async (req) => listTree(db, currentUser(req), req.query),
  );

  app.get(
    '/api/org/nodes/:id/children',
    {
      config: { permission: 'org.read' },
      schema: { tags, summary: '节点的下级（展开组织树时加载）', params: idParam, response: { 200: childrenOut } },
    },
    async (req) => listChildren(db, currentUser(req), req.params.id),
  );

  app.get(
    '/api/org/nodes/:id',
    { config: { permission: 'org.read' }, schema: { tags, summary: '节点详情', params: idParam, response: { 200: nodeDetailOut } } },
    async (req) => getNodeDetail(db, currentUser(req), req.params.id),
  );

  app.post(
    '/api/org/nodes',
    {
      config: { permission: 'org.manage' },
      schema: { tags, summary: '新建社区/网格/小区/楼栋', body: createNodeBody, response: { 201: nodeOut } },
    },
    async (req, reply) => {
      const node = await createNode(actionContext(db, req), req.body);
      return reply.status(201).send(presentNode(node, await withActions(req, node.id)));
    },
  );

  app.patch(
    '/api/org/nodes/:id',
    {
      config: { permission: 'org.manage' },
      schema: { tags, summary: '修改节点', params: idParam, body: updateNodeBody, response: { 200: nodeOut } },
    },
    async (req) => {
      const node = await updateNode(actionContext(db, req), req.params.id, req.body);
      return presentNode(node, await withActions(req, node.id));
    },
  );

  app.post(
    '/api/org/nodes/:id/move',
    {
      config: { permission: 'org.manage' },
      schema: { tags, summary: '移动节点到新的上级', params: idParam, body: moveNodeBody, response: { 200: nodeOut } },
    },
    async (req) => {
      const node = await moveNode(actionContext(db, req), req.params.id, req.body.parentId);
      return presentNode(node, await withActions(req, node.id));
    },
  );

  app.delete(
    '/api/org/nodes/:id',
    { config: { permission: 'org.manage' }, schema: { tags, summary: '删除空节点', params: idParam, response: { 200: okResponse } } },
    async (req) => {
      await deleteNode(actionContext(db, req), req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/estates/:id/units',
    {
      config: { permission: 'unit.read' },
      schema: { tags, summary: '小区的房屋（专有部分）', params: idParam, querystring: unitListQuery, response: { 200: unitListOut } },
    },
    async (req) => listEstateUnits(db, currentUser(req), req.params.id, req.query),
  );

  app.post(
    '/api/units',
    { config: { permission: 'unit.manage' }, schema: { tags, summary: '新建房屋', body: createUnitBody, response: { 201: unitOut } } },
    async (req, reply) => {
      const unit = await createUnit(actionContext(db, req), req.body);
      return reply.status(201).send(presentUnit(unit, await withActions(req, unit.building_id)));
    },
  );

  app.patch(
    '/api/units/:id',
    {
      config: { permission: 'unit.manage' },
      schema: { tags, summary: '修改房屋', params: idParam, body: updateUnitBody, response: { 200: unitOut } },
    },
    async (req) => {
      const unit = await updateUnit(actionContext(db, req), req.params.id, req.body);
      return presentUnit(unit, await withActions(req, unit.building_id));
    },
  );

  app.delete(
    '/api/units/:id',
    { config: { permission: 'unit.manage' }, schema: { tags, summary: '删除房屋', params: idParam, response: { 200: okResponse } } },
    async (req) => {
      await deleteUnit(actionContext(db, req), req.params.id);
      return { ok: true as const };
    },
  );
};
