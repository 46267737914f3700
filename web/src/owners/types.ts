export interface RollPerson {
  id: number;
  kind: string;
  name: string;
  idNumberMasked: string | null;
  mobileMasked: string | null;
}

export interface Ownership {
  id: number;
  person: RollPerson;
  basis: string;
  basisLabel: string;
  share: string | null;
  designatedVoter: boolean;
  startedOn: string;
  endedOn: string | null;
}

export interface RollUnit {
  id: number;
  buildingId: number;
  buildingName: string;
  entrance: string;
  number: string;
  floor: number | null;
  kind: string;
  area: string;
  areaSource: string;
  developerStock: boolean;
  feeStatus: 'unknown' | 'paidUp' | 'arrears';
  feeArrearsSince: string | null;
  feeArrears: string | null;
  owners: Ownership[];
  actions: string[];
}

export interface RollCounts {
  units: number;
  heads: number;
  area: string;
  developerStockUnits: number;
  developerStockArea: string;
  multiUnitOwners: number;
  unownedUnits: number;
  coOwnedWithoutVoter: number;
}

export interface Roll {
  estate: { id: number; name: string };
  counts: RollCounts;
  items: RollUnit[];
  total: number;
}

export interface UnitOwnership extends RollUnit {
  estateId: number;
  history: Ownership[];
  bindings: { accountId: number; username: string; personId: number; method: string; verifiedAt: string }[];
}

export interface MyUnits {
  bound: boolean;
  persons: (RollPerson & { mobile: string | null })[];
  units: {
    id: number;
    estateId: number;
    estateName: string;
    buildingName: string;
    entrance: string;
    number: string;
    area: string;
    coOwners: { name: string; designatedVoter: boolean }[];
    iVote: boolean;
    startedOn: string;
  }[];
  totalArea: string;
}

export const unitLabel = (u: { buildingName: string; entrance: string; number: string }) =>
  `${u.buildingName}${u.entrance ? ` ${u.entrance}` : ''} ${u.number}`;
