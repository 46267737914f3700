import { Table, type TableColumnsType } from 'antd';
import { formatTime } from '../shared/format';
import { EntryDetail } from './EntryDetail';
import { ObjectLink } from './ObjectLink';
import type { AuditEntry } from './types';

const columns: TableColumnsType<AuditEntry> = [
  { title: '编号', dataIndex: 'id', key: 'id', width: 80 },
  { title: '时间', dataIndex: 'at', key: 'at', width: 170, render: (v: string) => <span className="audit-time">{formatTime(v)}</span> },
  {
    title: '操作人',
    dataIndex: 'actorName',
    key: 'actor',
    width: 170,
    render: (v: string | null) => v ?? <span className="muted">系统</span>,
  },
  { title: '操作', dataIndex: 'actionLabel', key: 'action', width: 190 },
  { title: '对象', key: 'entity', render: (_: unknown, e: AuditEntry) => <ObjectLink e={e} /> },
  { title: 'IP', dataIndex: 'ip', key: 'ip', width: 130, render: (v: string | null) => v ?? <span className="muted">—</span> },
];

// On a phone one column tells the whole entry.
const phoneColumns: TableColumnsType<AuditEntry> = [
  {
    title: '记录',
    key: 'entry',
    render: (_: unknown, e: AuditEntry) => (
      <div>
        <div>
          <strong>{e.actionLabel}</strong> <span className="muted">#{e.id}</span>
        </div>
        <div className="muted" style={{ fontSize: 12 }}>
          <span className="audit-time">{formatTime(e.at)}</span> · {e.actorName ?? '系统'}
          {e.ip && <span> · {e.ip}</span>}
        </div>
        <div style={{ fontSize: 12 }}>
          <ObjectLink e={e} />
        </div>
      </div>
    ),
  },
];

/** The entries, newest first; a row unfolds into its detail. */
export function AuditTable({ items, loading, mobile }: { items: AuditEntry[]; loading: boolean; mobile: boolean }) {
  return (
    <div data-testid="audit-table">
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={mobile ? phoneColumns : columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        scroll={mobile ? undefined : { x: 860 }}
        locale={{ emptyText: '暂无审计记录' }}
        expandable={{ expandedRowRender: (e) => <EntryDetail e={e} /> }}
      />
    </div>
  );
}
