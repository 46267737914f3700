import { CREDIT_INPUT_LABEL, CREDIT_INPUTS } from '../../../core/credit';
import { renewalLabel } from '../../../core/disclosures';
import { DIRECTOR_RULE_LABEL, SPOILED_RULE_LABEL, type PeriodSpec, type RuleProfile, type Share } from '../../../core/rule-profile';

const shareText = (s: Share) => (s.num === 1 && s.den === 2 ? '二分之一' : `${s.den}分之${s.num}`);
export const periodText = (p: PeriodSpec) => `${p.days}${p.unit === 'workdays' ? '个工作日' : '日'}`;

/** The values of a rule profile as Chinese sentences, each citing its rule. */
export function profileLines(p: RuleProfile): { rule: string; text: string }[] {
  const { min, max, odd } = p.size;
  return [
    { rule: 'R22', text: `委员人数${max === null ? `不少于${min}人` : `${min}至${max}人`}${odd ? '，且为单数' : ''}` },
    { rule: 'R23', text: `业主代表不少于委员人数的${shareText(p.ownerRepresentatives)}` },
    { rule: 'R24', text: p.partyMembers ? `党员不少于委员人数的${shareText(p.partyMembers)}` : '不设党员比例要求' },
    {
      rule: 'R25',
      text: `主任由${DIRECTOR_RULE_LABEL[p.director]}担任${p.deputyMustBeOwnerRepresentative ? '，副主任中应有一名业主代表' : ''}`,
    },
    { rule: 'R27', text: `组建公告公示不少于${periodText(p.announcementPeriod)}` },
    { rule: 'R29', text: `委员名单公示不少于${periodText(p.memberListPeriod)}` },
    { rule: 'R30', text: `书面异议自收到之日起${p.objectionVerifyWorkdays}个工作日内核查完毕` },
    { rule: 'R33', text: p.termYears === null ? '不设任期' : `任期不超过${p.termYears}年，届满未产生业委会的重新组建` },
    { rule: 'R14', text: `表决事项提前${p.voteNoticeDays}日公告` },
    { rule: 'R17', text: `表决期${p.votingPeriodDays.min}至${p.votingPeriodDays.max}日` },
    ...(p.spoiledBallots ? [{ rule: 'R10', text: `纸质表决票中的${SPOILED_RULE_LABEL[p.spoiledBallots]}（每次表决可另定）` }] : []),
    // Issue 15: absent from profiles snapshotted into cases before the settings existed
    ...(p.disclosure
      ? [
          {
            rule: 'R38',
            text: `十公开：公共收益支出${renewalLabel(p.disclosure.renewal.publicIncome)}，服务标准等${renewalLabel(p.disclosure.renewal.serviceStandard)}；到期前${p.disclosure.remindWorkdaysBefore}个工作日提醒负责方；业主质询${p.disclosure.answerWorkdays}个工作日内答复`,
          },
        ]
      : []),
    ...(p.credit
      ? [
          {
            rule: 'R39',
            text: `物业企业信用：${CREDIT_INPUTS.map((i) => `${CREDIT_INPUT_LABEL[i]}${p.credit.weights[i]}`).join('、')}（权重）；等级 ${p.credit.bands.map((b) => `${b.grade}≥${b.min}`).join('，')}`,
          },
        ]
      : []),
  ];
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
