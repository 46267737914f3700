import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, FunnelChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

/**
 * One ECharts canvas for an option; `onPick` receives the index of the clicked data item (the
 * overview drills down by it). The chart is redrawn when the option changes and resized with the window.
 */
export function Chart({
  option,
  height = 220,
  onPick,
  testId,
}: {
  option: echarts.EChartsCoreOption;
  height?: number;
  onPick?: (dataIndex: number) => void;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { locale: 'ZH' });
    chart.setOption(option);
    if (onPick) chart.on('click', (p) => onPick(p.dataIndex));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    window.addEventListener('beforeprint', resize);
    return () => {
      window.removeEventListener('resize', resize);
      window.removeEventListener('beforeprint', resize);
      chart.dispose();
    };
  }, [option, onPick]);
  return <div ref={ref} className="overview-chart" style={{ width: '100%', height }} data-testid={testId} />;
}
