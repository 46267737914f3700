import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import { requireAt } from '../access/scope.js';
import { recordAudit } from '../audit/record.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import type { ActionContext, CurrentUser } from '../http/context.js';
import { badRequest, notFound } from '../http/errors.js';
import type { attendanceListBody, trainingBody } from './schema.js';
import { kdb, ktrx } from './tables.js';
import { checkUpload } from './use-cases/files.js';

type Ctx = ActionContext & { actor: CurrentUser };

/** R41: whose attendance each year is required, by post. */
export const TRAINED_ROLES = {
  companyHead: '物业企业负责人',
  propertyCommitteeDirector: '物管会主任',
  ownersCommitteeDirector: '业委会主任',
} as const;

/**
 * The people who must attend in `year` in a street: property-company heads of companies serving its
 * estates, PMC directors and owners'-committee directors (an owners'-committee member post noted
 * 主任) of its estates — every post current at some day of the year — with their community. Given a
 * district, every street's roster at once (a person on two streets' rosters counts on each).
 */
export async function requiredPeople(db: Db, streetId: number, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const r = await sql<{
    person_id: number;
    name: string;
    role: string;
    street_id: number;
    estate_id: number;
    community_id: number;
    community: string;
    place: string;
  }>`
    select distinct on (st.id, p.person_id, p.kind) p.person_id, pe.name, p.kind as role, st.id as street_id, est.id as estate_id, c.id as community_id, c.name as community, p.place
    from (
      select po.person_id, case when po.role = 'propertyCommitteeDirector' then 'propertyCommitteeDirector' else 'ownersCommitteeDirector' end as kind,
        po.node_id as estate_id, e.name as place
      from post po join org_node e on e.id = po.node_id
      where (po.role = 'propertyCommitteeDirector' or (po.role = 'ownersCommitteeMember' and po.note like '%主任%' and po.note not like '%副主任%'))
        and po.started_on <= ${to} and (po.ended_on is null or po.ended_on >= ${from})
      union all
      select po.person_id, 'companyHead', ce.estate_id, co.name
      from post po join company_estate ce on ce.company_id = po.node_id join org_node co on co.id = po.node_id
      where po.role = 'companyHead' and po.started_on <= ${to} and (po.ended_on is null or po.ended_on >= ${from})
    ) p
    join org_node est on est.id = p.estate_id
    join org_node c on c.id = est.parent_id and c.kind = 'community'
    join org_node st on st.id = c.parent_id and st.kind = 'street'
    join org_closure oc on oc.descendant_id = est.id and oc.ancestor_id = ${streetId}
    join person pe on pe.id = p.person_id
    order by st.id, p.person_id, p.kind, c.id`.execute(db);
  return r.rows;
}

/** Trainings of a year and the coverage: who must attend, who did, per community; in December the missing are flagged. */
export async function trainingCoverage(db: Db, user: CurrentUser, nodeId: number, year: number) {
  await requireAt(db, user, nodeId, 'committee.read', 'committee.read', '街道或社区');
  const node = await db.selectFrom('org_node').select(['id', 'kind']).where('id', '=', nodeId).executeTakeFirstOrThrow();
  if (node.kind !== 'street' && node.kind !== 'community') throw badRequest('培训覆盖按街道或社区统计', 'nodeId');
  const streetId =
    node.kind === 'street'
      ? node.id
      : (await db.selectFrom('org_node').select('parent_id').where('id', '=', node.id).executeTakeFirstOrThrow()).parent_id!;
  const trainings = await kdb(db)
    .selectFrom('training as t')
    .select(['t.id', 't.held_on', 't.topic', 't.note'])
    .select((eb) =>
      eb
        .selectFrom('training_attendance as a')
        .select(sql<number[]>`coalesce(json_agg(a.person_id), '[]')`.as('x'))
        .whereRef('a.training_id', '=', 't.id')
        .as('attendees'),
    )
    .select((eb) =>
      eb
        .selectFrom('training_material as m')
        .select(
          sql<{ id: number; fileName: string }[]>`coalesce(json_agg(json_build_object('id', m.id, 'fileName', m.file_name)), '[]')`.as('x'),
        )
        .whereRef('m.training_id', '=', 't.id')
        .as('materials'),
    )
    .where('t.street_id', '=', streetId)
    .where('t.held_on', '>=', `${year}-01-01`)
    .where('t.held_on', '<=', `${year}-12-31`)
    .orderBy('t.held_on')
    .execute();
  const attended = new Set(trainings.flatMap((t) => (t.attendees ?? []).map(Number)));
  const required = await requiredPeople(db, streetId, year);
  const people = required.map((r) => ({
    personId: r.person_id,
    name: r.name,
    role: r.role,
    roleLabel: TRAINED_ROLES[r.role as keyof typeof TRAINED_ROLES],
    communityId: r.community_id,
    community: r.community,
    place: r.place,
    attended: attended.has(r.person_id),
  }));
  // a community's coverage: its own people
  const mine = node.kind === 'street' ? people : people.filter((p) => p.communityId === node.id);
  const communities = [...new Map(mine.map((p) => [p.communityId, p.community])).entries()].map(([id, name]) => {
    const ps = mine.filter((p) => p.communityId === id);
    return { id, name, required: ps.length, attended: ps.filter((p) => p.attended).length };
  });
  const december = todayInChina() >= `${year}-12-01`;
  return {
    year,
    trainings: trainings.map((t) => ({
      id: t.id,
      heldOn: t.held_on,
      topic: t.topic,
      note: t.note,
      attendees: (t.attendees ?? []).map(Number),
      materials: t.materials ?? [],
    })),
    people: mine.map((p) => ({ ...p, flagged: december && !p.attended })),
    communities,
    required: mine.length,
    attended: mine.filter((p) => p.attended).length,
    december,
  };
}

/** The street records a centralised training with its materials and who attended (R41). */
export async function recordTraining(ctx: Ctx, input: z.output<typeof trainingBody>) {
  await requireAt(ctx.db, ctx.actor, input.streetId, 'committee.supervise', 'committee.read', '街道');
  const street = await ctx.db.selectFrom('org_node').select('kind').where('id', '=', input.streetId).executeTakeFirstOrThrow();
  if (street.kind !== 'street') throw badRequest('集中培训由街道组织，请选择街道', 'streetId');
  if (input.heldOn > todayInChina()) throw badRequest('培训日期不能晚于今天', 'heldOn');
  const files = (input.materials ?? []).map((f, i) => ({ f, content: checkUpload(f, '培训材料', `materials.${i}`) }));
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const people = input.attendeeIds.length
      ? await t.selectFrom('person').select('id').where('id', 'in', input.attendeeIds).where('street_id', '=', input.streetId).execute()
      : [];
    if (people.length !== new Set(input.attendeeIds).size) throw badRequest('签到人员中有不属于本街道的人', 'attendeeIds');
    const row = await trx
      .insertInto('training')
      .values({ street_id: input.streetId, held_on: input.heldOn, topic: input.topic, note: input.note ?? null, created_by: ctx.actor.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const { f, content } of files)
      await trx
        .insertInto('training_material')
        .values({
          training_id: row.id,
          file_name: f.fileName,
          content_type: f.contentType,
          size: content.length,
          sha256: crypto.createHash('sha256').update(content).digest('hex'),
          content,
        })
        .execute();
    if (people.length)
      await trx
        .insertInto('training_attendance')
        .values(people.map((p) => ({ training_id: row.id, person_id: p.id })))
        .execute();
    await recordAudit(t, ctx, {
      action: 'training.record',
      entityType: 'training',
      entityId: row.id,
      nodeId: input.streetId,
      after: { ...row, attendees: people.length, materials: files.length },
    });
    return row.id;
  });
}

/** Attendance corrected (replaces the list). */
export async function setTrainingAttendance(ctx: Ctx, trainingId: number, input: z.output<typeof attendanceListBody>) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const tr = await trx.selectFrom('training').selectAll().where('id', '=', trainingId).executeTakeFirst();
    if (!tr) throw notFound('培训');
    await requireAt(t, ctx.actor, tr.street_id, 'committee.supervise', 'committee.read', '培训');
    const people = input.personIds.length
      ? await t.selectFrom('person').select('id').where('id', 'in', input.personIds).where('street_id', '=', tr.street_id).execute()
      : [];
    if (people.length !== new Set(input.personIds).size) throw badRequest('签到人员中有不属于本街道的人', 'personIds');
    await trx.deleteFrom('training_attendance').where('training_id', '=', tr.id).execute();
    if (people.length)
      await trx
        .insertInto('training_attendance')
        .values(people.map((p) => ({ training_id: tr.id, person_id: p.id })))
        .execute();
    await recordAudit(t, ctx, {
      action: 'training.attendance',
      entityType: 'training',
      entityId: tr.id,
      nodeId: tr.street_id,
      after: { personIds: input.personIds },
    });
  });
}
