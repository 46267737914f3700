import type { Permission } from '../../core/access.js';
import { formatArea } from '../../core/area.js';
import { maskMobile } from '../../core/identity.js';
import { OWNERSHIP_BASIS_LABEL, type OwnershipBasis, type RollCounts } from '../../core/registry.js';

export interface OwnershipRow {
  id: number;
  unit_id: number;
  person_id: number;
  basis: OwnershipBasis;
  share: string | null;
  designated_voter: boolean;
  started_on: string;
  ended_on: string | null;
  person_kind: string;
  person_name: string;
  person_id_masked: string | null;
  person_mobile: string | null;
}

/** An owner on the roll: ID number and mobile masked (full views go through the audited reveal). */
export function presentOwnership(o: OwnershipRow) {
  return {
    id: o.id,
    person: {
      id: o.person_id,
      kind: o.person_kind,
      name: o.person_name,
      idNumberMasked: o.person_id_masked,
      mobileMasked: o.person_mobile ? maskMobile(o.person_mobile) : null,
    },
    basis: o.basis,
    basisLabel: OWNERSHIP_BASIS_LABEL[o.basis],
    share: o.share,
    designatedVoter: o.designated_voter,
    startedOn: o.started_on,
    endedOn: o.ended_on,
  };
}

export function presentCounts(c: RollCounts) {
  return {
    units: c.units,
    heads: c.heads,
    area: formatArea(c.areaCenti),
    developerStockUnits: c.developerStockUnits,
    developerStockArea: formatArea(c.developerStockAreaCenti),
    multiUnitOwners: c.multiUnitOwners,
    unownedUnits: c.unownedUnits,
    coOwnedWithoutVoter: c.coOwnedWithoutVoter,
  };
}

/** Actions on a roll entry for the permissions held at its estate. */
export function unitActions(held: ReadonlySet<Permission>): string[] {
  return held.has('registry.manage') ? ['addOwner', 'transfer', 'endOwnership', 'designateVoter', 'updateRegistry', 'confirmBinding'] : [];
}
