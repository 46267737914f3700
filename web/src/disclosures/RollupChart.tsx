import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { Rollup } from './types';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Per item, how many estates have it current, stale or missing (a stacked bar reads better than a table here). */
export function RollupChart({ items }: { items: Rollup['items'] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const series = (
      [
        ['current', '已更新', '#52c41a'],
        ['stale', '待更新', '#fa8c16'],
        ['missing', '未公开', '#f5222d'],
      ] as const
    ).map(([k, name, color]) => ({ name, type: 'bar' as const, stack: 'all', itemStyle: { color }, data: items.map((i) => i[k]) }));
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 150, right: 20, top: 30, bottom: 20 },
      xAxis: { type: 'value', name: '小区数', minInterval: 1 },
      yAxis: { type: 'category', data: items.map((i) => i.item), inverse: true },
      series,
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [items]);
  return <div ref={ref} style={{ width: '100%', height: 360 }} data-testid="rollup-chart" />;
}
