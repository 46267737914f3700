import { Alert, Button, List, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import { DecideModal, OutcomeModal, ReportModal } from './NegativeModals';
import { ReportFiles } from './ReportFiles';
import type { Committee, Report } from './types';

type Dialog = { kind: 'report'; memberId?: number } | { kind: 'decide'; r: Report } | { kind: 'outcome'; r: Report } | null;

/** 负面清单 (R35, R37): the community reports, the street decides; R37 candidates from the monthly job. */
export function NegativeTab({ committee: c, onChange }: { committee: Committee; onChange(): void }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const open = c.candidates.filter((x) => !x.reportId);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {c.canReport && (
        <Button onClick={() => setDialog({ kind: 'report' })} data-testid="negative-report">
          报告委员触及负面清单
        </Button>
      )}
      {open.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="欠缴物业费的业主代表委员（R37，每月自动列出，须经社区报告、街道认定）"
          description={
            <List
              size="small"
              dataSource={open}
              renderItem={(x) => (
                <List.Item
                  actions={
                    c.canReport
                      ? [
                          <Button key="r" size="small" onClick={() => setDialog({ kind: 'report', memberId: x.memberId })}>
                            报告
                          </Button>,
                        ]
                      : []
                  }
                >
                  {x.month}：{x.reason}
                </List.Item>
              )}
            />
          }
        />
      )}
      <Table<Report>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.reports}
        scroll={{ x: 720 }}
        locale={{ emptyText: '没有负面清单报告' }}
        expandable={{ expandedRowRender: (r) => <ReportFiles report={r} /> }}
        columns={[
          { title: '委员', dataIndex: 'memberName' },
          { title: '事项', dataIndex: 'item' },
          { title: '报告日期', render: (_, r) => formatDateZh(r.reportedOn) },
          {
            title: '认定',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Tag
                  color={r.state === 'upheld' ? 'red' : r.state === 'pending' ? (r.overdue ? 'red' : 'orange') : 'default'}
                  data-testid={`report-${r.id}-state`}
                >
                  {r.stateLabel}
                  {r.state === 'pending' ? `（${formatDateZh(r.decideBy)}前${r.overdue ? '，已逾期' : ''}）` : ''}
                </Tag>
                {r.decisionReason && <span className="muted">{r.decisionReason}</span>}
                {r.outcome && (
                  <span className="muted">
                    {r.outcome === 'lifted' ? '已恢复履职' : '已罢免'}（{formatDateZh(r.outcomeOn!)}）：{r.outcomeReason}
                  </span>
                )}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, r) =>
              c.canSupervise && r.state === 'pending' ? (
                <Button size="small" type="primary" onClick={() => setDialog({ kind: 'decide', r })} data-testid={`report-${r.id}-decide`}>
                  认定
                </Button>
              ) : c.canSupervise && r.state === 'upheld' && !r.outcome ? (
                <Button size="small" onClick={() => setDialog({ kind: 'outcome', r })} data-testid={`report-${r.id}-outcome`}>
                  恢复履职或罢免
                </Button>
              ) : null,
          },
        ]}
      />
      {dialog?.kind === 'report' && (
        <ReportModal committee={c} memberId={dialog.memberId} onClose={() => setDialog(null)} onDone={onChange} />
      )}
      {dialog?.kind === 'decide' && <DecideModal report={dialog.r} onClose={() => setDialog(null)} onDone={onChange} />}
      {dialog?.kind === 'outcome' && <OutcomeModal report={dialog.r} onClose={() => setDialog(null)} onDone={onChange} />}
    </Space>
  );
}
