import { Card, Col, Empty, Row, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Chart } from './Chart';
import { PanelTools } from './PanelTools';
import type { Overview } from './types';

/** R42: coverage month by month against the plan's deadline, and where the open formation cases stand. */
export function PlanPanel({ o, exportHref }: { o: Overview; exportHref: string }) {
  const [coverageMode, setCoverageMode] = useState<'chart' | 'table'>('chart');
  const [funnelMode, setFunnelMode] = useState<'chart' | 'table'>('chart');
  const plan = o.plans.length === 1 ? o.plans[0]! : null;
  const coverage = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category' as const, data: o.coverage.points.map((p) => p.month) },
      yAxis: { type: 'value' as const, name: '已成立物管会', minInterval: 1, max: Math.max(o.coverage.of, 1) },
      series: [
        {
          type: 'line' as const,
          name: '已成立物管会',
          data: o.coverage.points.map((p) => p.value),
          markLine: { symbol: 'none', label: { formatter: `需组建 ${o.coverage.of} 个` }, data: [{ yAxis: o.coverage.of }] },
        },
      ],
    }),
    [o],
  );
  const funnel = useMemo(
    () => ({
      tooltip: { trigger: 'item' as const },
      series: [
        {
          type: 'funnel' as const,
          sort: 'none' as const,
          left: 8,
          right: 8,
          top: 8,
          bottom: 8,
          label: { formatter: '{b}：{c}' },
          data: o.funnel.map((s) => ({ name: s.label, value: s.count })),
        },
      ],
    }),
    [o],
  );
  const forming = o.funnel.reduce((n, s) => n + s.count, 0);
  const deadline = plan ? `${plan.name}：期限 ${plan.deadline}` : o.plans.length ? `${o.plans.length}个街道的实施方案` : '尚未制定实施方案';
  return (
    <Row gutter={[16, 16]} className="overview-plan">
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title={<span data-testid="overview-deadline">组建覆盖进度（R42）· {deadline}</span>}
          extra={<PanelTools mode={coverageMode} onMode={setCoverageMode} href={exportHref} testId="overview-coverage" />}
          data-testid="overview-coverage"
        >
          {coverageMode === 'chart' ? (
            <Chart option={coverage} height={240} testId="overview-coverage-chart" />
          ) : (
            <Table
              size="small"
              rowKey="month"
              pagination={false}
              dataSource={o.coverage.points}
              data-testid="overview-coverage-table"
              columns={[
                { title: '月份', dataIndex: 'month' },
                { title: '已成立物管会', dataIndex: 'value', align: 'right' },
                { title: '需组建物管会的小区', dataIndex: 'of', align: 'right' },
                { title: '覆盖率', dataIndex: 'rate', align: 'right', render: (r: number | null) => (r === null ? '无数据' : `${r}%`) },
              ]}
            />
          )}
          {o.plans.length > 1 && (
            <ul className="overview-plans">
              {o.plans.map((p) => (
                <li key={p.streetId}>{`${p.streetName}：期限 ${p.deadline}`}</li>
              ))}
            </ul>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card
          size="small"
          title="组建进度漏斗"
          extra={<PanelTools mode={funnelMode} onMode={setFunnelMode} href={exportHref} testId="overview-funnel" />}
          data-testid="overview-funnel"
        >
          {funnelMode === 'table' ? (
            <Table
              size="small"
              rowKey="state"
              pagination={false}
              dataSource={o.funnel}
              columns={[
                { title: '组建阶段', dataIndex: 'label' },
                { title: '案件数', dataIndex: 'count', align: 'right' },
              ]}
            />
          ) : forming ? (
            <Chart option={funnel} height={240} />
          ) : (
            <Empty description="当前没有进行中的组建" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
