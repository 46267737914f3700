import { Alert, Card, Table, Tabs, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { useApi } from '../shared/useApi';
import { TrainingTab } from './TrainingTab';
import type { CommitteeSummary } from './types';

/** 物管会运行: every running committee in the caller's scope, with what needs attention. */
export default function CommitteesPage() {
  const list = useApi<{ items: CommitteeSummary[] }>('/api/committees');
  if (list.error) return <Alert type="error" showIcon title={list.error} />;
  return (
    <Card title="物管会（业委会）运行" data-testid="committees-page">
      <Tabs
        items={[
          { key: 'list', label: '委员会', children: list.data && <CommitteeTable items={list.data.items} loading={list.loading} /> },
          { key: 'training', label: '培训（R41）', children: <TrainingTab /> },
        ]}
      />
    </Card>
  );
}

function CommitteeTable({ items, loading }: { items: CommitteeSummary[]; loading: boolean }) {
  return (
    <>
      <Table<CommitteeSummary>
        rowKey={(r) => `${r.kind}-${r.id}`}
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: '权限范围内没有运行中的委员会' }}
        columns={[
          {
            title: '小区',
            render: (_, r) => (
              <Link to={`/committees/${r.kind}/${r.id}`} data-testid={`committee-${r.id}`}>
                {r.estateName}
                {r.kindLabel}
              </Link>
            ),
          },
          { title: '成立日期', render: (_, r) => formatDateZh(r.establishedOn) },
          { title: '成立证明', dataIndex: 'certificateNo' },
          {
            title: '提醒',
            render: (_, r) => (
              <>
                {r.overdueDemands > 0 && <Tag color="red">书面提议逾期未召集{r.overdueDemands}件</Tag>}
                {r.minutesOverdue > 0 && <Tag color="red">会议纪要逾期未公示{r.minutesOverdue}次</Tag>}
                {r.nonCompliant && (
                  <Tag color="red" data-testid={`committee-${r.id}-noncompliant`}>
                    构成不合规（{r.nonCompliant.failures.map((f) => f.rule).join('、')}，
                    {r.nonCompliant.deadline ? `${formatDateZh(r.nonCompliant.deadline)}前整改` : ''}
                    {r.nonCompliant.overdue ? '，已逾期' : ''}）
                  </Tag>
                )}
                {r.pendingReports > 0 && (
                  <Tag color={r.overdueReports ? 'red' : 'orange'}>
                    负面清单待认定{r.pendingReports}件{r.overdueReports ? `（逾期${r.overdueReports}件）` : ''}
                  </Tag>
                )}
                {r.overdueDemands === 0 && r.minutesOverdue === 0 && !r.nonCompliant && r.pendingReports === 0 && (
                  <Tag color="green">正常</Tag>
                )}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
