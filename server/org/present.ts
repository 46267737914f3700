import { actionsFor, NODE_ACTIONS, UNIT_ACTIONS, type Permission } from '../../core/access.js';
import { formatArea } from '../../core/area.js';
import type { OrgNode, Unit } from '../db/schema.js';

export function presentNode(
  n: Pick<OrgNode, 'id' | 'kind' | 'name' | 'code' | 'parent_id' | 'grid_id' | 'address' | 'delivered_on'>,
  held: ReadonlySet<Permission>,
) {
  const actions = actionsFor(NODE_ACTIONS, held).filter((a) => {
    // Units hang off buildings and are listed per estate; a street or grid has no units of its own.
    if (a === 'createUnit') return n.kind === 'building';
    if (a === 'listUnits') return n.kind === 'estate' || n.kind === 'building';
    if (a === 'createChild') return n.kind === 'street' || n.kind === 'community' || n.kind === 'estate';
    // the district and companies are roots; a street is not moved between districts here
    if (a === 'move') return n.kind !== 'district' && n.kind !== 'street' && n.kind !== 'company';
    return true;
  });
  return {
    id: n.id,
    kind: n.kind,
    name: n.name,
    code: n.code,
    parentId: n.parent_id,
    gridId: n.grid_id,
    address: n.address,
    deliveredOn: n.delivered_on,
    actions,
  };
}

export function presentUnit(
  u: Pick<Unit, 'id' | 'estate_id' | 'building_id' | 'entrance' | 'floor' | 'number' | 'kind' | 'area_centi' | 'area_source'> & {
    building_name: string;
  },
  held: ReadonlySet<Permission>,
) {
  return {
    id: u.id,
    estateId: u.estate_id,
    buildingId: u.building_id,
    buildingName: u.building_name,
    entrance: u.entrance,
    floor: u.floor,
    number: u.number,
    kind: u.kind,
    area: formatArea(u.area_centi),
    areaSource: u.area_source,
    actions: actionsFor(UNIT_ACTIONS, held),
  };
}
