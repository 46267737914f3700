import { Card, Empty, List, Select, Space, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { formatDateZh } from '../../../core/dates';
import type { GovernanceStatusCode } from '../../../core/formation';
import { compareNames } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import { Actions, type EstateAction } from './GovernanceActions';
import { CaseProgress, CommitteeTerm, DeadlineText, NextStep, ReasonText, StatusTag } from './GovernanceCells';
import type { GovernanceEstate } from './types';

export const STATUS_FILTERS: { status: GovernanceStatusCode; label: string }[] = [
  { status: 'pending', label: '待组建' },
  { status: 'formingPmc', label: '组建中' },
  { status: 'pmcRunning', label: '运行中' },
  { status: 'ownersCommittee', label: '业委会' },
  { status: 'notNeeded', label: '不需组建' },
  { status: 'committeeExpired', label: '届满/缺位' },
];

/**
 * The estates of 小区治理与组建, filtered by status and community, those still needing a PMC first.
 * On a desktop a table whose first column (the estate) and last (its actions) stay in place while
 * the middle scrolls: at 1366 or 1440 px every row's 启动组建 is on screen (issue 13).
 */
export function GovernanceEstates({
  estates,
  loading,
  status,
  onStatus,
  planDeadline,
  today,
  onAction,
}: {
  estates: GovernanceEstate[];
  loading: boolean;
  status: GovernanceStatusCode | 'needsPmc' | 'all';
  onStatus(s: GovernanceStatusCode | 'needsPmc' | 'all'): void;
  planDeadline: string | null;
  today: string;
  onAction(kind: EstateAction, e: GovernanceEstate): void;
}) {
  const mobile = useIsMobile();
  const [community, setCommunity] = useState<string | 'all'>('all');
  const communities = useMemo(() => [...new Set(estates.map((e) => e.communityName ?? '（未归属社区）'))].sort(compareNames), [estates]);
  const shown = useMemo(() => {
    const list = estates.filter(
      (e) =>
        (status === 'all' || (status === 'needsPmc' ? e.needsPmc : e.status === status)) &&
        (community === 'all' || (e.communityName ?? '（未归属社区）') === community),
    );
    // Estates that still need a PMC first, the closest to (or furthest past) the deadline first.
    return list.sort(
      (a, b) =>
        Number(b.needsPmc) - Number(a.needsPmc) ||
        Number(b.overdue) - Number(a.overdue) ||
        (a.daysToDeadline ?? Infinity) - (b.daysToDeadline ?? Infinity) ||
        compareNames(a.communityName ?? '', b.communityName ?? '') ||
        compareNames(a.name, b.name),
    );
  }, [estates, status, community]);
  const needCount = estates.filter((e) => e.needsPmc).length;

  const columns: TableColumnsType<GovernanceEstate> = [
    {
      title: '小区',
      key: 'estate',
      width: 130,
      fixed: 'left',
      render: (_: unknown, e) => (
        <div>
          <div>{e.name}</div>
          <div className="muted" style={{ fontSize: 12 }}>
            {e.communityName}
          </div>
        </div>
      ),
    },
    { title: '治理状态', key: 'status', width: 160, render: (_: unknown, e) => <StatusTag e={e} /> },
    { title: '组建原因（R26）', key: 'reason', width: 140, render: (_: unknown, e) => <ReasonText e={e} /> },
    { title: '组建进度', key: 'progress', width: 140, render: (_: unknown, e) => <CaseProgress e={e} /> },
    { title: '下一步', key: 'next', width: 170, render: (_: unknown, e) => <NextStep e={e} today={today} /> },
    { title: '任期', key: 'term', width: 140, render: (_: unknown, e) => <CommitteeTerm e={e} /> },
    { title: '距方案期限', key: 'deadline', width: 90, render: (_: unknown, e) => <DeadlineText days={e.daysToDeadline} /> },
    {
      title: '操作',
      key: 'actions',
      width: 124,
      fixed: 'right',
      render: (_: unknown, e) => <Actions e={e} onAction={onAction} />,
    },
  ];

  return (
    <Card size={mobile ? 'small' : 'default'} title={`小区（需组建物管会 ${needCount} 个）`} data-testid="governance-estates">
      <div className="gov-filters">
        <Select
          value={status}
          onChange={onStatus}
          style={{ width: 170 }}
          options={[
            { value: 'all', label: '全部状态' },
            { value: 'needsPmc', label: '需组建物管会' },
            ...STATUS_FILTERS.map((s) => ({ value: s.status, label: s.label })),
          ]}
          data-testid="governance-filter-status"
        />
        <Select
          value={community}
          onChange={setCommunity}
          style={{ width: 170 }}
          options={[{ value: 'all', label: '全部社区' }, ...communities.map((c) => ({ value: c, label: c }))]}
          data-testid="governance-filter-community"
        />
      </div>
      {mobile ? (
        <List<GovernanceEstate>
          loading={loading}
          dataSource={shown}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的小区" /> }}
          renderItem={(e) => (
            <List.Item key={e.id} data-testid={`governance-estate-${e.id}`}>
              <div className="gov-estate-item">
                <Space size={4} wrap>
                  <strong>{e.name}</strong>
                  <StatusTag e={e} />
                  {e.daysToDeadline !== null && <DeadlineText days={e.daysToDeadline} />}
                </Space>
                <div className="muted gov-line">
                  {e.communityName}
                  {e.reasonLabel && ` · ${e.reasonLabel}`}
                </div>
                {(e.caseId !== null || e.committee) && (
                  <div className="gov-line">
                    <CaseProgress e={e} />
                  </div>
                )}
                {e.nextStep && (
                  <div className="gov-line">
                    <NextStep e={e} today={today} />
                  </div>
                )}
                {(e.committee || e.committeeTermEnd) && (
                  <div className="gov-line">
                    <CommitteeTerm e={e} />
                  </div>
                )}
                <div className="gov-line">
                  <Actions e={e} onAction={onAction} />
                </div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<GovernanceEstate>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={shown}
          loading={loading}
          scroll={{ x: 1094 }}
          pagination={shown.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
          locale={{ emptyText: '没有符合条件的小区' }}
          onRow={(e) => ({ 'data-testid': `governance-estate-${e.id}` }) as HTMLAttributes<HTMLTableRowElement>}
          data-testid="governance-table"
        />
      )}
      {planDeadline && (
        <p className="muted" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          <Tooltip title="R42：不能成立业委会的小区，应在实施方案期限前成立物管会">
            距方案期限按 {formatDateZh(planDeadline)} 计算。
          </Tooltip>
        </p>
      )}
    </Card>
  );
}
