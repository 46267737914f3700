import { Card, Col, Empty, List, Row, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Chart } from './Chart';
import { PanelTools } from './PanelTools';
import type { Overview } from './types';

const COLORS = ['#389e0d', '#1677ff', '#fa8c16', '#cf1322', '#8c8c8c', '#722ed1', '#13c2c2'];

/** 分类管理: estates per class under each child (a stacked bar, or its table), and the pilots (试点). */
export function ClassesPanel({ o, exportHref }: { o: Overview; exportHref: string }) {
  const [mode, setMode] = useState<'chart' | 'table'>('chart');
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category' as const, data: o.children.map((c) => c.name) },
      yAxis: { type: 'value' as const, minInterval: 1, name: '小区' },
      series: o.classes.map((x, i) => ({
        type: 'bar' as const,
        stack: 'classes',
        name: x.label,
        itemStyle: { color: COLORS[i % COLORS.length] },
        data: x.byChild.map((k) => k.estates),
      })),
    }),
    [o],
  );
  const table = (
    <Table
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={o.classes}
      columns={[
        { title: '分类', dataIndex: 'label' },
        ...o.children.map((c, i) => ({
          title: c.name,
          key: String(c.id),
          align: 'right' as const,
          render: (_: unknown, x: Overview['classes'][number]) => x.byChild[i]!.estates,
        })),
        { title: '合计', dataIndex: 'estates', align: 'right' as const },
      ]}
    />
  );
  return (
    <Row gutter={[16, 16]} className="overview-grid">
      <Col xs={24} lg={16}>
        <Card
          size="small"
          title={
            <span>
              分类管理 <Link to="/survey">分类施策</Link>
            </span>
          }
          extra={<PanelTools mode={mode} onMode={setMode} href={exportHref} testId="overview-classes" />}
          data-testid="overview-classes"
        >
          {o.classes.length ? (
            <>
              <p className="overview-note" data-testid="overview-class-counts">
                {o.classes.map((x) => `${x.label} ${x.estates}个`).join('，')}
              </p>
              {mode === 'chart' ? <Chart option={option} height={240} /> : table}
            </>
          ) : (
            <Empty description="尚无调查摸底，暂无分类" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={`试点小区（${o.pilots.length}个）`} data-testid="overview-pilots">
          <List
            size="small"
            dataSource={o.pilots}
            locale={{ emptyText: '暂无试点' }}
            renderItem={(p) => (
              <List.Item>
                {p.name}（{p.classLabel}）
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
