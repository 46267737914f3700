import { Alert, Button, Card, Space, Spin, Statistic, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../shared/useApi';
import { RollupChart } from './RollupChart';
import type { Rollup } from './types';

type EstateRow = Rollup['estates'][number];

/** The street's (or community's) roll-up: totals, the chart per item, communities, and each estate with its stale and missing items. */
export function RollupTab() {
  const r = useApi<Rollup>('/api/disclosures/rollup');
  if (r.error) return <Alert type="error" showIcon title={r.error} />;
  if (!r.data) return <Spin />;
  const d = r.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="rollup">
      <Space wrap size={32}>
        <Statistic title="小区" value={d.total.estates} />
        <Statistic title="完整率（已公开/应公开）" value={d.total.completeness} suffix="%" />
        <Statistic title="及时率（已按期更新）" value={d.total.freshness} suffix="%" data-testid="rollup-freshness" />
        <Statistic title="待更新事项" value={d.total.stale} />
        <Statistic title="未公开事项" value={d.total.missing} />
        <Statistic title="逾期质询" value={d.total.overdueQuestions} />
        <Button href="/api/disclosures/rollup.xlsx" data-testid="rollup-export">
          导出 Excel
        </Button>
      </Space>
      <Card size="small" title="各事项公开情况">
        <RollupChart items={d.items} />
      </Card>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...d.streets.map((s) => ({ ...s, level: '街道' })), ...d.communities.map((c) => ({ ...c, level: '社区' }))]}
        data-testid="rollup-communities"
        columns={[
          { title: '层级', dataIndex: 'level', width: 70 },
          { title: '名称', dataIndex: 'name' },
          { title: '小区', dataIndex: 'estates' },
          { title: '完整率', dataIndex: 'completeness', render: (v: number) => `${v}%` },
          { title: '及时率', dataIndex: 'freshness', render: (v: number) => `${v}%` },
          { title: '待更新', dataIndex: 'stale' },
          { title: '未公开', dataIndex: 'missing' },
          { title: '逾期质询', dataIndex: 'overdueQuestions' },
        ]}
      />
      <Table<EstateRow>
        size="small"
        rowKey="id"
        dataSource={d.estates}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        data-testid="rollup-estates"
        onRow={(e) => ({ 'data-testid': `rollup-estate-${e.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '社区', dataIndex: 'communityName', width: 120 },
          { title: '小区', dataIndex: 'name', render: (n: string, e) => <Link to={`/disclosures/${e.id}`}>{n}</Link> },
          { title: '已更新', dataIndex: 'current', width: 70, sorter: (a, b) => a.current - b.current },
          {
            title: '及时率',
            dataIndex: 'freshness',
            width: 80,
            render: (v: number) => `${v}%`,
            sorter: (a, b) => a.freshness - b.freshness,
          },
          {
            title: '待更新',
            key: 'stale',
            render: (_v, e) =>
              e.staleItems.map((i) => (
                <Tag key={i.item} color="orange">
                  {i.item}
                </Tag>
              )),
          },
          {
            title: '未公开',
            key: 'missing',
            render: (_v, e) =>
              e.missingItems.map((i) => (
                <Tag key={i.item} color="red">
                  {i.item}
                </Tag>
              )),
          },
          { title: '逾期质询', dataIndex: 'overdueQuestions', width: 80 },
        ]}
      />
    </Space>
  );
}
