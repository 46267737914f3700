import type { AreaSource, NodeKind, UnitKind } from '../../../core/org';

/** A node as the server presents it, with the actions the caller may take on it. */
export interface OrgNode {
  id: number;
  kind: NodeKind;
  name: string;
  code: string | null;
  parentId: number | null;
  gridId: number | null;
  address: string | null;
  /** 小区首次交付日期 YYYY-MM-DD (estates only; absent from servers before migration 0002) */
  deliveredOn?: string | null;
  actions: string[];
}

/** GET /api/org/tree */
export interface TreeNode extends OrgNode {
  /** false for ancestors shown only to place the caller's scope in the tree */
  inScope: boolean;
  unitCount: number;
  /** children the node has (a grid: its buildings), loaded on expand (GET /api/org/nodes/:id/children) */
  childCount: number;
}

/** GET /api/org/nodes/:id */
export interface NodeDetail extends OrgNode {
  ancestors: { id: number; kind: NodeKind; name: string }[];
  children: OrgNode[];
  unitCount: number;
  totalArea: string;
}

export interface Unit {
  id: number;
  estateId: number;
  buildingId: number;
  buildingName: string;
  entrance: string;
  floor: number | null;
  number: string;
  kind: UnitKind;
  area: string;
  areaSource: AreaSource;
  actions: string[];
}

/** GET /api/estates/:id/units */
export interface UnitList {
  total: number;
  totalArea: string;
  items: Unit[];
}

/** Which kinds may be created under which (mirrors core/org.ts PARENT_KIND). */
export const CHILD_KINDS: Partial<Record<NodeKind, NodeKind[]>> = {
  street: ['community'],
  community: ['grid', 'estate'],
  estate: ['building'],
};

export const KIND_COLOR: Record<NodeKind, string> = {
  district: 'red',
  street: 'volcano',
  community: 'orange',
  grid: 'green',
  estate: 'blue',
  building: 'geekblue',
  company: 'purple',
};
