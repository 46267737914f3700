import { hashPassword } from '../auth/password.js';
import type { Db } from '../db/connect.js';
import { TEST_PASSWORD } from '../test/harness.js';

let hash: Promise<string> | undefined;

/**
 * An owner for tests of the service desk: a person on the roll owning `unitId`, an owner account
 * at the estate bound to that person (as community staff bind after checking the ID). With
 * `accountId`, binds an existing owner account instead of making one.
 */
export async function boundOwner(db: Db, o: { streetId: number; estateId: number; unitId: number; name: string; accountId?: number }) {
  const person = await db
    .insertInto('person')
    .values({ street_id: o.streetId, node_id: o.estateId, name: o.name, tags: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('ownership').values({ unit_id: o.unitId, person_id: person.id, started_on: '2015-01-01' }).execute();
  let accountId = o.accountId;
  let username = '';
  if (!accountId) {
    username = `own${person.id}_${Math.random().toString(36).slice(2, 7)}`;
    const a = await db
      .insertInto('account')
      .values({ username, display_name: o.name, password_hash: await (hash ??= hashPassword(TEST_PASSWORD)), mobile: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    accountId = a.id;
    await db.insertInto('role_assignment').values({ account_id: accountId, role: 'owner', node_id: o.estateId }).execute();
  }
  await db.insertInto('owner_binding').values({ account_id: accountId, person_id: person.id, method: 'staff' }).execute();
  return { personId: person.id, accountId, username };
}
