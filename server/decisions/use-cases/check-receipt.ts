import { sql } from 'kysely';
import { candidateMotionId, CHOICE_LABEL, STATE_LABEL } from '../../../core/decisions.js';
import type { Choice, TallyFile } from '../../../core/tally.js';
import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../http/errors.js';
import { motionsOf, normalizeReceipt, receiptTracker } from '../store.js';
import { ddb } from '../tables.js';

/** Wrong receipt codes one address may try in an hour (then it waits): receipts cannot be enumerated. */
export const RECEIPT_LOOKUP_LIMIT = 10;
const WINDOW = sql<Date>`now() - interval '1 hour'`;

export const RECEIPT_NOT_FOUND =
  '没有找到这个回执码对应的表决票：请核对回执码（12位字母和数字，不含 0、1、I、L、O）是否输错，以及是否是本小区的表决。连续输错10次将暂停查询一小时。';

const STATUS_LABEL: Record<string, string> = {
  counted: '已计入',
  superseded: '未计入：同一房屋另有表决票，按本次表决的规则以另一张为准',
  disputed: '纸质票两次录入不一致，正在复核',
  corrected: '已更正（以复核后的录入为准）',
};

/** The published tally files, parsed once each (a large estate's runs to megabytes), by decision and hash. */
const parsed = new Map<string, TallyFile>();
function fileOf(key: string, text: string): TallyFile {
  let f = parsed.get(key);
  if (!f) {
    f = JSON.parse(text) as TallyFile;
    if (parsed.size >= 20) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, f);
  }
  return f;
}

/**
 * Cast-as-recorded (issue 19): anyone holding a receipt code looks it up on the estate's public page.
 * While the decision runs the answer is that the ballot is recorded (and how each motion stands),
 * never its choices; once published, where the ballot stands in the published tally file — its
 * tracker, the anonymous owner code and the choices listed under it — which the page then checks
 * against the file itself. Nothing says whose ballot it is (no room, no name). Every lookup is
 * logged by address; after RECEIPT_LOOKUP_LIMIT wrong codes in an hour the address is refused (429).
 */
export async function checkReceipt(db: Db, estateId: number, input: string, ip: string) {
  const estate = await db.selectFrom('org_node').select(['id', 'kind']).where('id', '=', estateId).executeTakeFirst();
  if (!estate || estate.kind !== 'estate') throw notFound('小区');
  const q = ddb(db);
  const wrong = await q
    .selectFrom('receipt_lookup')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('found', '=', false)
    .where('at', '>', WINDOW)
    .executeTakeFirstOrThrow();
  if (Number(wrong.n) >= RECEIPT_LOOKUP_LIMIT)
    throw new AppError(429, 'TOO_MANY_LOOKUPS', '回执码输错次数过多，请一小时后再试；如确认回执码无误，请联系物管会或社区工作人员核对');
  const code = normalizeReceipt(input);
  const sub = code
    ? await q
        .selectFrom('ballot_submission as s')
        .innerJoin('decision as d', 'd.id', 's.decision_id')
        .select(['s.id', 's.code', 's.channel', 's.head', 's.created_at', 'd.id as decision_id', 'd.title', 'd.state', 'd.published_on'])
        .where('s.code', '=', code)
        .where('d.estate_id', '=', estateId)
        .executeTakeFirst()
    : undefined;
  // the log keeps the last hour of each address
  await q.deleteFrom('receipt_lookup').where('ip', '=', ip).where('at', '<=', WINDOW).execute();
  await q
    .insertInto('receipt_lookup')
    .values({ ip, estate_id: estateId, found: Boolean(sub) })
    .execute();
  if (!sub) throw new AppError(404, 'RECEIPT_NOT_FOUND', RECEIPT_NOT_FOUND);

  const motions = await motionsOf(db, sub.decision_id);
  const ballots = await q
    .selectFrom('ballot')
    .select(['motion_code', 'status'])
    .where('submission_id', '=', sub.id)
    .orderBy('motion_code')
    .execute();
  const titleOf = new Map(motions.map((m) => [m.code, m.title]));
  let published = null;
  if (sub.state === 'published') {
    const d = await q
      .selectFrom('decision')
      .select(['tally_file', 'tally_sha256'])
      .where('id', '=', sub.decision_id)
      .executeTakeFirstOrThrow();
    const file = fileOf(`${sub.decision_id}:${d.tally_sha256}`, d.tally_file!);
    const tracker = receiptTracker(sub.decision_id, sub.code);
    const entry = file.receipts?.find((r) => r.tracker === tracker) ?? null;
    // each file motion (an election: one per candidate) with its words
    const words = new Map<string, string>();
    for (const m of motions) {
      if (m.kind === 'choice') words.set(m.code, m.title);
      else for (const c of m.candidates ?? []) words.set(candidateMotionId(m.code, c.code), `${m.title}：${c.name}`);
    }
    const choices = entry
      ? file.ballots
          .filter((b) => b.owner === entry.owner)
          .map((b) => ({
            motion: b.motion,
            title: words.get(b.motion) ?? b.motion,
            choice: b.choice,
            label: CHOICE_LABEL[b.choice as Choice],
          }))
      : [];
    published = { sha256: d.tally_sha256!, tracker, owner: entry?.owner ?? null, inFile: entry !== null, choices };
  }
  return {
    code: sub.code,
    decision: {
      id: sub.decision_id,
      title: sub.title,
      state: sub.state,
      stateLabel: STATE_LABEL[sub.state],
      publishedOn: sub.published_on,
    },
    channel: sub.channel,
    channelLabel: sub.channel === 'online' ? '网络投票' : '纸质表决票',
    castOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(sub.created_at),
    motions: ballots.map((b) => ({
      code: b.motion_code,
      title: titleOf.get(b.motion_code) ?? b.motion_code,
      status: b.status,
      statusLabel: STATUS_LABEL[b.status] ?? b.status,
    })),
    published,
  };
}
