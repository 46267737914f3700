import { addDays } from '../../core/dates.js';
import { addMonths, quarterOf, quarterRange, type DisclosureItem, type IncomeRow } from '../../core/disclosures.js';
import { loadCalendar } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import { dtrx, type DisclosureTrx } from './tables.js';

const TEXT: Partial<Record<DisclosureItem, string>> = {
  serviceStandard:
    '执行《住宅物业服务等级标准》二级：物业服务中心工作日 8:30–17:30 有人值守，24 小时值班；公共区域保洁每日一次，垃圾日产日清；绿化每月修剪一次。',
  serviceContent: '共用部位和共用设施设备的运行、维修、养护；公共区域保洁、绿化养护；秩序维护与车辆停放管理；装饰装修管理服务；档案管理。',
  feeStandard: '住宅 1.20 元/㎡·月，商业 2.00 元/㎡·月；地上停车管理费 80 元/月。收费依据：物业服务合同第五条。',
  paidServices: '上门维修：人工费 30 元/次（材料另计）；开锁：50 元/次；家政保洁：40 元/小时。价格在物业服务中心同时公示。',
  supervisionPhone: '物业企业投诉：工作日 9:00–17:00；街道物业办监督电话同时公开。',
  partyPledges: '小区党员承诺：每月参加一次楼道清理，带头遵守垃圾分类。',
};

/** Which items an estate's demo board holds and how old they are: 'now' (days ago), 'old' (past due), null (missing). */
type Age = number | null;
const PATTERNS: Partial<Record<DisclosureItem, Age>>[] = [
  // the demo estate: most current, 收费标准 a year and a month old, 服务内容 due within days, 有偿服务内容 missing
  { serviceStandard: 40, serviceContent: -10, feeStandard: 400, supervisionPhone: 90, publicIncome: 0, partyPledges: 60 },
  { serviceStandard: 200, serviceContent: 200, feeStandard: 380, paidServices: 500, supervisionPhone: 30, publicIncome: 120 },
  { supervisionPhone: 5 },
  { serviceStandard: 20, serviceContent: 20, feeStandard: 20, paidServices: 20, supervisionPhone: 20, publicIncome: 0 },
  { serviceStandard: 390, feeStandard: 100, supervisionPhone: 390 },
];
/** Estates no registered company serves: what was carried over from the paper board, mostly out of date. */
const UNSERVED: Partial<Record<DisclosureItem, Age>>[] = [
  { serviceStandard: 420, serviceContent: 420, feeStandard: 150, supervisionPhone: 60, partyPledges: 30 },
  { serviceStandard: 100, feeStandard: 30, supervisionPhone: 200, publicIncome: 200 },
  { feeStandard: 500, supervisionPhone: 500 },
  { serviceStandard: 60, serviceContent: 60, feeStandard: 60, paidServices: 60, supervisionPhone: 60, publicIncome: 0 },
];

function incomeRows(quarter: string, seed: number): IncomeRow[] {
  const r = quarterRange(quarter)!;
  const d = (offset: number) => addDays(r.from, offset);
  return [
    { kind: 'income', date: d(5), title: '电梯轿厢广告收入', amountFen: 360_000 + seed * 1_000 },
    { kind: 'income', date: d(20), title: '公共区域场地租赁（快递柜）', amountFen: 45_050 },
    { kind: 'income', date: d(40), title: '地面停车位收益分成', amountFen: 1_286_033 - seed * 77 },
    { kind: 'expense', date: d(50), title: '单元门禁维修', amountFen: 83_000 },
    { kind: 'expense', date: d(70), title: '公共收益审计及公示费用', amountFen: 12_000 },
  ];
}

async function insertVersion(
  trx: DisclosureTrx,
  estateId: number,
  item: DisclosureItem,
  updatedOn: string,
  createdBy: number | null,
  body: string | null,
  extra: { phone?: string; period?: string } = {},
) {
  const prev = await trx
    .selectFrom('disclosure_version')
    .select('version')
    .where('estate_id', '=', estateId)
    .where('item', '=', item)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return trx
    .insertInto('disclosure_version')
    .values({
      estate_id: estateId,
      item,
      version: (prev?.version ?? 0) + 1,
      source: 'entered',
      body,
      phone: extra.phone ?? null,
      period: extra.period ?? null,
      updated_on: updatedOn,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * The demo street's supervision boards (issue 15): every estate a realistic mix — the first estates
 * the demo company serves mostly current with one item stale and one about to go stale, a newly
 * served estate nearly empty, the estates without a company only what the registry fills; 公共收益支出
 * for the last quarter with an earlier version kept; owners' questions answered, open and overdue.
 * A suspended committee seat shows as such from the committee roster (issue 14). Dates are relative
 * to today, so the mix holds whenever it loads.
 */
export async function loadDemoDisclosures(db: Db, streetId: number): Promise<void> {
  const today = todayInChina();
  const calendar = await loadCalendar(db);
  const account = async (u: string) =>
    (await db.selectFrom('account').select('id').where('username', '=', u).executeTakeFirst())?.id ?? null;
  const [wuye, zhuren, yezhu] = [await account('wuye'), await account('zhuren'), await account('yezhu')];
  const estates = await db
    .selectFrom('org_node as e')
    .innerJoin('org_closure as c', 'c.descendant_id', 'e.id')
    .leftJoin('company_estate as ce', 'ce.estate_id', 'e.id')
    .select(['e.id', 'ce.company_id'])
    .where('c.ancestor_id', '=', streetId)
    .where('e.kind', '=', 'estate')
    .orderBy('e.id')
    .execute();
  await inTransaction(db, async (t) => {
    const trx = dtrx(t);
    let served = 0;
    let unserved = 0;
    for (const e of estates) {
      const pattern = e.company_id ? PATTERNS[served++ % PATTERNS.length]! : UNSERVED[unserved++ % UNSERVED.length]!;
      for (const [key, age] of Object.entries(pattern) as [DisclosureItem, Age][]) {
        if (age === null) continue;
        // a negative age: the item goes stale in that many days (updated a year ago less those days)
        const updatedOn = age < 0 ? addDays(addMonths(today, -12), -age) : addDays(today, -age);
        const by = key === 'partyPledges' ? zhuren : e.company_id ? wuye : null;
        if (key === 'publicIncome') {
          // the statement of the quarter before `updatedOn`'s, published early in that quarter, and the one before it kept as history
          const published = quarterRange(quarterOf(updatedOn))!.from;
          const last = quarterOf(addDays(published, -1));
          const before = quarterOf(addDays(quarterRange(last)!.from, -1));
          for (const [q, on] of [
            [before, addDays(quarterRange(last)!.from, 8)],
            [last, addDays(published, 8)],
          ] as const) {
            const v = await insertVersion(
              trx,
              e.id,
              key,
              on > today ? today : on,
              by,
              '公共收益收支按季度公示，原始凭证可在物业服务中心查阅。',
              { period: q },
            );
            await trx
              .insertInto('disclosure_income_row')
              .values(
                incomeRows(q, e.id % 7).map((r, p) => ({
                  version_id: v.id,
                  position: p,
                  kind: r.kind,
                  on_date: r.date,
                  title: r.title,
                  amount_fen: r.amountFen,
                  note: null,
                })),
              )
              .execute();
          }
          continue;
        }
        if (key === 'feeStandard' && age > 300) await insertVersion(trx, e.id, key, addDays(updatedOn, -365), by, '住宅 1.10 元/㎡·月。');
        await insertVersion(trx, e.id, key, updatedOn, by, TEXT[key] ?? null, key === 'supervisionPhone' ? { phone: '0535-6218800' } : {});
      }
    }
    // owners' questions on the first estate: answered on time, answered late, open
    const first = estates.find((e) => e.company_id)?.id;
    if (first && yezhu) {
      const ask = async (item: DisclosureItem, question: string, daysAgo: number, answer: string | null, answerLate = false) => {
        const asked = addDays(today, -daysAgo);
        const due = calendar.addWorkdays(asked, 5);
        await trx
          .insertInto('disclosure_question')
          .values({
            estate_id: first,
            item,
            asker_account_id: yezhu,
            question,
            asked_on: asked,
            due_on: due.date,
            due_calendar_complete: due.calendarComplete,
            answer,
            answered_by: answer ? wuye : null,
            answered_on: answer ? (answerLate ? addDays(due.date, 2) : asked) : null,
          })
          .execute();
      };
      await ask('publicIncome', '电梯广告收入比上季度少了，是什么原因？', 30, '一部电梯广告合同到期未续，新合同已于下月签订。');
      await ask('feeStandard', '停车管理费的收费依据是什么？', 60, '依据物业服务合同第五条及区发改部门备案的收费标准。', true);
      await ask('serviceStandard', '保洁每天一次是否符合二级标准？', 1, null);
    }
  });
}
