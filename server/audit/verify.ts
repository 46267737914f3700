import type { Db } from '../db/connect.js';
import type { Selectable } from 'kysely';
import type { AuditEntryTable } from '../db/schema.js';
import { entryHash, GENESIS_HASH, type HashedFields } from './record.js';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry whose link does not hold, and why. */
  firstBroken: { id: number | null; reason: string } | null;
}

const BATCH = 2000;

/** Walks the whole chain in id order, recomputing every hash and checking every link. */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_entry').selectAll().where('id', '>', lastId).orderBy('id').limit(BATCH).execute();
    for (const r of rows) {
      if (r.prev_hash !== prevHash) {
        return broken(checked, r.id, `第 ${r.id} 条记录的前序哈希与上一条不符：其前面的记录被删除或修改`);
      }
      if (entryHash(r.prev_hash, hashedFieldsOf(r)) !== r.hash) {
        return broken(checked, r.id, `第 ${r.id} 条记录的内容与其哈希不符：该记录被修改`);
      }
      prevHash = r.hash;
      lastId = r.id;
      checked++;
    }
    if (rows.length < BATCH) break;
  }
  const head = await db.selectFrom('app_setting').select('value').where('key', '=', 'audit_head').executeTakeFirst();
  const anchor = head?.value as { id: number; hash: string } | undefined;
  if (anchor && (anchor.id !== lastId || anchor.hash !== prevHash)) {
    return broken(checked, anchor.id, `审计链末端应为第 ${anchor.id} 条记录，实际为第 ${lastId} 条：最新的记录被删除或修改`);
  }
  if (!anchor && checked > 0) return broken(checked, null, '缺少审计链末端锚点');
  return { ok: true, checked, firstBroken: null };
}

const broken = (checked: number, id: number | null, reason: string): VerifyResult => ({
  ok: false,
  checked,
  firstBroken: { id, reason },
});

/** A stored entry as the fields its hash covers (and as the API shows it). */
export function hashedFieldsOf(r: Selectable<AuditEntryTable>): HashedFields {
  return {
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    nodeId: r.node_id,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.request_id,
    ip: r.ip,
  };
}
