import { formatDateZh } from '../../core/dates.js';
import type { OfficialDocument } from '../documents/official-document.js';
import type { meetingDetail } from './queries.js';

type Meeting = Awaited<ReturnType<typeof meetingDetail>>;

/** The minutes (会议纪要) of a held meeting in official format: who came, the agenda, the minutes, the resolutions and their tasks. */
export function minutesDocument(m: Meeting, issuer: string): OfficialDocument {
  const present = m.members.filter((x) => x.present);
  const absent = m.members.filter((x) => x.present === false);
  const p = [
    `${formatDateZh(m.heldOn)}，${m.convenor ?? ''}召集${m.body.kindLabel}${m.location ? `，地点：${m.location}` : ''}。`,
    `出席单位：${present.map((x) => `${x.organisation}${x.attendee ? `（${x.attendee}）` : ''}`).join('、') || '无'}。${absent.length ? `缺席单位：${absent.map((x) => x.organisation).join('、')}。` : ''}`,
    '一、会议议题',
    ...(m.agenda.length ? m.agenda.map((a, i) => `${i + 1}. ${a.title}${a.note ? `（${a.note}）` : ''}`) : ['（无）']),
    '二、会议纪要',
    ...(m.minutes ?? '').split(/\n+/).filter(Boolean),
    '三、会议决议及交办任务',
    ...(m.resolutions.length
      ? m.resolutions.flatMap((r, i) => [
          `${i + 1}. ${r.text}`,
          ...r.tasks.map(
            (t) =>
              `　　交办：${t.organisation}${t.assignee ? `（${t.assignee}）` : ''}——${t.title}，${t.dueWorkdays}个工作日内（${formatDateZh(t.dueOn)}前）办结。`,
          ),
        ])
      : ['（无）']),
  ];
  return { title: `${m.title}会议纪要`, paragraphs: p, issuer, date: m.heldOn, mark: m.state === 'held' ? null : '会议尚未召开' };
}
