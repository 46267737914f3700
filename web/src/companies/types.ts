import type { PartyBuildingStatus, PartyOrgKind, PartyStatus } from '../../../core/registry';

/** Shapes of /api/companies (server/companies/schema.ts). */

export interface PartyOrgRef {
  id: number;
  name: string;
  kind: PartyOrgKind;
  kindLabel: string;
}

export interface InstructorRef {
  id: number;
  name: string;
  since: string | null;
}

interface PartyCounts {
  fullMembers: number;
  probationaryMembers: number;
  staffCount: number;
  /** R39 */
  partyBuildingStatus: PartyBuildingStatus;
  partyBuildingLabel: string;
  shouldEstablish: boolean;
}

export type CompanyAction = 'update' | 'addContract' | 'report' | 'party';

export interface Company extends PartyCounts {
  id: number;
  name: string;
  uscc: string;
  streetId: number;
  streetName: string;
  legalRepresentative: string | null;
  phone: string | null;
  address: string | null;
  contractsCurrent: number;
  estatesServed: { id: number; name: string }[];
  partyOrg: PartyOrgRef | null;
  instructor: InstructorRef | null;
  actions: CompanyAction[];
}

export interface Contract extends PartyCounts {
  id: number;
  companyId: number;
  estateId: number;
  estateName: string;
  startedOn: string;
  endedOn: string | null;
  current: boolean;
  projectManager: { id: number; name: string } | null;
  partyOrg: PartyOrgRef | null;
  instructor: InstructorRef | null;
  note: string | null;
}

export type StaffRole = 'companyHead' | 'projectManager' | 'companyStaff';

export interface StaffPost {
  postId: number;
  role: StaffRole;
  roleLabel: string;
  estateId: number | null;
  estateName: string | null;
  startedOn: string;
  endedOn: string | null;
  person: {
    id: number;
    name: string;
    idNumberMasked: string | null;
    mobileMasked: string | null;
    partyStatus: PartyStatus;
  };
}

export interface CompanyDetail extends Company {
  contracts: Contract[];
  staff: StaffPost[];
}

export interface CompanyList {
  total: number;
  pageSize: number;
  items: Company[];
}
