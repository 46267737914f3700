import { LeftOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Skeleton, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import { errorMessage } from '../shared/feedback';
import { todayInChina } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import { DayModal } from './DayModal';
import { DeadlineTool } from './DeadlineTool';
import { MonthGrid } from './MonthGrid';
import { YearsCard } from './YearsCard';
import type { CalendarDay, CalendarMonth, CalendarYears } from './types';
import './calendar.css';

/** 工作日历: the month with its holidays and make-up working days, the years entered, a deadline calculator. */
export default function CalendarPage() {
  const { can } = useSession();
  const manager = can('calendar.manage');
  const mobile = useIsMobile();
  const today = todayInChina();
  const [ym, setYm] = useState(() => ({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }));
  const [month, setMonth] = useState<CalendarMonth | null>(null);
  const [monthError, setMonthError] = useState<string | null>(null);
  const [years, setYears] = useState<CalendarYears | null>(null);
  const [yearsError, setYearsError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [picked, setPicked] = useState<CalendarDay | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  const monthRef = useRef<HTMLDivElement>(null);
  /** Shows a month picked further down the page (a year, a computed deadline). */
  const jump = (year: number, month: number) => {
    setYm({ year, month });
    monthRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  useEffect(() => {
    let live = true;
    api.get<CalendarMonth>('/api/calendar/month', { year: ym.year, month: ym.month }).then(
      (m) => {
        if (!live) return;
        setMonth(m);
        setMonthError(null);
      },
      (e: unknown) => live && setMonthError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [ym, version]);

  useEffect(() => {
    let live = true;
    api.get<CalendarYears>('/api/calendar/years').then(
      (y) => {
        if (!live) return;
        setYears(y);
        setYearsError(null);
      },
      (e: unknown) => live && setYearsError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  const shift = (delta: number) =>
    setYm(({ year, month }) => {
      const m = year * 12 + (month - 1) + delta;
      return { year: Math.floor(m / 12), month: (m % 12) + 1 };
    });
  const showDate = (date: string) => setYm({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) });

  const workdays = month?.days.filter((d) => d.isWorkday).length ?? 0;
  const holidays = month?.days.filter((d) => d.kind === 'holiday').length ?? 0;
  const loadingMonth = !!month && (month.year !== ym.year || month.month !== ym.month) && !monthError;

  const monthCard = (
    <Card
      size={mobile ? 'small' : 'default'}
      className="cal-month-card"
      title={
        <div className="cal-month-bar">
          <Button icon={<LeftOutlined />} onClick={() => shift(-1)} aria-label="上个月" data-testid="calendar-prev" />
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(new Date(ym.year, ym.month - 1, 1))}
            format="YYYY年M月"
            onChange={(d) => d && setYm({ year: d.year(), month: d.month() + 1 })}
            className="cal-month-picker"
            data-testid="calendar-month-picker"
          />
          <Button icon={<RightOutlined />} onClick={() => shift(1)} aria-label="下个月" data-testid="calendar-next" />
          <Button onClick={() => showDate(today)} data-testid="calendar-today">
            本月
          </Button>
        </div>
      }
      extra={
        !mobile && month ? (
          <span className="muted" data-testid="calendar-month-summary">
            工作日 {workdays} 天{holidays ? ` · 法定节假日 ${holidays} 天` : ''}
          </span>
        ) : null
      }
    >
      {month?.warning && (
        <Alert type="warning" showIcon title={month.warning} style={{ marginBottom: 12 }} data-testid="calendar-warning" />
      )}
      {monthError ? (
        <Alert type="error" showIcon title="无法加载月历" description={monthError} data-testid="calendar-error" />
      ) : !month ? (
        <Skeleton active />
      ) : (
        <Spin spinning={loadingMonth}>
          <MonthGrid days={month.days} today={today} highlight={highlight} onPick={manager ? setPicked : undefined} />
        </Spin>
      )}
      <div className="cal-legend">
        <span>
          <span className="cal-swatch cal-swatch-holiday">休</span>法定节假日
        </span>
        <span>
          <span className="cal-swatch cal-swatch-makeup">班</span>调休上班日
        </span>
        <span>
          <span className="cal-swatch cal-swatch-weekend" />
          周末休息日
        </span>
        {manager && <span className="muted">点击日期可登记或删除</span>}
      </div>
    </Card>
  );

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4}>工作日历</Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label="刷新" data-testid="calendar-reload" />
        </Space>
      </div>
      {years?.reminder && (
        <Alert
          type="warning"
          showIcon
          banner={mobile}
          style={{ marginBottom: 16 }}
          title={<strong>年度节假日安排待录入</strong>}
          description={years.reminder}
          data-testid="calendar-reminder"
        />
      )}
      <div className={`cal-layout${mobile ? ' cal-layout-mobile' : ''}`}>
        <div className="cal-main" ref={monthRef}>
          {monthCard}
        </div>
        <div className="cal-side">
          <Card size="small" title="期限计算" data-testid="deadline-card">
            <DeadlineTool
              today={today}
              onShow={(date) => {
                setHighlight(date);
                jump(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
              }}
            />
          </Card>
        </div>
      </div>
      <YearsCard
        years={years}
        error={yearsError}
        today={today}
        manager={manager}
        onView={(year) => setYm({ year, month: 1 })}
        onChanged={reload}
      />
      {picked && <DayModal day={picked} onClose={() => setPicked(null)} onChanged={reload} />}
    </div>
  );
}
