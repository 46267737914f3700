import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import type { CommitteeSummary } from './types';

/** PMCs keep their plain test id; an owners' committee's carries its kind (the ids are per kind). */
const testId = (r: CommitteeSummary) => (r.kind === 'pmc' ? `committee-${r.id}` : `committee-${r.kind}-${r.id}`);

/** The committees in scope with their reminders: demands and minutes overdue, 构成不合规, negative-list reports. */
export function CommitteeTable({ items, loading }: { items: CommitteeSummary[]; loading: boolean }) {
  return (
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
            <Link to={`/committees/${r.kind}/${r.id}`} data-testid={testId(r)}>
              {r.estateName}
              {r.kindLabel}
            </Link>
          ),
        },
        { title: '成立日期', render: (_, r) => formatDateZh(r.establishedOn) },
        { title: '成立证明', render: (_, r) => r.certificateNo ?? '—' },
        { title: '委员', dataIndex: 'members' },
        {
          title: '提醒',
          render: (_, r) => (
            <>
              {r.overdueDemands > 0 && <Tag color="red">书面提议逾期未召集{r.overdueDemands}件</Tag>}
              {r.minutesOverdue > 0 && <Tag color="red">会议纪要逾期未公示{r.minutesOverdue}次</Tag>}
              {r.nonCompliant && (
                <Tag color="red" data-testid={`${testId(r)}-noncompliant`}>
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
  );
}
