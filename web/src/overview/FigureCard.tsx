import { DownloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { withQuery, type Query } from '../api';
import { Chart } from './Chart';
import { figureText, type ChildTotals, type Figure } from './types';

/**
 * One figure: its total, a bar per child (a click drills into that child), the same numbers as a
 * table, the .xlsx of that table and its list. Rates are drawn as percent, problem counts as counts.
 */
export function FigureCard({
  figure,
  query,
  onDrill,
  onList,
}: {
  figure: Figure;
  query: Query;
  onDrill?: (childId: number) => void;
  onList: (figure: Figure) => void;
}) {
  const [mode, setMode] = useState<'chart' | 'table'>('chart');
  const rate = figure.kind === 'rate';
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category' as const,
        data: figure.byChild.map((c) => c.name),
        axisLabel: { interval: 0, rotate: figure.byChild.length > 4 ? 30 : 0 },
      },
      yAxis: rate ? { type: 'value' as const, max: 100, name: '%' } : { type: 'value' as const, minInterval: 1 },
      series: [
        {
          type: 'bar' as const,
          name: figure.label,
          data: figure.byChild.map((c) => (rate ? c.rate : c.value)),
          itemStyle: { color: figure.kind === 'problems' ? '#cf1322' : '#1677ff' },
          cursor: onDrill ? 'pointer' : 'default',
        },
      ],
    }),
    [figure, rate, onDrill],
  );
  const pick = useMemo(() => (onDrill ? (i: number) => onDrill(figure.byChild[i]!.id) : undefined), [onDrill, figure]);
  return (
    <Card
      size="small"
      className="overview-card"
      data-testid={`figure-${figure.code}`}
      title={
        <span>
          {figure.label} {figure.rule && <Tag>{figure.rule}</Tag>}
        </span>
      }
      extra={
        <span className="overview-card-tools">
          <Segmented
            size="small"
            value={mode}
            onChange={(v) => setMode(v as 'chart' | 'table')}
            options={[
              { label: '图', value: 'chart' },
              { label: '表', value: 'table' },
            ]}
            data-testid={`figure-mode-${figure.code}`}
          />
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={withQuery(`/api/overview/figures/${figure.code}/export.xlsx`, query)}
            data-testid={`figure-export-${figure.code}`}
            aria-label={`导出${figure.label}`}
          />
          <Button
            size="small"
            icon={<UnorderedListOutlined />}
            onClick={() => onList(figure)}
            data-testid={`figure-list-${figure.code}`}
            aria-label={`${figure.label}明细`}
          />
        </span>
      }
    >
      <div className="overview-figure" data-testid={`figure-value-${figure.code}`}>
        <strong>{figureText(figure)}</strong>
        <span>
          {figure.valueLabel}
          {rate ? ` / ${figure.ofLabel}` : ''}
        </span>
      </div>
      {mode === 'chart' && figure.byChild.length > 1 ? (
        <Chart option={option} onPick={pick} testId={`figure-chart-${figure.code}`} />
      ) : (
        <ChildTable figure={figure} onDrill={onDrill} />
      )}
    </Card>
  );
}

function ChildTable({ figure, onDrill }: { figure: Figure; onDrill?: (id: number) => void }) {
  return (
    <Table<ChildTotals>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={figure.byChild}
      data-testid={`figure-table-${figure.code}`}
      columns={[
        {
          title: '范围',
          dataIndex: 'name',
          render: (name: string, c) =>
            onDrill ? (
              <a onClick={() => onDrill(c.id)} data-testid={`figure-row-${figure.code}-${c.id}`}>
                {name}
              </a>
            ) : (
              name
            ),
        },
        { title: figure.valueLabel, dataIndex: 'value', align: 'right' },
        ...(figure.kind === 'rate'
          ? [
              { title: figure.ofLabel, dataIndex: 'of', align: 'right' as const },
              {
                title: '比例',
                dataIndex: 'rate',
                align: 'right' as const,
                render: (r: number | null) => (r === null ? '无数据' : `${r}%`),
              },
            ]
          : []),
      ]}
    />
  );
}
