import { LeftOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Skeleton, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import { errorMessage, modal, showError, toast } from '../shared/feedback';
import { todayInChina } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import { DayModal } from './DayModal';
import { DeadlineTool } from './DeadlineTool';
import { MonthGrid } from './MonthGrid';
import { SOURCE_LABEL, type CalendarDay, type CalendarMonth, type CalendarYear, type CalendarYears } from './types';
import './calendar.css';

interface YearRow extends CalendarYear {
  /** no calendar_year row yet: shown so that a manager can mark it once entered */
  missing?: boolean;
}

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
  const [marking, setMarking] = useState<number | null>(null);
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

  // This year and next are listed even before they have a row, so that the gap is visible.
  const yearRows = useMemo<YearRow[]>(() => {
    if (!years) return [];
    const rows: YearRow[] = [...years.years];
    const thisYear = Number(today.slice(0, 4));
    for (const y of [thisYear, thisYear + 1]) {
      if (!rows.some((r) => r.year === y))
        rows.push({ year: y, complete: false, source: '', holidays: 0, makeUpWorkdays: 0, missing: true });
    }
    return rows.sort((a, b) => b.year - a.year);
  }, [years, today]);

  function markYear(row: YearRow, complete: boolean) {
    modal().confirm({
      title: complete ? `将${row.year}年度标记为已录入？` : `将${row.year}年度改为未录入？`,
      content: complete
        ? `请确认已按国务院办公厅通知逐日登记${row.year}年全部法定节假日和调休上班日。标记后，涉及该年度的期限按登记的安排计算，不再提示“尚未录入”。`
        : `改为未录入后，涉及${row.year}年度的期限将提示“节假日安排尚未录入”。`,
      okText: complete ? '标记已录入' : '改为未录入',
      cancelText: '取消',
      okButtonProps: { danger: !complete, 'data-testid': 'confirm-ok' },
      cancelButtonProps: { 'data-testid': 'confirm-cancel' },
      onOk: async () => {
        setMarking(row.year);
        try {
          await api.put(`/api/calendar/years/${row.year}`, { complete });
          toast('success', complete ? `${row.year}年度已标记为已录入` : `${row.year}年度已改为未录入`);
          reload();
        } catch (e) {
          showError(e);
        } finally {
          setMarking(null);
        }
      },
    });
  }

  const workdays = month?.days.filter((d) => d.isWorkday).length ?? 0;
  const holidays = month?.days.filter((d) => d.kind === 'holiday').length ?? 0;
  const loadingMonth = !!month && (month.year !== ym.year || month.month !== ym.month) && !monthError;

  const yearColumns: TableColumnsType<YearRow> = [
    {
      title: '年度',
      dataIndex: 'year',
      key: 'year',
      width: mobile ? undefined : 90,
      render: (y: number) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => setYm({ year: y, month: 1 })}
          data-testid={`calendar-year-view-${y}`}
        >
          {y}年
        </Button>
      ),
    },
    {
      title: '状态',
      key: 'complete',
      width: mobile ? undefined : 100,
      render: (_: unknown, r: YearRow) =>
        r.complete ? (
          <Tag color="success" data-testid={`calendar-year-state-${r.year}`}>
            已录入
          </Tag>
        ) : (
          <Tag color="error" data-testid={`calendar-year-state-${r.year}`}>
            未录入
          </Tag>
        ),
    },
    {
      title: mobile ? '节假日' : '法定节假日',
      key: 'holidays',
      width: mobile ? undefined : 100,
      render: (_: unknown, r: YearRow) => (r.missing ? <span className="muted">—</span> : `${r.holidays}${mobile ? '' : ' '}天`),
    },
    {
      title: mobile ? '调休' : '调休上班日',
      key: 'makeUp',
      width: mobile ? undefined : 100,
      render: (_: unknown, r: YearRow) => (r.missing ? <span className="muted">—</span> : `${r.makeUpWorkdays}${mobile ? '' : ' '}天`),
    },
    ...(mobile
      ? []
      : [
          {
            title: '来源',
            key: 'source',
            render: (_: unknown, r: YearRow) =>
              r.missing ? <span className="muted">尚无记录</span> : (SOURCE_LABEL[r.source] ?? r.source),
          },
        ]),
    ...(manager
      ? [
          {
            title: '操作',
            key: 'actions',
            width: mobile ? undefined : 120,
            render: (_: unknown, r: YearRow) => (
              <Button
                size="small"
                type={r.complete ? 'default' : 'primary'}
                ghost={!r.complete}
                loading={marking === r.year}
                onClick={() => markYear(r, !r.complete)}
                data-testid={`calendar-year-mark-${r.year}`}
              >
                {r.complete ? (mobile ? '撤销' : '改为未录入') : mobile ? '标记' : '标记已录入'}
              </Button>
            ),
          },
        ]
      : []),
  ];

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
      <Card size={mobile ? 'small' : 'default'} title="年度录入情况" style={{ marginTop: 16 }} data-testid="calendar-years">
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }} data-testid="calendar-keeper">
          工作日历是全区各街道共用的国家法定节假日安排，由区级管理员维护：每年国务院办公厅发布下一年度安排后，逐日登记法定节假日和调休上班日，再标记该年度为已录入。未录入的年度按周一至周五推算。
          {!manager && '如发现日历有误，请联系区级管理员更正。'}
        </Typography.Paragraph>
        {yearsError ? (
          <Alert type="error" showIcon title="无法加载年度列表" description={yearsError} />
        ) : (
          <Table<YearRow>
            rowKey="year"
            size="small"
            columns={yearColumns}
            dataSource={yearRows}
            loading={!years}
            pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true, showSizeChanger: false }}
            rowClassName={(r) => (r.complete ? '' : 'cal-year-missing')}
            locale={{ emptyText: '暂无年度' }}
          />
        )}
      </Card>
      {picked && <DayModal day={picked} onClose={() => setPicked(null)} onChanged={reload} />}
    </div>
  );
}
