import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';

/** What an owner is told about (the record's `event`). Others add theirs: a ticket or a question that moved. */
export type OwnerEvent =
  | 'vote.opened'
  | 'vote.closing'
  | 'vote.published'
  | 'notice.published'
  | 'ticket.moved'
  | 'question.moved'
  | 'evaluation.opened'
  | 'committee.invited';

export interface OwnerMessage {
  event: OwnerEvent;
  title: string;
  body: string;
  /** the page the message opens (the owner's own pages) */
  link?: string | null;
  /** a message that must reach each owner once, whoever or whatever sends it again (a job run twice): its key */
  once?: string | null;
}

/** Who is told: owner accounts by id, or a query selecting `account_id` (set-based: an estate's owners). */
export type Recipients = number[] | RawBuilder<{ account_id: number }>;

/** Set by tellOwners; the app sends what waits after the response (server/messages/deliver.ts). */
export const waiting = { messages: false };

/**
 * Tells owners something, inside the caller's transaction (the change and its messages commit or
 * fail together): a notification in the app for each, always; and a message on the outbound
 * channel (SMS) for each that has a mobile and has not opted out, recorded as pending and sent after
 * the commit. Where `once` is given, an owner already told under that key is not told again.
 * Returns how many owners were told. Issue 19: the hook other capabilities call (tickets, questions).
 */
export async function tellOwners(trx: Trx | Db, recipients: Recipients, m: OwnerMessage): Promise<number> {
  const ids = Array.isArray(recipients) ? [...new Set(recipients)] : null;
  if (ids && ids.length === 0) return 0;
  const who = ids ? sql`select unnest(${ids}::int[]) as account_id` : recipients;
  const r = await sql<{ n: number }>`
    with r as (select distinct account_id from (${who}) x),
    told as (
      insert into outbound_message (account_id, event, once_key, mobile, title, body, link, status)
      select a.id, ${m.event}, ${m.once ?? null}, c.mobile, ${m.title}, ${m.body}, ${m.link ?? null},
        case when not coalesce(st.sms, true) then 'optedOut' when c.mobile is null then 'noMobile' else 'pending' end
      from r
        join account a on a.id = r.account_id and not a.disabled
        left join owner_setting st on st.account_id = a.id
        cross join lateral (
          select coalesce(nullif(a.mobile, ''), (
            select p.mobile from owner_binding ob join person p on p.id = ob.person_id
            where ob.account_id = a.id and p.mobile is not null and p.mobile <> '' order by ob.person_id limit 1)) as mobile) c
      on conflict (account_id, once_key) where once_key is not null do nothing
      returning account_id),
    shown as (
      insert into notification (account_id, title, body, link)
      select account_id, ${m.title}, ${m.body}, ${m.link ?? null} from told
      returning 1)
    select count(*)::int as n from shown`.execute(trx);
  const n = Number(r.rows[0]?.n ?? 0);
  if (n > 0) waiting.messages = true;
  return n;
}

// ── Who is told ──────────────────────────────────────────────────────────────────────────────

/** Owner accounts bound to a current owner of a unit in the estates at or under `nodeId` (an estate, community or street). */
export const ownersUnder = (nodeId: number) => sql<{ account_id: number }>`
  select ob.account_id from owner_binding ob
    join ownership o on o.person_id = ob.person_id and o.ended_on is null
    join unit u on u.id = o.unit_id
  where u.estate_id in (select descendant_id from org_closure where ancestor_id = ${nodeId})`;

/** Owner accounts that now own a unit of a decision's frozen roll (its scope, R5). */
export const ownersOfRoll = (decisionId: number) => sql<{ account_id: number }>`
  select ob.account_id from decision_roll r
    join ownership o on o.unit_id = r.unit_id and o.ended_on is null
    join owner_binding ob on ob.person_id = o.person_id
  where r.decision_id = ${decisionId}`;

/**
 * Owner accounts of the roll whose unit's head has no ballot yet (any channel), and who vote for it:
 * its sole owner or the co-owner designated (R4). The reminder goes to those who can still vote.
 */
export const nonVotersOfRoll = (decisionId: number) => sql<{ account_id: number }>`
  select ob.account_id from decision_roll r
    join ownership o on o.unit_id = r.unit_id and o.ended_on is null
    join owner_binding ob on ob.person_id = o.person_id
  where r.decision_id = ${decisionId}
    and (o.designated_voter or not exists (
      select 1 from ownership o2 where o2.unit_id = o.unit_id and o2.ended_on is null and o2.person_id <> o.person_id))
    and not exists (
      select 1 from ballot b where b.decision_id = r.decision_id and b.head = r.head and b.status <> 'corrected')`;
