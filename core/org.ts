/**
 * The organisation hierarchy: 区 → 街道 → 社区 → 网格 → 楼栋, and 小区 (one 物业管理区域) under a
 * community with its buildings. A building hangs under its estate and is also linked to the grid
 * that serves it, so a grid worker's scope reaches it; an estate may span several grids.
 * Property companies are scope nodes of their own, linked to the estates they serve.
 * The district (区) is the root: it keeps what is the same for all its streets, such as the
 * working-day calendar (the national schedule, issue 13), and reads what its streets do.
 */

export const NODE_KINDS = ['district', 'street', 'community', 'grid', 'estate', 'building', 'company'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const NODE_KIND_LABEL: Record<NodeKind, string> = {
  district: '区',
  street: '街道',
  community: '社区',
  grid: '网格',
  estate: '小区',
  building: '楼栋',
  company: '物业服务企业',
};

/** Which kind of node may be the primary parent of which. `null` = a root. */
export const PARENT_KIND: Record<NodeKind, NodeKind | null> = {
  district: null,
  street: 'district',
  community: 'street',
  grid: 'community',
  estate: 'community',
  building: 'estate',
  company: null,
};

/** Where a unit's area came from, in the order of precedence of R2. */
export const AREA_SOURCES = ['registered', 'surveyed', 'contract'] as const;
export type AreaSource = (typeof AREA_SOURCES)[number];
export const AREA_SOURCE_LABEL: Record<AreaSource, string> = {
  registered: '不动产登记',
  surveyed: '实测',
  contract: '购房合同',
};

export const UNIT_KINDS = ['residential', 'commercial', 'parking', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABEL: Record<UnitKind, string> = {
  residential: '住宅',
  commercial: '商业',
  parking: '车位',
  other: '其他',
};
