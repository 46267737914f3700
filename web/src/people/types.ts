import type { NodeKind } from '../../../core/org';
import type { PartyOrgKind, PartyStatus } from '../../../core/registry';

export interface CurrentPost {
  id: number;
  role: string;
  roleLabel: string;
  bodyName: string;
}

/** GET /api/people item: ID number and mobile masked. */
export interface PersonItem {
  id: number;
  streetId: number;
  nodeId: number;
  nodeName: string;
  kind: 'natural' | 'organisation';
  name: string;
  idNumberMasked: string | null;
  birthDate: string | null;
  mobileMasked: string | null;
  partyStatus: PartyStatus;
  partyOrgId: number | null;
  partyOrgName: string | null;
  tags: string[];
  occupation: string | null;
  address: string | null;
  negativeNote: string | null;
  currentPosts: CurrentPost[];
}

export interface Post {
  id: number;
  personId: number;
  role: string;
  roleLabel: string;
  nodeId: number;
  partyOrgId: number | null;
  estateId: number | null;
  bodyName: string;
  estateName: string | null;
  startedOn: string;
  endedOn: string | null;
  current: boolean;
  note: string | null;
}

export type PersonAction = 'update' | 'updateParty' | 'revealMobile' | 'revealIdNumber' | 'managePosts' | 'managePartyPosts';

/** GET /api/people/:id */
export interface PersonDetail extends Omit<PersonItem, 'currentPosts'> {
  posts: Post[];
  crossAppointments: { bodyType: 'partyOrg' | 'node'; bodyId: number; bodyName: string; roles: string[] }[];
  actions: PersonAction[];
}

export interface PartyOrg {
  id: number;
  streetId: number;
  parentId: number | null;
  kind: PartyOrgKind;
  name: string;
  nodeId: number;
  nodeName: string;
  nodeKind: NodeKind;
  fullMembers: number;
  probationaryMembers: number;
  secretary: { personId: number; name: string } | null;
  actions: ('update' | 'delete' | 'createChild')[];
}

export interface GridCheck {
  gridId: number;
  gridName: string;
  communityName: string;
  hasGridWorker: boolean;
  oneHoldsAll: boolean;
  problems: string[];
  gridWorkers: string[];
  gridLeaders: string[];
  residentsGroupLeaders: string[];
  branchSecretaries: string[];
}

export interface RegistryChecksResult {
  grids: GridCheck[];
  crossAppointments: { personId: number; name: string; posts: { role: string; roleLabel: string; bodyName: string }[] }[];
  summary: { grids: number; gridsWithoutWorker: number; gridsNotOneHoldsAll: number; crossAppointments: number };
}
