import { OWNERSHIP_BASIS_LABEL, FEE_STATUS_LABEL, PERSON_TAG_LABEL, PARTY_STATUS_LABEL } from '../../core/registry.js';
import { AREA_SOURCE_LABEL, UNIT_KIND_LABEL } from '../../core/org.js';

/**
 * The columns of each import template: the header a street office sees, whether it must be
 * filled, its format and allowed values (the 说明 sheet), and an example. The same list drives the
 * template, the header search of an uploaded sheet and the error report.
 */

export const IMPORT_KINDS = ['roll', 'people', 'companies'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABEL: Record<ImportKind, string> = { roll: '业主名册', people: '人员', companies: '物业服务企业' };

export interface ColumnSpec {
  key: string;
  header: string;
  /** Other headers real sheets use for the same column. */
  aliases?: string[];
  /** The header must be present in the sheet (the cell may still be empty where `required` is false). */
  headerRequired: boolean;
  /** What the 说明 sheet says about filling it. */
  required: string;
  format: string;
  allowed?: string[];
  /** Text-formatted in the template (codes, ID numbers, room numbers) so Excel does not make them numbers. */
  text?: boolean;
  width?: number;
  example: string | number;
  /**
   * The example of this column is a number no real row may carry (the example's 证件号码 or 信用代码):
   * a row with it is the template's example, or copied from it, and is never imported (issue 13).
   */
  exampleKey?: boolean;
}

const YES_NO = ['是', '否'];

export const ROLL_COLUMNS: ColumnSpec[] = [
  {
    key: 'building',
    header: '楼栋',
    aliases: ['楼号', '楼栋号', '幢号'],
    headerRequired: true,
    required: '必填',
    format: '楼栋名称，如 1号楼；小区中没有的楼栋将新建',
    text: true,
    example: '1号楼',
  },
  {
    key: 'entrance',
    header: '单元',
    aliases: ['单元号'],
    headerRequired: false,
    required: '选填',
    format: '如 1单元；没有单元的留空',
    text: true,
    example: '1单元',
  },
  {
    key: 'number',
    header: '房号',
    aliases: ['房间号', '室号', '门牌号'],
    headerRequired: true,
    required: '必填',
    format: '如 101，最多20个字符',
    text: true,
    example: '101',
  },
  {
    key: 'floor',
    header: '楼层',
    aliases: ['所在楼层'],
    headerRequired: false,
    required: '选填',
    format: '整数，地下层为负数',
    example: 1,
  },
  {
    key: 'unitKind',
    header: '房屋类型',
    aliases: ['房屋用途', '用途'],
    headerRequired: false,
    required: '选填，留空按住宅',
    format: '从允许值中选择',
    allowed: Object.values(UNIT_KIND_LABEL),
    example: '住宅',
  },
  {
    key: 'area',
    header: '专有部分面积(㎡)',
    aliases: ['专有部分面积', '建筑面积', '面积'],
    headerRequired: true,
    required: '必填',
    format: '大于0，最多两位小数，如 89.37；可带“㎡”或“平方米”',
    example: '89.37',
  },
  {
    key: 'areaSource',
    header: '面积来源',
    headerRequired: true,
    required: '必填（R2：不动产登记优先，其次实测，再次合同）',
    format: '从允许值中选择',
    allowed: ['不动产登记', '实测', '合同'],
    example: '不动产登记',
  },
  {
    key: 'developerStock',
    header: '开发商未售或未交付',
    aliases: ['开发商未售', '未售或未交付'],
    headerRequired: false,
    required: '选填，留空按“否”',
    format: '是/否（R3：开发商未售或已售未交付的房屋合计为一人）',
    allowed: YES_NO,
    example: '否',
  },
  {
    key: 'ownerName',
    header: '业主姓名',
    aliases: ['业主名称', '业主', '姓名'],
    headerRequired: true,
    required: '有业主时必填；留空表示该行只登记房屋',
    format: '个人姓名或单位全称；共有人每人一行，房屋信息相同',
    example: '张三',
  },
  {
    key: 'ownerKind',
    header: '业主类型',
    headerRequired: false,
    required: '选填，留空按个人',
    format: '个人/单位',
    allowed: ['个人', '单位'],
    example: '个人',
  },
  {
    key: 'idNumber',
    header: '证件号码',
    aliases: ['身份证号', '身份证号码', '证件号'],
    headerRequired: true,
    required: '有业主时必填',
    format: '个人填18位身份证号，单位填18位统一社会信用代码；请设为文本格式',
    text: true,
    width: 22,
    example: '110101199003071233',
    exampleKey: true,
  },
  {
    key: 'mobile',
    header: '手机号',
    aliases: ['手机号码', '联系电话', '电话'],
    headerRequired: false,
    required: '选填',
    format: '11位手机号码',
    text: true,
    width: 14,
    example: '13800138000',
  },
  {
    key: 'voter',
    header: '指定表决人',
    aliases: ['是否指定表决人', '表决人'],
    headerRequired: false,
    required: '选填，留空按“否”',
    format: '是/否（R4：共有房屋由共有人指定一人表决，每套最多一人）',
    allowed: YES_NO,
    example: '是',
  },
  {
    key: 'basis',
    header: '取得方式',
    aliases: ['产权取得方式'],
    headerRequired: false,
    required: '有业主时选填，留空按不动产登记',
    format: '从允许值中选择（R1）',
    allowed: Object.values(OWNERSHIP_BASIS_LABEL),
    example: '不动产登记',
  },
  {
    key: 'acquiredOn',
    header: '取得日期',
    aliases: ['登记日期', '交付日期'],
    headerRequired: false,
    required: '选填，留空按导入当日',
    format: '日期，如 2024-01-05、2024/1/5 或 2024年1月5日；过户时原业主的产权在此日结束',
    example: '2024-01-05',
  },
  {
    key: 'feeStatus',
    header: '物业费状态',
    aliases: ['缴费状态'],
    headerRequired: false,
    required: '选填，留空不改变系统中的状态',
    format: '从允许值中选择（R37）',
    allowed: [FEE_STATUS_LABEL.paidUp, FEE_STATUS_LABEL.arrears, FEE_STATUS_LABEL.unknown],
    example: '已缴清',
  },
  {
    key: 'arrearsSince',
    header: '欠费起始日期',
    headerRequired: false,
    required: '物业费状态为“欠费”时必填',
    format: '日期，如 2024-01-05',
    example: '',
  },
  {
    key: 'arrearsYuan',
    header: '欠费金额(元)',
    aliases: ['欠费金额'],
    headerRequired: false,
    required: '选填',
    format: '不小于0，最多两位小数，如 1200.50',
    example: '',
  },
];

export const PEOPLE_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: '姓名', headerRequired: true, required: '必填', format: '最多100个字', example: '李四' },
  {
    key: 'idNumber',
    header: '证件号码',
    aliases: ['身份证号', '身份证号码'],
    headerRequired: true,
    required: '必填',
    format: '18位身份证号；请设为文本格式',
    text: true,
    width: 22,
    example: '110101198507150010',
    exampleKey: true,
  },
  {
    key: 'mobile',
    header: '手机号',
    aliases: ['手机号码', '联系电话'],
    headerRequired: false,
    required: '选填',
    format: '11位手机号码',
    text: true,
    width: 14,
    example: '13900139000',
  },
  {
    key: 'partyStatus',
    header: '政治面貌',
    headerRequired: false,
    required: '选填，留空按群众',
    format: '从允许值中选择',
    allowed: [PARTY_STATUS_LABEL.full, PARTY_STATUS_LABEL.probationary, '群众'],
    example: '正式党员',
  },
  { key: 'partyOrg', header: '所属党组织', headerRequired: false, required: '选填', format: '系统中已建立的党组织名称', example: '' },
  {
    key: 'tags',
    header: '背景',
    aliases: ['人员背景'],
    headerRequired: false,
    required: '选填',
    format: '多个用“、”或“,”分隔',
    allowed: Object.values(PERSON_TAG_LABEL),
    example: '三老',
  },
  { key: 'occupation', header: '职业', headerRequired: false, required: '选填', format: '最多100个字', example: '退休教师' },
  {
    key: 'address',
    header: '住址',
    aliases: ['地址', '居住地址'],
    headerRequired: false,
    required: '选填',
    format: '最多200个字',
    example: '1号楼1单元101',
  },
  {
    key: 'location',
    header: '登记位置',
    headerRequired: false,
    required: '选填，留空登记在导入所选节点',
    format: '导入节点下的社区、网格或小区名称',
    example: '',
  },
];

export const COMPANY_COLUMNS: ColumnSpec[] = [
  {
    key: 'name',
    header: '企业名称',
    aliases: ['公司名称', '名称'],
    headerRequired: true,
    required: '必填',
    format: '营业执照上的全称',
    example: '某某物业服务有限公司',
  },
  {
    key: 'uscc',
    header: '统一社会信用代码',
    aliases: ['信用代码'],
    headerRequired: true,
    required: '必填',
    format: '18位，请设为文本格式',
    text: true,
    width: 22,
    example: '91110105MA01ABCD26',
    exampleKey: true,
  },
  { key: 'legalRepresentative', header: '法定代表人', headerRequired: false, required: '选填', format: '姓名', example: '王五' },
  {
    key: 'phone',
    header: '联系电话',
    aliases: ['电话', '手机号'],
    headerRequired: false,
    required: '选填',
    format: '手机或座机，如 010-12345678',
    text: true,
    width: 16,
    example: '010-12345678',
  },
  {
    key: 'address',
    header: '地址',
    aliases: ['企业地址', '办公地址'],
    headerRequired: false,
    required: '选填',
    format: '最多200个字',
    example: '某某路1号',
  },
];

export const COLUMNS: Record<ImportKind, ColumnSpec[]> = { roll: ROLL_COLUMNS, people: PEOPLE_COLUMNS, companies: COMPANY_COLUMNS };

/** How a header is compared: full-width folded, spaces and parenthesised units dropped. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s*＊:：]/g, '')
    .trim();
}

export const AREA_SOURCE_BY_LABEL: Record<string, keyof typeof AREA_SOURCE_LABEL> = {
  不动产登记: 'registered',
  登记: 'registered',
  实测: 'surveyed',
  合同: 'contract',
  购房合同: 'contract',
};
