import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { AnnualReportModal } from './AnnualReportModal';
import { ConveneModal } from './CommitteeModals';
import type { Committee } from './types';

/** 述职评议 (R36): the annual reports with their evaluation windows, results, and overdue rectification items. */
export function ReportsTab({ committee: c, onChange }: { committee: Committee; onChange(): void }) {
  const [open, setOpen] = useState<'report' | 'meeting' | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {c.canManage && (
        <Space wrap>
          <Button onClick={() => setOpen('meeting')} data-testid="report-meeting">
            召集述职会议
          </Button>
          <Button onClick={() => setOpen('report')} data-testid="report-submit">
            提交年度述职报告
          </Button>
        </Space>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.annualReports}
        locale={{ emptyText: '尚无述职报告' }}
        columns={[
          {
            title: '年度',
            render: (_, r) => (
              <Link to={`/committees/reports/${r.id}`} data-testid={`annual-${r.id}`}>
                {r.year}年度述职
              </Link>
            ),
          },
          { title: '评议期', render: (_, r) => `${formatDateZh(r.opensOn)}至${formatDateZh(r.closesOn)}` },
          {
            title: '状态',
            render: (_, r) => (
              <>
                {r.resultPublished && <Tag color="green">结果已公布</Tag>}
                {r.feedbackPublished && <Tag color="green">整改已反馈</Tag>}
                {r.overdueItems > 0 && <Tag color="red">整改逾期{r.overdueItems}项</Tag>}
              </>
            ),
          },
        ]}
      />
      {open === 'report' && <AnnualReportModal committee={c} onClose={() => setOpen(null)} onDone={onChange} />}
      {open === 'meeting' && <ConveneModal committee={c} purpose="annualReport" onClose={() => setOpen(null)} onDone={onChange} />}
    </Space>
  );
}
