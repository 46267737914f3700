import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api';
import { modal, showError, toast } from '../shared/feedback';
import { useIsMobile } from '../shared/useIsMobile';
import { SOURCE_LABEL, type CalendarYear, type CalendarYears } from './types';

interface YearRow extends CalendarYear {
  /** no calendar_year row yet: shown so that a manager can mark it once entered */
  missing?: boolean;
}

/**
 * 年度录入情况: each year's holidays and make-up days, entered or not; who keeps the calendar (the
 * district admin, issue 13), and for them the button that marks a year entered.
 */
export function YearsCard({
  years,
  error,
  today,
  manager,
  onView,
  onChanged,
}: {
  years: CalendarYears | null;
  error: string | null;
  today: string;
  manager: boolean;
  onView(year: number): void;
  onChanged(): void;
}) {
  const mobile = useIsMobile();
  const [marking, setMarking] = useState<number | null>(null);
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
          onChanged();
        } catch (e) {
          showError(e);
        } finally {
          setMarking(null);
        }
      },
    });
  }

  const yearColumns: TableColumnsType<YearRow> = [
    {
      title: '年度',
      dataIndex: 'year',
      key: 'year',
      width: mobile ? undefined : 90,
      render: (y: number) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onView(y)} data-testid={`calendar-year-view-${y}`}>
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

  return (
    <Card size={mobile ? 'small' : 'default'} title="年度录入情况" style={{ marginTop: 16 }} data-testid="calendar-years">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }} data-testid="calendar-keeper">
        工作日历是全区各街道共用的国家法定节假日安排，由区级管理员维护：每年国务院办公厅发布下一年度安排后，逐日登记法定节假日和调休上班日，再标记该年度为已录入。未录入的年度按周一至周五推算。
        {!manager && '如发现日历有误，请联系区级管理员更正。'}
      </Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title="无法加载年度列表" description={error} />
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
  );
}
