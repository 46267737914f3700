import { Alert, Drawer, Table } from 'antd';
import { Link } from 'react-router-dom';
import type { FigureRow } from '../../../core/overview';
import type { Query } from '../api';
import { useApi } from '../shared/useApi';
import { figureText, type Figure, type FigureList } from './types';

/** The list behind a figure: its rows add up to the figure, and each links to where it is handled. */
export function FigureListDrawer({ figure, query, onClose }: { figure: Figure | null; query: Query; onClose: () => void }) {
  const list = useApi<FigureList>(figure ? `/api/overview/figures/${figure.code}` : null, query);
  const f = list.data?.figure;
  return (
    <Drawer open={!!figure} onClose={onClose} size="large" title={figure ? `${figure.label}明细` : ''} data-testid="figure-list-drawer">
      {list.error && <Alert type="error" title={list.error} showIcon />}
      {f && (
        <p data-testid="figure-list-total">
          合计：{figureText(f)}，{f.valueLabel}
          {f.kind === 'rate' ? ` / ${f.ofLabel}` : ''}；共 {list.data!.items.length} 条{f.rowLabel}记录。
          <Link to={f.page}>前往业务页面</Link>
        </p>
      )}
      <Table<FigureRow>
        size="small"
        rowKey={(r) => `${r.childId}-${r.id}-${r.note}`}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="figure-list-table"
        columns={[
          { title: figure?.rowLabel ?? '', dataIndex: 'name', render: (n: string, r) => (r.link ? <Link to={r.link}>{n}</Link> : n) },
          { title: '所在', dataIndex: 'place' },
          { title: '计入', render: (_: unknown, r) => (figure?.kind === 'rate' ? `${r.value}/${r.of}` : r.value) },
          { title: '说明', dataIndex: 'note' },
        ]}
      />
    </Drawer>
  );
}
