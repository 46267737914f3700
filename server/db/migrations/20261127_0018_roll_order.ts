import { sql, type Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

/**
 * The frozen roll's public order, stored with the roll (R5): each unit's place by room and its owner
 * code's place, both natural ("2-1-101" before "10-1-101"). The freeze computes them once
 * (core/decisions.ts rollOrder); the tally file, the published voter list and the paper-entry roll
 * read them instead of sorting 20,000 rooms and owner codes at every publication and page
 * (bench/cast-ballots.mjs: the natural sort was a third of building the tally file).
 *
 * Rolls frozen before this migration get their order here. A room number two units of one roll
 * shared (buildings "1号楼" and "1栋" both shortened to "1") becomes the units' names in full, as
 * the freeze now does (rollRooms): the tally file must tell every unit apart. The rules are copied
 * below, as they stand today, so that this migration does the same whatever later code does; rooms
 * that sort alike are placed by unit id, as the freeze places them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    alter table decision_roll add column position integer;
    alter table decision_roll add column owner_rank integer;
    `,
  );
  const decisions = await sql<{ decision_id: number }>`select distinct decision_id from decision_roll`.execute(db);
  for (const { decision_id } of decisions.rows) {
    const { rows } = await sql<{ unit_id: number; room: string; owner_code: string; building: string; entrance: string; number: string }>`
      select r.unit_id, r.room, r.owner_code, b.name as building, u.entrance, u.number
      from decision_roll r join unit u on u.id = r.unit_id join org_node b on b.id = u.building_id
      where r.decision_id = ${decision_id} order by r.unit_id`.execute(db);
    const rooms = distinctRooms(rows);
    const order = naturalOrder(rows.map((r, i) => ({ room: rooms[i]!, ownerCode: r.owner_code })));
    await sql`
      update decision_roll r set room = v.room, position = v.position, owner_rank = v.owner_rank
      from (select unnest(${rows.map((r) => r.unit_id)}::int[]) as unit_id,
                   unnest(${rooms}::text[]) as room,
                   unnest(${order.map((o) => o.position)}::int[]) as position,
                   unnest(${order.map((o) => o.ownerRank)}::int[]) as owner_rank) v
      where r.decision_id = ${decision_id} and r.unit_id = v.unit_id`.execute(db);
  }
  await runStatements(
    db,
    `
    alter table decision_roll alter column position set not null;
    alter table decision_roll alter column owner_rank set not null;
    create unique index decision_roll_position on decision_roll(decision_id, position);
    `,
  );
}

// ── The rules as of this migration (core/decisions.ts rollRooms, rollOrder, naturalKey) ─────────

function distinctRooms(rows: readonly { room: string; building: string; entrance: string; number: string }[]): string[] {
  const counted = (labels: string[]) => {
    const n = new Map<string, number>();
    for (const l of labels) n.set(l, (n.get(l) ?? 0) + 1);
    return n;
  };
  const stored = counted(rows.map((r) => r.room));
  const labels = rows.map((r) => (stored.get(r.room) === 1 ? r.room : [r.building, r.entrance, r.number].filter(Boolean).join('-')));
  const count = counted(labels);
  const taken = new Set(labels.filter((l) => count.get(l) === 1));
  return labels.map((l) => {
    if (count.get(l) === 1) return l;
    let k = 1;
    while (taken.has(`${l}（${k}）`)) k++;
    taken.add(`${l}（${k}）`);
    return `${l}（${k}）`;
  });
}

function naturalOrder(units: readonly { room: string; ownerCode: string }[]): { position: number; ownerRank: number }[] {
  const byCodeUnits = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const roomKeys = units.map((u) => naturalKey(u.room));
  const byRoom = [...units.keys()].sort((a, b) => byCodeUnits(roomKeys[a]!, roomKeys[b]!) || a - b);
  const position = new Array<number>(units.length);
  byRoom.forEach((unit, place) => (position[unit] = place));
  const codeKey = new Map<string, string>();
  for (const u of units) if (!codeKey.has(u.ownerCode)) codeKey.set(u.ownerCode, naturalKey(u.ownerCode));
  const rankOfKey = new Map([...new Set(codeKey.values())].sort(byCodeUnits).map((k, i) => [k, i]));
  return units.map((u, i) => ({ position: position[i]!, ownerRank: rankOfKey.get(codeKey.get(u.ownerCode)!)! }));
}

function naturalKey(s: string): string {
  const isDigit = (c: number) => c >= 48 && c <= 57;
  let out = '';
  for (let i = 0; i < s.length;) {
    let j = i;
    const digits = isDigit(s.charCodeAt(i));
    while (j < s.length && isDigit(s.charCodeAt(j)) === digits) j++;
    out += digits ? s.slice(i, j).padStart(8, '0') : s.slice(i, j);
    i = j;
  }
  return out;
}
