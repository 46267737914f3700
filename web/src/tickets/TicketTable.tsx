import { Table } from 'antd';
import { useNavigate } from 'react-router-dom';
import { formatTime } from '../shared/format';
import { TicketStateTag } from './TicketStateTag';
import type { TicketPage } from './types';

/** The staff's paged list: the page comes from the server; changing page asks for the next one. */
export function TicketTable({
  data,
  loading,
  onPage,
}: {
  data: TicketPage | null;
  loading: boolean;
  onPage: (page: number, size: number) => void;
}) {
  const navigate = useNavigate();
  return (
    <Table
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data?.items ?? []}
      scroll={{ x: 960 }}
      onRow={(r) => ({ onClick: () => navigate(`/tickets/${r.id}`), style: { cursor: 'pointer' } })}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 20,
        total: data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (n) => `共 ${n} 件`,
        onChange: onPage,
      }}
      columns={[
        { title: '编号', dataIndex: 'id', width: 80 },
        { title: '诉求', dataIndex: 'title', render: (v: string, r) => <a data-testid={`ticket-row-${r.id}`}>{v}</a> },
        { title: '类型', dataIndex: 'kindName', width: 100 },
        { title: '小区 · 位置', render: (_, r) => `${r.estateName} ${r.place}` },
        {
          title: '状态',
          width: 200,
          render: (_, r) => <TicketStateTag state={r.state} label={r.stateLabel} overdue={r.overdue} escalation={r.escalationLabel} />,
        },
        { title: '承办', dataIndex: 'handler' },
        { title: '办结时限', width: 150, render: (_, r) => formatTime(r.finishDueAt).slice(0, 16) },
        { title: '来源', dataIndex: 'channelLabel', width: 120 },
      ]}
    />
  );
}
