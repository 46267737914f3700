import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { AuditAction } from '../../core/audit-actions.js';
import type { Database } from '../db/schema.js';
import type { ActionContext } from '../http/context.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  /** noun.verb, e.g. 'org.create', 'account.resetPassword': only a code labelled in core/audit-actions.ts */
  action: AuditAction;
  entityType: string;
  entityId: string | number | null;
  /** The hierarchy node the change belongs to: who may read the entry is decided by it. */
  nodeId: number | null;
  before?: unknown;
  after?: unknown;
}

/** The fields a hash covers, in a fixed shape; verification rebuilds exactly this. */
export interface HashedFields {
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  nodeId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function entryHash(prevHash: string, fields: HashedFields): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

/** Dates become ISO strings and undefined disappears, exactly as jsonb will give them back. */
const plain = (v: unknown) => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown));

/**
 * The chain's head (its last entry's id and hash), locked until the caller's transaction ends: the
 * head row is the chain's lock. Every writer of the chain — this module, the ballot writer, several
 * app instances — takes it FOR UPDATE before appending, so they append one after another; a writer
 * that waited gets the head as the one before it left it (READ COMMITTED re-reads a locked row).
 * The row exists from migration 0016 on.
 */
export async function lockAuditHead(trx: Transaction<Database>): Promise<string> {
  const r = await sql<{ value: { hash?: string } | null }>`/* prepared: audit.head */
    select value from app_setting where key = 'audit_head' for update`.execute(trx);
  return r.rows[0]?.value?.hash ?? GENESIS_HASH;
}

/**
 * Appends one entry to the hash chain, inside the caller's transaction, so that the change and its
 * audit entry commit or vanish together; the head row orders concurrent writers (lockAuditHead).
 */
export async function recordAudit(trx: Transaction<Database>, ctx: ActionContext, input: AuditInput): Promise<void> {
  const prevHash = await lockAuditHead(trx);
  const fields: HashedFields = {
    at: new Date().toISOString(),
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.displayName ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId === null ? null : String(input.entityId),
    nodeId: input.nodeId,
    before: plain(input.before),
    after: plain(input.after),
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
  const hash = entryHash(prevHash, fields);
  const inserted = await trx
    .insertInto('audit_entry')
    .values({
      at: fields.at,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      node_id: fields.nodeId,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      request_id: fields.requestId,
      ip: fields.ip,
      prev_hash: prevHash,
      hash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The head anchors the end of the chain: deleting the newest entries is caught too.
  const head = JSON.stringify({ id: inserted.id, hash });
  await trx
    .insertInto('app_setting')
    .values({ key: 'audit_head', value: head })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: head }))
    .execute();
}
