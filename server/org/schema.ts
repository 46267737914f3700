import { z } from 'zod';
import { AREA_SOURCES, NODE_KINDS, UNIT_KINDS } from '../../core/org.js';
import { areaInput, dateInput, nameInput, optionalText, positiveId } from '../http/schemas.js';

export const nodeOut = z.object({
  id: z.number(),
  kind: z.enum(NODE_KINDS),
  name: z.string(),
  code: z.string().nullable(),
  parentId: z.number().nullable(),
  gridId: z.number().nullable(),
  address: z.string().nullable(),
  /** 小区首次交付日期 YYYY-MM-DD（仅小区） */
  deliveredOn: z.string().nullable(),
  /** What the caller may do on this node. */
  actions: z.array(z.string()),
});

const treeNodeOut = nodeOut.extend({
  /** false for ancestors shown only to place the caller's scope in the tree */
  inScope: z.boolean(),
  /** units of an estate or building (0 for other kinds) */
  unitCount: z.number(),
  /** children the node has (a grid: its buildings; a company: the estates it serves), loaded on expand */
  childCount: z.number(),
});

export const treeQuery = z.strictObject({
  /** 只取范围根节点以下若干层（如 2：区 → 街道 → 社区），其余展开时用 /api/org/nodes/:id/children 加载；不填为全部 */
  depth: z.coerce
    .number({ error: 'depth 须是 0–5 的整数' })
    .int({ error: 'depth 须是 0–5 的整数' })
    .min(0, { error: 'depth 须是 0–5 的整数' })
    .max(5, { error: 'depth 须是 0–5 的整数' })
    .optional(),
  /** 按名称或编码搜索：返回匹配的节点（最多 100 个）及其上级 */
  q: z.string().trim().max(40, { error: '搜索词不能超过 40 个字' }).optional(),
});

export const treeOut = z.object({
  nodes: z.array(treeNodeOut),
  /** a search matched more nodes than it answers: narrow it */
  truncated: z.boolean(),
});

export const childrenOut = z.object({ nodes: z.array(treeNodeOut) });

export const nodeDetailOut = nodeOut.extend({
  ancestors: z.array(z.object({ id: z.number(), kind: z.enum(NODE_KINDS), name: z.string() })),
  children: z.array(nodeOut),
  unitCount: z.number(),
  /** Total exclusive area of the units below, two decimals. */
  totalArea: z.string(),
});

export const createNodeBody = z.strictObject({
  /** 社区、网格、小区或楼栋 */
  kind: z.enum(['community', 'grid', 'estate', 'building'], {
    error: '类型只能是社区(community)、网格(grid)、小区(estate)或楼栋(building)',
  }),
  /** 上级节点编号：社区→街道，网格/小区→社区，楼栋→小区 */
  parentId: positiveId('上级节点编号'),
  /** 名称 */
  name: nameInput('名称'),
  /** 编码（可选） */
  code: optionalText('编码', 40),
  /** 地址（可选） */
  address: optionalText('地址'),
  /** 楼栋所属网格（仅楼栋） */
  gridId: positiveId('网格编号').nullish(),
  /** 首次交付日期（仅小区），YYYY-MM-DD */
  deliveredOn: dateInput.nullish(),
});

export const updateNodeBody = z.strictObject({
  name: nameInput('名称').optional(),
  code: optionalText('编码', 40),
  address: optionalText('地址'),
  gridId: positiveId('网格编号').nullish(),
  deliveredOn: dateInput.nullish(),
});

export const moveNodeBody = z.strictObject({
  /** 新的上级节点编号 */
  parentId: positiveId('新的上级节点编号'),
});

export const unitOut = z.object({
  id: z.number(),
  estateId: z.number(),
  buildingId: z.number(),
  buildingName: z.string(),
  entrance: z.string(),
  floor: z.number().nullable(),
  number: z.string(),
  kind: z.enum(UNIT_KINDS),
  /** 专有部分面积（平方米，两位小数） */
  area: z.string(),
  areaSource: z.enum(AREA_SOURCES),
  actions: z.array(z.string()),
});

export const unitListQuery = z.strictObject({
  buildingId: z.coerce
    .number({ error: '楼栋编号必须是正整数' })
    .int()
    .positive({ error: '楼栋编号必须是正整数' })
    .max(2_147_483_647)
    .optional(),
  /** 按房号搜索 */
  q: z.string().trim().max(40, { error: '搜索词不能超过 40 个字' }).optional(),
  limit: z.coerce
    .number({ error: '每页条数必须是 1–1000 的整数' })
    .int()
    .min(1, { error: '每页条数必须是 1–1000 的整数' })
    .max(1000, { error: '每页条数必须是 1–1000 的整数' })
    .default(100),
  offset: z.coerce.number({ error: '偏移量必须是非负整数' }).int().min(0, { error: '偏移量必须是非负整数' }).max(10_000_000).default(0),
});

export const unitListOut = z.object({
  total: z.number(),
  totalArea: z.string(),
  items: z.array(unitOut),
});

const unitFields = {
  /** 单元（可为空） */
  entrance: z.string({ error: '单元必须是文字' }).trim().max(20, { error: '单元不能超过 20 个字' }),
  /** 楼层 */
  floor: z
    .number({ error: '楼层必须是整数' })
    .int({ error: '楼层必须是整数' })
    .min(-10, { error: '楼层不能低于 -10' })
    .max(200, { error: '楼层不能高于 200' })
    .nullable(),
  /** 房号，如 101 */
  number: nameInput('房号', 20),
  kind: z.enum(UNIT_KINDS, { error: '房屋类型只能是 residential/commercial/parking/other' }),
  /** 专有部分面积，如 "89.37" */
  area: areaInput,
  /** 面积来源（R2）：registered 不动产登记 / surveyed 实测 / contract 购房合同 */
  areaSource: z.enum(AREA_SOURCES, { error: '面积来源只能是 registered（登记）、surveyed（实测）或 contract（合同）' }),
};

export const createUnitBody = z.strictObject({
  buildingId: positiveId('楼栋编号'),
  ...unitFields,
  entrance: unitFields.entrance.default(''),
  floor: unitFields.floor.default(null),
  kind: unitFields.kind.default('residential'),
});

export const updateUnitBody = z.strictObject({
  entrance: unitFields.entrance.optional(),
  floor: unitFields.floor.optional(),
  number: unitFields.number.optional(),
  kind: unitFields.kind.optional(),
  area: unitFields.area.optional(),
  areaSource: unitFields.areaSource.optional(),
});
