import { formatDateZh } from '../../core/dates.js';
import type { OfficialDocument } from '../documents/official-document.js';
import type { overview } from '../overview/queries.js';
import type { communityAssessment } from './queries.js';

type Overview = Awaited<ReturnType<typeof overview>>;
type Assessment = Awaited<ReturnType<typeof communityAssessment>> | null;

const NUM = ['一', '二', '三', '四', '五', '六'];

const sentence = (f: Overview['figures'][number]) =>
  f.kind === 'rate'
    ? `${f.label}${f.rule ? `（${f.rule}）` : ''}：${f.ofLabel}${f.of}，${f.valueLabel}${f.value}${f.rate === null ? '' : `，占${f.rate}%`}。`
    : `${f.label}${f.rule ? `（${f.rule}）` : ''}：${f.value}${f.kind === 'problems' && f.of ? `（共${f.of}）` : ''}。`;

/**
 * 情况通报 (monthly) and 年度工作总结 (year-end) for the street (issue 18 §3): the overview's figures,
 * the children's standing, the problems by name, and — at year end — the community assessment.
 * Every number is the dashboard's; the text says as of which day it was counted.
 */
export function reportDocument(kind: 'monthly' | 'annual', o: Overview, a: Assessment, issuer: string): OfficialDocument {
  const where = o.node?.name ?? '我的范围';
  const title =
    kind === 'monthly'
      ? `关于${o.today.slice(0, 4)}年${Number(o.today.slice(5, 7))}月物业管理委员会组建运行情况的通报`
      : `${where}${o.year}年度物业管理委员会组建运行工作总结`;
  const paragraphs: string[] = [];
  let h = 0;
  const plan = o.plans[0];
  paragraphs.push(
    `截至${formatDateZh(o.today)}，${where}物业管理委员会组建运行有关情况通报如下${plan ? `（实施方案“${plan.name}”，完成期限${formatDateZh(plan.deadline)}）` : ''}。`,
  );
  paragraphs.push(`${NUM[h++]}、总体情况`);
  for (const f of o.figures) paragraphs.push(sentence(f));
  paragraphs.push(`${NUM[h++]}、各${o.children[0]?.kindLabel ?? '单位'}情况`);
  for (const c of o.children) {
    const parts = o.figures
      .filter((f) => f.kind === 'rate' || f.kind === 'problems')
      .map((f) => {
        const k = f.byChild.find((x) => x.id === c.id)!;
        return f.kind === 'rate' ? `${f.label}${k.value}/${k.of}` : `${f.label}${k.value}`;
      });
    paragraphs.push(`${c.name}：${parts.join('，')}。`);
  }
  const problems = o.figures.filter((f) => f.kind === 'problems' && f.value > 0);
  const behind = o.figures.filter((f) => f.kind === 'rate' && f.rate !== null && f.rate < 100);
  paragraphs.push(`${NUM[h++]}、存在问题`);
  if (!problems.length && !behind.length) paragraphs.push('各项指标均已达标。');
  for (const f of problems) paragraphs.push(`${f.label}${f.value}项，请相关社区按期整改（明细见附表）。`);
  for (const f of behind) {
    const low = f.byChild.filter((k) => k.rate !== null && k.rate < 100).map((k) => `${k.name}${k.rate}%`);
    if (low.length) paragraphs.push(`${f.label}未达100%：${low.join('、')}。`);
  }
  if (kind === 'annual' && a) {
    paragraphs.push(`${NUM[h++]}、社区目标考核`);
    for (const c of [...a.communities].sort((x, y) => x.rank - y.rank)) paragraphs.push(`第${c.rank}名 ${c.name}：${c.explanation}。`);
  }
  paragraphs.push(`${NUM[h]}、有关要求`);
  paragraphs.push('请各社区对照本通报所列问题，逐项明确责任人和完成时限，并于下月通报前在平台上完成整改登记。');
  return { title, recipient: kind === 'monthly' ? '各社区：' : null, paragraphs, issuer, date: o.today };
}
