import { sql, type Kysely } from 'kysely';
import { rollOrder } from '../../../core/decisions.js';
import { runStatements } from '../run-statements.js';

/**
 * The frozen roll's public order, stored with the roll (R5): each unit's place by room and its owner
 * code's place, both natural ("2-1-101" before "10-1-101"). The freeze computes them once; the tally
 * file, the published voter list and the paper-entry roll read them instead of sorting 20,000 rooms
 * and owner codes at every publication and page (bench/cast-ballots.mjs: the natural sort was a
 * third of building the tally file).
 *
 * Rolls frozen before this migration get their order here, by the same function the freeze uses
 * (core/decisions.ts rollOrder, rooms that sort alike by unit id): the natural order the tally file
 * has always listed them in, so a file computed again matches the one published.
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
    const rows = await sql<{ unit_id: number; room: string; owner_code: string }>`
      select unit_id, room, owner_code from decision_roll where decision_id = ${decision_id} order by unit_id`.execute(db);
    const order = rollOrder(rows.rows.map((r) => ({ room: r.room, ownerCode: r.owner_code })));
    await sql`
      update decision_roll r set position = v.position, owner_rank = v.owner_rank
      from (select unnest(${rows.rows.map((r) => r.unit_id)}::int[]) as unit_id,
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
