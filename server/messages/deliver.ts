import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.js';
import type { OutboundChannel } from '../notifications/channel.js';
import { waiting } from './tell-owners.js';

/** A provider gets this many tries at a message before it is left as failed. */
export const MAX_ATTEMPTS = 3;

/**
 * Sends the outbound messages that wait (recorded by tellOwners in the transaction of their change),
 * outside any transaction: a slow or failing provider never holds a connection or undoes a change.
 * Each batch is claimed first (status 'sending', FOR UPDATE SKIP LOCKED: several instances never send
 * one twice; a claim older than ten minutes — an instance that died — is taken over), then each
 * message is sent and recorded as sent, or failed after MAX_ATTEMPTS. Returns how many were sent.
 */
export async function deliverPending(db: Db, channel: OutboundChannel, batch = 100): Promise<number> {
  let sent = 0;
  for (;;) {
    const claimed = await sql<{ id: number; account_id: number; mobile: string; title: string; body: string; attempts: number }>`
      update outbound_message set status = 'sending', claimed_at = now(), attempts = attempts + 1
      where id in (
        select id from outbound_message
        where status = 'pending' or (status = 'sending' and claimed_at < now() - interval '10 minutes')
        order by id limit ${batch} for update skip locked)
      returning id, account_id, mobile, title, body, attempts`.execute(db);
    if (claimed.rows.length === 0) return sent;
    for (const m of claimed.rows) {
      try {
        await channel.send({ accountId: m.account_id, mobile: m.mobile, title: m.title, body: m.body });
        await sql`update outbound_message set status = 'sent', channel = ${channel.name}, sent_at = now(), error = null
          where id = ${m.id}`.execute(db);
        sent++;
      } catch (err) {
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
        await sql`update outbound_message
          set status = ${m.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending'}, channel = ${channel.name}, error = ${message}
          where id = ${m.id}`.execute(db);
      }
    }
    if (claimed.rows.length < batch) return sent;
  }
}

/**
 * After a response whose change told owners something, the messages go out at once (the scheduled
 * job sends whatever another instance or a crash left waiting). Nothing is read on other responses:
 * the ballot path pays one boolean check.
 */
export function installMessageDelivery(app: FastifyInstance, db: Db) {
  let running: Promise<unknown> | null = null;
  app.addHook('onResponse', async () => {
    if (!waiting.messages || running) return;
    waiting.messages = false;
    running = deliverPending(db, app.outbound)
      .catch((err: unknown) => app.log.warn({ err }, '外发通知发送失败，将由定时任务重试'))
      .finally(() => (running = null));
  });
  app.decorate('messagesSettled', async () => {
    while (running) await running;
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves when the messages sent after the last responses have gone (tests). */
    messagesSettled: () => Promise<void>;
  }
}
