import { DownloadOutlined } from '@ant-design/icons';
import { Button, Segmented } from 'antd';

/** 图/表 and the sheet of a panel whose table is a sheet of the overview's workbook. */
export function PanelTools({
  mode,
  onMode,
  href,
  testId,
}: {
  mode: 'chart' | 'table';
  onMode: (m: 'chart' | 'table') => void;
  href: string;
  testId: string;
}) {
  return (
    <span className="overview-card-tools">
      <Segmented
        size="small"
        value={mode}
        onChange={(v) => onMode(v as 'chart' | 'table')}
        options={[
          { label: '图', value: 'chart' },
          { label: '表', value: 'table' },
        ]}
        data-testid={`${testId}-mode`}
      />
      <Button size="small" icon={<DownloadOutlined />} href={href} data-testid={`${testId}-export`} aria-label="导出Excel" />
    </span>
  );
}
