import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

/**
 * Where a vote's references are checked: on the rare delete, not on every insert.
 *
 * Casting measured (bench/README.md, cast-ballots, session 4): the foreign keys from a submission to
 * its caster's account and its voter's person were most of PostgreSQL's work per vote — each insert
 * runs a lookup that locks the referenced row (FOR KEY SHARE), a write to a different page of
 * `account` and of `person` for every vote. The ids come from the same transaction's reads (the
 * session's account; the person bound to it, joined through the frozen roll), so the insert cannot
 * name a missing row; what the keys still guarded is a later delete leaving a ballot whose caster or
 * voter is gone. Triggers now refuse exactly that delete, at the delete. (The app deletes neither
 * accounts nor persons; the guard is for whatever comes later.)
 *
 * The same for the decision: every submission's and every ballot's key locked the one decision row
 * all lanes vote on (FOR KEY SHARE, a new multixact each time another lane holds it too), though the
 * writer has read that row FOR SHARE in the same transaction. Decisions are never deleted; one with
 * ballots must never be, and its trigger now says so at the delete. A ballot keeps the key to its
 * submission (written in the same statement), which now cascades as the decision's did.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    alter table ballot_submission drop constraint ballot_submission_cast_by_fkey;
    alter table ballot_submission drop constraint ballot_submission_voter_person_id_fkey;
    alter table ballot_submission drop constraint ballot_submission_decision_id_fkey;
    alter table ballot drop constraint ballot_decision_id_fkey;
    alter table ballot drop constraint ballot_submission_id_fkey;
    alter table ballot add constraint ballot_submission_id_fkey foreign key (submission_id) references ballot_submission(id) on delete cascade;

    create function keep_ballot_caster() returns trigger language plpgsql as $$ begin if exists (select 1 from ballot_submission where cast_by = old.id) then raise exception using errcode = '23503', message = '该账号已提交过表决票，不能删除：表决票是业主共同决定的凭证（R19）'; end if; return old; end $$;
    create trigger account_keeps_ballots before delete on account for each row execute function keep_ballot_caster();

    create function keep_ballot_voter() returns trigger language plpgsql as $$ begin if exists (select 1 from ballot_submission where voter_person_id = old.id) then raise exception using errcode = '23503', message = '该业主已有表决票，不能删除：表决票是业主共同决定的凭证（R19）'; end if; return old; end $$;
    create trigger person_keeps_ballots before delete on person for each row execute function keep_ballot_voter();

    create function keep_decision_with_ballots() returns trigger language plpgsql as $$ begin if exists (select 1 from ballot_submission where decision_id = old.id) then raise exception using errcode = '23503', message = '该表决已有表决票，不能删除：表决票是业主共同决定的凭证（R19）'; end if; return old; end $$;
    create trigger decision_keeps_ballots before delete on decision for each row execute function keep_decision_with_ballots();
  `,
  );
}
