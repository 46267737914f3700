import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

/**
 * Committees at work, the rest of issue 14:
 * - a meeting can be cancelled before it is held, with its reason (取消会议);
 * - a meeting has a purpose: the 述职 meeting (R36) invites owner representatives, who are recorded;
 * - a meeting's attachments may belong to one agenda item (its index) or to the whole meeting;
 * - an overdue rectification item carries the due date it was last reminded for (once per overdue period);
 * - the street's 述职 month (the month the annual report is due), a street-level setting;
 * - an owners' committee's roster (业委会) in committee_member, from the members it was produced with.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    alter table committee_meeting add column purpose text not null default 'regular' check (purpose in ('regular','annualReport'));
    alter table committee_meeting add column cancel_reason text check (length(cancel_reason) <= 1000);
    alter table committee_meeting add column cancelled_on date;
    alter table committee_meeting add column cancelled_by integer references account(id);

    create table committee_meeting_guest (
      meeting_id integer not null references committee_meeting(id) on delete cascade,
      person_id integer not null references person(id),
      primary key (meeting_id, person_id)
    );

    alter table committee_meeting_file add column agenda_index integer check (agenda_index >= 0);
    alter table committee_meeting_file add column created_at timestamptz not null default now();

    alter table rectification add column overdue_reminded_for date;

    create table committee_street_setting (
      street_id integer primary key references org_node(id),
      report_month integer not null default 12 check (report_month between 1 and 12),
      report_reminded_year integer,
      updated_by integer references account(id),
      updated_at timestamptz not null default now()
    );

  `,
  );
  await runStatements(db, OWNERS_ROSTER_BACKFILL);
}

/** Seats the roster of each estate's current owners' committee produced before issue 14 (members on the people registry). */
export const OWNERS_ROSTER_BACKFILL = `
    insert into committee_member (committee_kind, committee_id, estate_id, person_id, seat, owner_representative, sent_by, started_on)
    select distinct on (oc.id, (m->>'personId')::int) 'owners', oc.id, oc.estate_id, (m->>'personId')::int,
      case when m->>'seat' = 'deputyDirector' or m->>'seat' like '%副主任%' then 'deputyDirector'
           when m->>'seat' = 'director' or m->>'seat' like '%主任%' then 'director' else 'member' end,
      true, 'owners', oc.produced_on
    from owners_committee oc
    join estate_governance g on g.estate_id = oc.estate_id and g.status = 'ownersCommittee'
    cross join jsonb_array_elements(oc.members) m
    where m->>'personId' is not null
      and oc.id = (select max(o2.id) from owners_committee o2 where o2.estate_id = oc.estate_id)
      and exists (select 1 from person p where p.id = (m->>'personId')::int)
      and not exists (select 1 from committee_member cm where cm.committee_kind = 'owners' and cm.committee_id = oc.id)
    order by oc.id, (m->>'personId')::int;
`;
