import { ATTEND_MODE_LABEL, CONVENED_BY_LABEL, RESOLUTION_STATE_LABEL } from '../../core/committee.js';
import { formatDateZh } from '../../core/dates.js';
import type { OfficialDocument } from '../documents/official-document.js';
import type { MeetingDetail } from './queries.js';

/** The paragraphs of a committee meeting's minutes and resolutions: the .docx and the public notice say the same. */
export function minutesParagraphs(m: MeetingDetail): string[] {
  const present = m.members.filter((x) => x.present);
  const absent = m.members.filter((x) => !x.present);
  const q = m.quorum;
  return [
    `${formatDateZh(m.heldOn)}，${m.committee.estateName}${m.committee.kindLabel}召开会议（${CONVENED_BY_LABEL[m.convenedBy]}）${m.location ? `，地点：${m.location}` : ''}。`,
    `全体委员${q.members}人，出席${q.present}人（其中业主代表${q.ownerRepresentativesPresent}人，业主代表共${q.ownerRepresentatives}人）：${present.map((x) => `${x.name}（${x.mode ? ATTEND_MODE_LABEL[x.mode] : ''}${x.proxy ? `，委托${x.proxy}` : ''}）`).join('、') || '无'}。${absent.length ? `未出席：${absent.map((x) => `${x.name}${x.suspended ? '（暂停履职）' : ''}`).join('、')}。` : ''}${q.quorate ? '出席人数符合规定。' : `出席人数不足：${q.reasons.join('；')}。`}`,
    '一、会议议题',
    ...(m.agenda.length ? m.agenda.map((a, i) => `${i + 1}. ${a}`) : ['（无）']),
    '二、会议纪要',
    ...(m.minutes ?? '').split(/\n+/).filter(Boolean),
    '三、会议决议',
    ...(m.resolutions.length
      ? m.resolutions.map(
          (r, i) =>
            `${i + 1}. ${r.title}：${r.text}（${RESOLUTION_STATE_LABEL[r.state]}${
              r.state === 'toOwners' ? '，依法提交业主共同决定' : `，全体委员${r.adoption.members}人，签字${r.adoption.signed}人`
            }）`,
        )
      : ['（无）']),
  ];
}

/** The minutes (会议纪要) in official format. */
export function minutesDocument(m: MeetingDetail): OfficialDocument {
  return {
    title: `${m.committee.estateName}${m.committee.kindLabel}${m.title}会议纪要`,
    paragraphs: minutesParagraphs(m),
    issuer: `${m.committee.estateName}${m.committee.kindLabel}`,
    date: m.heldOn,
    mark: m.state === 'held' ? null : '会议尚未召开',
  };
}
