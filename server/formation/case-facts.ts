import type { CaseFacts, CaseState } from '../../core/formation.js';
import type { RuleProfile } from '../../core/rule-profile.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import { notFound } from '../http/errors.js';

export async function loadCaseRow(db: Db | Trx, id: number, forUpdate = false) {
  let q = db.selectFrom('formation_case').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('组建案件');
  return { ...row, state: row.state as CaseState, profile: row.profile as RuleProfile };
}
export type CaseRow = Awaited<ReturnType<typeof loadCaseRow>>;

/** What the state machine's guards look at, read in the step's transaction. */
export async function caseFacts(db: Db | Trx, c: CaseRow, today: string): Promise<CaseFacts> {
  const notices = await db
    .selectFrom('public_notice')
    .select(['id', 'end_date'])
    .where('id', 'in', [c.announcement_notice_id ?? -1, c.list_notice_id ?? -1])
    .execute();
  const endOf = (id: number | null) => notices.find((n) => n.id === id)?.end_date ?? null;
  const noms = await db.selectFrom('nomination').select(['vetting']).where('case_id', '=', c.id).execute();
  const objections = c.list_notice_id
    ? await db.selectFrom('objection').select(['status']).where('notice_id', '=', c.list_notice_id).execute()
    : [];
  const committee = c.committee_id
    ? await db.selectFrom('property_committee').select(['seal_applied_on']).where('id', '=', c.committee_id).executeTakeFirst()
    : undefined;
  return {
    state: c.state,
    today,
    announcementEnd: endOf(c.announcement_notice_id),
    listEnd: endOf(c.list_notice_id),
    nominations: {
      total: noms.length,
      pending: noms.filter((n) => n.vetting === 'pending').length,
      passed: noms.filter((n) => n.vetting === 'passed').length,
    },
    objections: {
      open: objections.filter((o) => o.status === 'open').length,
      upheld: objections.filter((o) => o.status === 'upheld').length,
      upheldSinceRound: 0,
    },
    certificateIssued: c.certificate_no !== null,
    sealApplied: committee?.seal_applied_on != null,
  };
}
