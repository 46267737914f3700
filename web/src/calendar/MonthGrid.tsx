import { formatDateZh } from '../../../core/dates';
import { DAY_KIND_LABEL, DAY_KIND_SHORT, type CalendarDay } from './types';

/** Chinese calendars start the week on Monday. */
const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];
export const WEEKDAY_NAME = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

function describe(d: CalendarDay): string {
  const base = `${formatDateZh(d.date)} ${WEEKDAY_NAME[d.weekday]}`;
  if (d.kind) return `${base}：${DAY_KIND_LABEL[d.kind]}${d.name ? `（${d.name}）` : ''}`;
  return `${base}：${d.isWorkday ? '工作日' : '休息日'}`;
}

/**
 * One month as a Monday-first grid: 法定节假日 red with 休, 调休上班日 with 班, ordinary weekends
 * grey. With `onPick` every day is a button (calendar managers enter or remove a day's entry).
 */
export function MonthGrid({
  days,
  today,
  highlight,
  onPick,
}: {
  days: CalendarDay[];
  today: string;
  /** a date to point out (the result of the deadline calculator) */
  highlight?: string | null;
  onPick?: (day: CalendarDay) => void;
}) {
  const first = days[0];
  const lead = first ? (first.weekday + 6) % 7 : 0;
  const cells: (CalendarDay | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);

  return (
    <div className="cal-grid" role="grid" data-testid="calendar-grid">
      {WEEK_HEAD.map((w, i) => (
        <div key={w} className={`cal-head${i >= 5 ? ' cal-head-weekend' : ''}`} role="columnheader">
          {w}
        </div>
      ))}
      {cells.map((d, i) => {
        if (!d) return <div key={`blank-${i}`} className="cal-cell cal-blank" aria-hidden />;
        const weekend = d.weekday === 0 || d.weekday === 6;
        const cls = [
          'cal-cell',
          d.kind === 'holiday' ? 'cal-holiday' : d.kind === 'makeUpWorkday' ? 'cal-makeup' : weekend ? 'cal-weekend' : 'cal-workday',
          d.date === today ? 'cal-today' : '',
          d.date === highlight ? 'cal-highlight' : '',
          onPick ? 'cal-pickable' : '',
        ]
          .filter(Boolean)
          .join(' ');
        const content = (
          <>
            <span className="cal-num">{Number(d.date.slice(8))}</span>
            {d.kind && <span className={`cal-badge cal-badge-${d.kind}`}>{DAY_KIND_SHORT[d.kind]}</span>}
            {d.name && <span className="cal-name">{d.name}</span>}
          </>
        );
        const common = {
          className: cls,
          title: describe(d),
          'aria-label': describe(d),
          'data-testid': `calendar-day-${d.date}`,
          'data-kind': d.kind ?? (d.isWorkday ? 'workday' : 'weekend'),
        };
        return onPick ? (
          <button key={d.date} type="button" {...common} onClick={() => onPick(d)}>
            {content}
          </button>
        ) : (
          <div key={d.date} role="gridcell" {...common}>
            {content}
          </div>
        );
      })}
    </div>
  );
}
