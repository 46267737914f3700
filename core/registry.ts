/**
 * The registry's vocabulary and rules: people, posts, party organisations, the owner roll and its
 * R3 headcount, and the at-a-glance checks of R39 and R40. Pure; shared by server and web.
 */

export const PERSON_KINDS = ['natural', 'organisation'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export const PARTY_STATUSES = ['none', 'full', 'probationary'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];
export const PARTY_STATUS_LABEL: Record<PartyStatus, string> = { none: '非党员', full: '正式党员', probationary: '预备党员' };

export const PARTY_ORG_KINDS = ['committee', 'generalBranch', 'branch', 'group'] as const;
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number];
export const PARTY_ORG_KIND_LABEL: Record<PartyOrgKind, string> = {
  committee: '党委',
  generalBranch: '党总支',
  branch: '党支部',
  group: '党小组',
};
/** Which kinds may sit under which: 社区党委/党总支 → 网格党支部 → 楼栋党小组. */
export const PARTY_ORG_CHILD_KINDS: Record<PartyOrgKind, readonly PartyOrgKind[]> = {
  committee: ['generalBranch', 'branch'],
  generalBranch: ['branch'],
  branch: ['group'],
  group: [],
};

/** Background tags the seed asks to recruit from (三(一)3) and shows as counts. */
export const PERSON_TAGS = ['deputy', 'veteran', 'lawEnforcement', 'communityPolice', 'cityManagement', 'propertyProfessional'] as const;
export type PersonTag = (typeof PERSON_TAGS)[number];
export const PERSON_TAG_LABEL: Record<PersonTag, string> = {
  deputy: '两代表一委员',
  veteran: '三老',
  lawEnforcement: '行政执法',
  communityPolice: '社区民警',
  cityManagement: '城管',
  propertyProfessional: '物业专业人士',
};

export const OWNERSHIP_BASES = ['registered', 'purchased', 'court', 'succession', 'construction'] as const;
export type OwnershipBasis = (typeof OWNERSHIP_BASES)[number];
/** R1: who is an owner. */
export const OWNERSHIP_BASIS_LABEL: Record<OwnershipBasis, string> = {
  registered: '不动产登记',
  purchased: '购房已交付未登记',
  court: '法院或仲裁裁决',
  succession: '继承或受遗赠',
  construction: '合法建造',
};

export const FEE_STATUSES = ['unknown', 'paidUp', 'arrears'] as const;
export type FeeStatus = (typeof FEE_STATUSES)[number];
export const FEE_STATUS_LABEL: Record<FeeStatus, string> = { unknown: '未登记', paidUp: '已缴清', arrears: '欠费' };

/**
 * Posts (职务). `body` names the kind of org node a post sits at; party posts also name a party
 * organisation. Committee seats come with the formation capability.
 */
export const POST_ROLES = {
  partySecretary: { label: '书记', body: 'partyOrg' },
  partyDeputySecretary: { label: '副书记', body: 'partyOrg' },
  partyCommitteeMember: { label: '党组织委员', body: 'partyOrg' },
  partyGroupLeader: { label: '党小组长', body: 'partyOrg' },
  residentsCommitteeDirector: { label: '居委会主任', body: 'community' },
  residentsCommitteeDeputy: { label: '居委会副主任', body: 'community' },
  residentsCommitteeMember: { label: '居委会委员', body: 'community' },
  communityWorker: { label: '社区工作者', body: 'community' },
  gridLeader: { label: '网格长', body: 'grid' },
  gridWorker: { label: '网格员', body: 'grid' },
  gridAssistant: { label: '网格协管员', body: 'grid' },
  residentsGroupLeader: { label: '居民小组长', body: 'grid' },
  residentsRepresentative: { label: '居民代表', body: 'grid' },
  buildingLeader: { label: '楼栋长', body: 'building' },
  // 党员先锋岗 (seed item 5, issue 16): held by party members, listed per estate with the 楼栋长.
  vanguardSupervisor: { label: '监督员', body: 'estate' },
  vanguardMediator: { label: '调解员', body: 'estate' },
  vanguardServer: { label: '服务员', body: 'estate' },
  companyHead: { label: '企业负责人', body: 'company' },
  projectManager: { label: '项目经理', body: 'company' },
  companyStaff: { label: '物业从业人员', body: 'company' },
  // Seats of a 物业管理委员会 (issue 5), held at the estate while the committee runs.
  propertyCommitteeDirector: { label: '物管会主任', body: 'estate' },
  propertyCommitteeDeputy: { label: '物管会副主任', body: 'estate' },
  propertyCommitteeMember: { label: '物管会委员', body: 'estate' },
  ownersCommitteeMember: { label: '业委会委员', body: 'estate' },
} as const satisfies Record<string, { label: string; body: 'partyOrg' | 'community' | 'grid' | 'building' | 'company' | 'estate' }>;
export type PostRole = keyof typeof POST_ROLES;
export const POST_ROLE_CODES = Object.keys(POST_ROLES) as PostRole[];

/** The node kind a post's node must be (party posts sit at their party organisation's node). */
export function postNodeKind(role: PostRole): string | null {
  const body = POST_ROLES[role].body;
  return body === 'partyOrg' ? null : body;
}

// ── R3 headcount ──────────────────────────────────────────────────────────────────────────────

export interface RollUnit {
  unitId: number;
  areaCenti: number;
  developerStock: boolean;
  /** Current owners' person ids (co-owners: several). */
  ownerIds: readonly number[];
  /** The co-owners' designated voter (R4), if designated. */
  voterId: number | null;
}

/**
 * The key of the head a unit counts towards (R3): all developer stock is one head; otherwise the
 * unit's buyer (买受人) — its set of current owners, a sole owner or the co-owners together. Units
 * with the same key are one head (one buyer of several units). A person who owns one unit alone and
 * co-owns another is two buyers, so two heads. The co-owners' designated voter (R4) decides who
 * casts the head's ballot, never how many heads there are. Units with no owner on the roll get their
 * own key and are reported as unowned.
 */
export function headKey(u: RollUnit): string {
  if (u.developerStock) return 'developer';
  const owners = [...new Set(u.ownerIds)].sort((a, b) => a - b);
  if (owners.length === 0) return `unowned:${u.unitId}`;
  return owners.length === 1 ? `p${owners[0]}` : `co:${owners.join(',')}`;
}

export interface RollCounts {
  /** Naive count: one per unit. */
  units: number;
  /** Headcount after R3 dedup (N_T). */
  heads: number;
  /** Total exclusive area in hundredths (A_T). */
  areaCenti: number;
  developerStockUnits: number;
  developerStockAreaCenti: number;
  /** Owners holding more than one unit (counted once). */
  multiUnitOwners: number;
  unownedUnits: number;
  /** Co-owned units without a designated voter (R4): they cannot vote until one is designated. */
  coOwnedWithoutVoter: number;
}

/** R3 totals over a set of units (an estate or a declared scope of buildings, R5). */
export function countRoll(units: Iterable<RollUnit>): RollCounts {
  const heads = new Map<string, number>();
  const c: RollCounts = {
    units: 0,
    heads: 0,
    areaCenti: 0,
    developerStockUnits: 0,
    developerStockAreaCenti: 0,
    multiUnitOwners: 0,
    unownedUnits: 0,
    coOwnedWithoutVoter: 0,
  };
  for (const u of units) {
    c.units++;
    c.areaCenti += u.areaCenti;
    if (u.developerStock) {
      c.developerStockUnits++;
      c.developerStockAreaCenti += u.areaCenti;
    } else if (u.ownerIds.length === 0) c.unownedUnits++;
    else if (u.ownerIds.length > 1 && u.voterId == null) c.coOwnedWithoutVoter++;
    const key = headKey(u);
    heads.set(key, (heads.get(key) ?? 0) + 1);
  }
  c.heads = heads.size;
  for (const [key, n] of heads) if (n > 1 && key !== 'developer') c.multiUnitOwners++;
  return c;
}

// ── R40 grid staffing, R39 party building ────────────────────────────────────────────────────

export interface GridPosts {
  gridId: number;
  gridName: string;
  gridWorkerIds: readonly number[];
  gridLeaderIds: readonly number[];
  residentsGroupLeaderIds: readonly number[];
  /** Secretaries of the grid's party branch. */
  branchSecretaryIds: readonly number[];
}

export interface GridCheck {
  gridId: number;
  gridName: string;
  /** R40: at least one grid worker. */
  hasGridWorker: boolean;
  /** R40 一人兼: branch secretary, residents'-group leader and grid leader are one person. */
  oneHoldsAll: boolean;
  problems: string[];
}

export function checkGrid(g: GridPosts): GridCheck {
  const problems: string[] = [];
  const hasGridWorker = g.gridWorkerIds.length > 0;
  if (!hasGridWorker) problems.push('未配备网格员（R40：每个网格至少配备1名网格员）');
  const sets = [g.branchSecretaryIds, g.residentsGroupLeaderIds, g.gridLeaderIds];
  const oneHoldsAll = sets.every((s) => s.length > 0) && sets[0]!.some((id) => sets[1]!.includes(id) && sets[2]!.includes(id));
  if (!oneHoldsAll) {
    const missing = [
      g.branchSecretaryIds.length === 0 ? '网格党支部书记' : null,
      g.residentsGroupLeaderIds.length === 0 ? '居民小组长' : null,
      g.gridLeaderIds.length === 0 ? '网格长' : null,
    ].filter(Boolean);
    problems.push(
      missing.length > 0
        ? `${missing.join('、')}未配备，无法实现“一人兼”（R40）`
        : '网格党支部书记、居民小组长、网格长不是同一人（R40：宜“一人兼”）',
    );
  }
  return { gridId: g.gridId, gridName: g.gridName, hasGridWorker, oneHoldsAll, problems };
}

export type PartyBuildingStatus = 'established' | 'shouldEstablish' | 'instructor' | 'needsInstructor';
export const PARTY_BUILDING_LABEL: Record<PartyBuildingStatus, string> = {
  established: '已建立党组织',
  shouldEstablish: '应建未建',
  instructor: '已选派党建指导员',
  needsInstructor: '未建党组织，待选派党建指导员',
};

/**
 * R39: a company or project with ≥3 full party members should have a party organisation
 * ("应建未建" otherwise); below that, a party-building instructor is assigned instead.
 */
export function partyBuildingStatus(input: { fullMembers: number; hasPartyOrg: boolean; hasInstructor: boolean }): PartyBuildingStatus {
  if (input.hasPartyOrg) return 'established';
  if (input.fullMembers >= 3) return 'shouldEstablish';
  return input.hasInstructor ? 'instructor' : 'needsInstructor';
}
