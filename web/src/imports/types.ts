import type { NodeKind } from '../../../core/org';

export type ImportKind = 'roll' | 'people' | 'companies';

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/** An owner as the roll shows them. */
export interface TitleHolder {
  name: string;
  idMasked: string | null;
  since: string;
}

/** One unit that has owners, and what the import would end, start or change of their titles (issue 13). */
export interface TitleChange {
  unitId: number;
  room: string;
  ends: (TitleHolder & { until: string; voter: boolean })[];
  starts: (TitleHolder & { voter: boolean; newPerson: boolean })[];
  changes: (TitleHolder & { fields: { label: string; before: string; after: string }[] })[];
}

/** GET /api/imports/:id, POST /api/imports, POST /api/imports/:id/commit */
export interface ImportBatch {
  id: number;
  kind: ImportKind;
  nodeId: number;
  nodeName: string;
  fileName: string;
  size: number;
  status: 'checked' | 'committed' | 'discarded';
  rows: number;
  validRows: number;
  errorRows: number;
  errorCount: number;
  warningCount: number;
  changes: number;
  summary: Record<string, number>;
  result: Record<string, number | string> | null;
  createdBy: string | null;
  createdAt: string;
  committedAt: string | null;
  actions: string[];
  sheetName?: string;
  headerRow?: number;
  errors?: RowProblem[];
  warnings?: RowProblem[];
  /** The full list of title changes; the commit must confirm `titleDigest` when it is not empty. */
  titleChanges?: TitleChange[];
  titleDigest?: string | null;
}

export type CommitMode = 'all' | 'validOnly';

export const KIND_LABEL: Record<ImportKind, string> = { roll: '业主名册', people: '人员', companies: '物业服务企业' };

/** Where each kind is imported (the server checks it too). */
export const KIND_NODES: Record<ImportKind, NodeKind[]> = {
  roll: ['estate'],
  people: ['street', 'community'],
  companies: ['street'],
};

export const KIND_HINT: Record<ImportKind, string> = {
  roll: '选择小区：每行一名业主，共有人每人一行；按“楼栋+单元+房号”识别房屋，重复导入不会重复登记。',
  people: '选择街道或社区：按证件号码识别人员，已登记的人员会更新信息。',
  companies: '选择街道：按统一社会信用代码识别企业，本街道已登记的企业会更新信息。',
};

export const STATUS_LABEL: Record<ImportBatch['status'], string> = { checked: '待确认', committed: '已导入', discarded: '已放弃' };

/** The counts of a check or a result, in the order a reader wants them, with their Chinese names. */
export const COUNT_LABEL: [string, string][] = [
  ['unitsNew', '新增房屋'],
  ['unitsChanged', '变更房屋'],
  ['unitsUnchanged', '无变化房屋'],
  ['buildingsNew', '新建楼栋'],
  ['ownersNew', '新增业主'],
  ['ownersChanged', '更新业主信息'],
  ['ownershipsNew', '新增产权登记'],
  ['ownershipsChanged', '变更表决人或取得方式'],
  ['ownershipsUnchanged', '无变化产权登记'],
  ['tenuresEnded', '产权结束（过户）'],
  ['titleChangeUnits', '产权变更须确认（套）'],
  ['developerStockUnits', '开发商未售或未交付'],
  ['arrearsUnits', '欠费房屋'],
  ['personsNew', '新增人员'],
  ['personsChanged', '更新人员'],
  ['personsUnchanged', '无变化人员'],
  ['companiesNew', '新增企业'],
  ['companiesChanged', '更新企业'],
  ['companiesUnchanged', '无变化企业'],
];
