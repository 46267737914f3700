import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { NodeKind, AreaSource, UnitKind } from '../../core/org.js';
import type { Role } from '../../core/access.js';
import type { FeeStatus, PartyStatus, PartyOrgKind, OwnershipBasis, PersonKind } from '../../core/registry.js';
import type { NoticeKind, NoticeStatus, PeriodUnit } from '../../core/notices.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a database default. */
type GenTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;
/** A nullable 'YYYY-MM-DD' date column, optional on insert. */
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface OrgNodeTable {
  id: Generated<number>;
  kind: NodeKind;
  name: string;
  code: string | null;
  parent_id: number | null;
  /** Buildings only: the grid that serves the building (a second edge of the hierarchy). */
  grid_id: number | null;
  address: string | null;
  /** Estates only: first delivery date, 'YYYY-MM-DD'. */
  delivered_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface OrgClosureTable {
  ancestor_id: number;
  descendant_id: number;
  depth: number;
}

export interface CompanyEstateTable {
  company_id: number;
  estate_id: number;
}

export interface UnitTable {
  id: Generated<number>;
  estate_id: number;
  building_id: number;
  entrance: string;
  floor: number | null;
  number: string;
  kind: UnitKind;
  area_centi: number;
  area_source: AreaSource;
  /** R3: unsold or sold-but-undelivered developer unit. */
  developer_stock: ColumnType<boolean, boolean | undefined, boolean>;
  /** R37: property-fee status. */
  fee_status: ColumnType<FeeStatus, FeeStatus | undefined, FeeStatus>;
  fee_arrears_since: NullableDate;
  /** Arrears in fen (分). */
  fee_arrears_fen: ColumnType<number | null, number | null | undefined, number | null>;
  fee_updated_on: NullableDate;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface AccountTable {
  id: Generated<number>;
  username: string;
  mobile: string | null;
  display_name: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  disabled: Generated<boolean>;
  created_at: GenTimestamp;
  password_changed_at: GenTimestamp;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  account_id: number;
  role: Role;
  node_id: number;
  created_at: GenTimestamp;
}

export interface SessionTable {
  id: string;
  account_id: number;
  csrf_token: string;
  created_at: GenTimestamp;
  expires_at: Timestamp;
  last_seen_at: GenTimestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  login: string;
  ip: string;
  success: boolean;
  at: GenTimestamp;
}

export interface AuditEntryTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  node_id: number | null;
  before: Json;
  after: Json;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface CalendarDayTable {
  date: string;
  kind: 'holiday' | 'makeUpWorkday';
  name: string | null;
  source: 'package' | 'admin';
  updated_at: GenTimestamp;
}

export interface CalendarYearTable {
  year: number;
  complete: boolean;
  source: 'package' | 'admin';
  updated_at: GenTimestamp;
}

export interface PublicNoticeTable {
  id: Generated<number>;
  node_id: number;
  kind: NoticeKind;
  title: string;
  body: string;
  status: ColumnType<NoticeStatus, NoticeStatus | undefined, NoticeStatus>;
  period_unit: PeriodUnit | null;
  period_days: number | null;
  accepts_objections: ColumnType<boolean, boolean | undefined, boolean>;
  publish_date: ColumnType<string | null, string | null | undefined, string | null>;
  end_date: ColumnType<string | null, string | null | undefined, string | null>;
  calendar_complete: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  supersedes_id: ColumnType<number | null, number | null | undefined, number | null>;
  superseded_by_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: number | null;
  created_at: GenTimestamp;
  published_by: ColumnType<number | null, number | null | undefined, number | null>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  period_closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  period_reminded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** 补录: why a paper notice was recorded after its posting day (issue 13) */
  backdate_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** 补录: the attachment that is the photo of the posted paper */
  backdate_photo_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ObjectionTable {
  id: Generated<number>;
  notice_id: number;
  objector_name: string;
  objector_account_id: number | null;
  objector_unit: string | null;
  content: string;
  channel: 'online' | 'paper';
  received_on: string;
  verify_due: string;
  verify_due_complete: boolean;
  status: ColumnType<'open' | 'upheld' | 'rejected', 'open' | 'upheld' | 'rejected' | undefined, 'open' | 'upheld' | 'rejected'>;
  finding: ColumnType<string | null, string | null | undefined, string | null>;
  result_notice_id: ColumnType<number | null, number | null | undefined, number | null>;
  entered_by: number | null;
  created_at: GenTimestamp;
  closed_by: ColumnType<number | null, number | null | undefined, number | null>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reminded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  overdue_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface NotificationTable {
  id: Generated<number>;
  account_id: number;
  title: string;
  body: string;
  link: string | null;
  created_at: GenTimestamp;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface NoticeAttachmentTable {
  id: Generated<number>;
  notice_id: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  created_by: number | null;
  created_at: GenTimestamp;
}

export interface PartyOrgTable {
  id: Generated<number>;
  street_id: number;
  parent_id: Nullable<number>;
  kind: PartyOrgKind;
  name: string;
  node_id: number;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface PersonTable {
  id: Generated<number>;
  street_id: number;
  node_id: number;
  kind: ColumnType<PersonKind, PersonKind | undefined, PersonKind>;
  name: string;
  /** Keyed hash of the normalised ID number (身份证号 or 统一社会信用代码): match, never read back. */
  id_hash: Nullable<string>;
  /** AES-256-GCM ciphertext of the ID number, for the street admin's audited full view. */
  id_cipher: Nullable<string>;
  id_masked: Nullable<string>;
  birth_date: NullableDate;
  mobile: Nullable<string>;
  party_status: ColumnType<PartyStatus, PartyStatus | undefined, PartyStatus>;
  party_org_id: Nullable<number>;
  /** JSON array of PERSON_TAGS codes. */
  tags: ColumnType<string[], string | undefined, string>;
  occupation: Nullable<string>;
  address: Nullable<string>;
  /** A negative-list entry (R35) recorded against the person, shown in vetting. */
  negative_note: Nullable<string>;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface PostTable {
  id: Generated<number>;
  person_id: number;
  role: string;
  node_id: number;
  party_org_id: Nullable<number>;
  /** Property-company posts: the project (estate) the person works at. */
  estate_id: Nullable<number>;
  started_on: string;
  ended_on: NullableDate;
  note: Nullable<string>;
  created_at: GenTimestamp;
}

export interface OwnershipTable {
  id: Generated<number>;
  unit_id: number;
  person_id: number;
  basis: ColumnType<OwnershipBasis, OwnershipBasis | undefined, OwnershipBasis>;
  share: Nullable<string>;
  designated_voter: ColumnType<boolean, boolean | undefined, boolean>;
  started_on: string;
  ended_on: NullableDate;
  created_at: GenTimestamp;
}

export interface OwnerBindingTable {
  account_id: number;
  person_id: number;
  method: 'idMobile' | 'staff';
  verified_by: Nullable<number>;
  verified_at: GenTimestamp;
}

export interface PropertyCompanyTable {
  node_id: number;
  street_id: number;
  uscc: string;
  legal_representative: Nullable<string>;
  phone: Nullable<string>;
  party_org_id: Nullable<number>;
  party_instructor_id: Nullable<number>;
  party_instructor_since: NullableDate;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface ServiceContractTable {
  id: Generated<number>;
  company_id: number;
  estate_id: number;
  started_on: string;
  ended_on: NullableDate;
  project_manager_id: Nullable<number>;
  party_org_id: Nullable<number>;
  party_instructor_id: Nullable<number>;
  note: Nullable<string>;
  created_at: GenTimestamp;
}

export interface ImportBatchTable {
  id: Generated<number>;
  kind: string;
  node_id: number;
  file_name: string;
  sha256: string;
  size: number;
  content: Uint8Array;
  summary: Json;
  errors: Json;
  status: ColumnType<
    'checked' | 'committed' | 'discarded',
    'checked' | 'committed' | 'discarded' | undefined,
    'checked' | 'committed' | 'discarded'
  >;
  result: Json;
  created_by: Nullable<number>;
  created_at: GenTimestamp;
  committed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface StreetRuleProfileTable {
  street_id: number;
  profile_id: string;
  updated_by: Nullable<number>;
  updated_at: GenTimestamp;
}

export interface GovernancePlanTable {
  street_id: number;
  name: string;
  deadline: string;
  /** JSON array of { name, from, to } (调查摸底 → 组织实施 → 总结提升) */
  phases: ColumnType<{ name: string; from: string; to: string }[], string | undefined, string>;
  updated_by: Nullable<number>;
  updated_at: GenTimestamp;
}

export type GovernanceStatus = 'ownersCommittee' | 'committeeExpired' | 'formingPmc' | 'pmcRunning' | 'pending' | 'notNeeded';
export type GovernanceReason = 'assemblyNotPossible' | 'trulyDifficult' | 'noCommitteeElected';

export interface EstateGovernanceTable {
  estate_id: number;
  status: ColumnType<GovernanceStatus, GovernanceStatus | undefined, GovernanceStatus>;
  reason: Nullable<GovernanceReason>;
  note: Nullable<string>;
  committee_term_start: NullableDate;
  committee_term_end: NullableDate;
  updated_by: Nullable<number>;
  updated_at: GenTimestamp;
}

export interface FormationCaseTable {
  id: Generated<number>;
  estate_id: number;
  state: string;
  /** The RuleProfile snapshot the case runs under. */
  profile: ColumnType<unknown, string, string>;
  announcement_notice_id: Nullable<number>;
  list_notice_id: Nullable<number>;
  list_round: ColumnType<number, number | undefined, number>;
  director_person_id: Nullable<number>;
  certificate_no: Nullable<string>;
  certificate_date: NullableDate;
  committee_id: Nullable<number>;
  started_by: Nullable<number>;
  started_at: GenTimestamp;
  updated_at: GenTimestamp;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface NominationTable {
  id: Generated<number>;
  case_id: number;
  person_id: number;
  channel: 'self' | 'partyOrg' | 'residentsCommittee' | 'jointOwners';
  owner_representative: ColumnType<boolean, boolean | undefined, boolean>;
  statement: Nullable<string>;
  vetting: ColumnType<'pending' | 'passed' | 'failed', 'pending' | 'passed' | 'failed' | undefined, 'pending' | 'passed' | 'failed'>;
  vetting_reason: Nullable<string>;
  vetted_by: Nullable<number>;
  vetted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: Nullable<number>;
  created_at: GenTimestamp;
}

export interface NominationSignerTable {
  nomination_id: number;
  person_id: number;
}

export interface ListMemberTable {
  id: Generated<number>;
  case_id: number;
  round: number;
  person_id: number;
  seat: ColumnType<
    'director' | 'deputyDirector' | 'member',
    'director' | 'deputyDirector' | 'member' | undefined,
    'director' | 'deputyDirector' | 'member'
  >;
  owner_representative: ColumnType<boolean, boolean | undefined, boolean>;
  community_party_org: ColumnType<boolean, boolean | undefined, boolean>;
  residents_committee: ColumnType<boolean, boolean | undefined, boolean>;
  city_management: ColumnType<boolean, boolean | undefined, boolean>;
  street_appointee: ColumnType<boolean, boolean | undefined, boolean>;
  removed_reason: Nullable<string>;
}

export interface PropertyCommitteeTable {
  id: Generated<number>;
  estate_id: number;
  case_id: Nullable<number>;
  certificate_no: string;
  established_on: string;
  term_end: NullableDate;
  status: ColumnType<'active' | 'dissolved', 'active' | 'dissolved' | undefined, 'active' | 'dissolved'>;
  seal_applied_on: NullableDate;
  seal_recorded_on: NullableDate;
  seal_note: Nullable<string>;
  dissolved_on: NullableDate;
  dissolution_reason: Nullable<string>;
  handover: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: GenTimestamp;
}

export interface OwnersCommitteeTable {
  id: Generated<number>;
  estate_id: number;
  source: 'election' | 'entered' | 'resumed';
  decision_id: Nullable<number>;
  produced_on: string;
  term_end: NullableDate;
  /** JSON array of { personId, name, seat } */
  members: ColumnType<unknown, string | undefined, string>;
  note: Nullable<string>;
  created_by: Nullable<number>;
  created_at: GenTimestamp;
}

export interface AppSettingTable {
  key: string;
  value: Json;
}

export interface Database {
  org_node: OrgNodeTable;
  org_closure: OrgClosureTable;
  company_estate: CompanyEstateTable;
  unit: UnitTable;
  account: AccountTable;
  role_assignment: RoleAssignmentTable;
  session: SessionTable;
  login_attempt: LoginAttemptTable;
  audit_entry: AuditEntryTable;
  app_setting: AppSettingTable;
  calendar_day: CalendarDayTable;
  calendar_year: CalendarYearTable;
  public_notice: PublicNoticeTable;
  objection: ObjectionTable;
  notification: NotificationTable;
  notice_attachment: NoticeAttachmentTable;
  party_org: PartyOrgTable;
  person: PersonTable;
  post: PostTable;
  ownership: OwnershipTable;
  owner_binding: OwnerBindingTable;
  property_company: PropertyCompanyTable;
  service_contract: ServiceContractTable;
  import_batch: ImportBatchTable;
  street_rule_profile: StreetRuleProfileTable;
  governance_plan: GovernancePlanTable;
  estate_governance: EstateGovernanceTable;
  formation_case: FormationCaseTable;
  nomination: NominationTable;
  nomination_signer: NominationSignerTable;
  list_member: ListMemberTable;
  property_committee: PropertyCommitteeTable;
  owners_committee: OwnersCommitteeTable;
}

export type OrgNode = Selectable<OrgNodeTable>;
export type Unit = Selectable<UnitTable>;
export type Account = Selectable<AccountTable>;
export type NewUnit = Insertable<UnitTable>;
export type Person = Selectable<PersonTable>;
export type PartyOrg = Selectable<PartyOrgTable>;
export type Post = Selectable<PostTable>;
export type Ownership = Selectable<OwnershipTable>;
