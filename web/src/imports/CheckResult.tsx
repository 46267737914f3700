import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Result, Row, Space, Statistic } from 'antd';
import { useState } from 'react';
import { formatTime } from '../shared/format';
import { CommitActions } from './CommitActions';
import { Counts } from './Counts';
import { Problems } from './Problems';
import { TitleChanges } from './TitleChanges';
import type { CommitMode, ImportBatch } from './types';

function Totals({ batch }: { batch: ImportBatch }) {
  return (
    <Row gutter={[12, 12]}>
      <Col xs={8} sm={6}>
        <Statistic title="数据行" value={batch.rows} />
      </Col>
      <Col xs={8} sm={6}>
        <Statistic title="无错误的行" value={batch.validRows} valueStyle={{ color: '#389e0d' }} />
      </Col>
      <Col xs={8} sm={6}>
        <Statistic title="有错误的行" value={batch.errorRows} valueStyle={batch.errorRows ? { color: '#cf1322' } : undefined} />
      </Col>
      <Col xs={8} sm={6}>
        <Statistic title="将产生的变更" value={batch.changes} />
      </Col>
    </Row>
  );
}

function Committed({ batch }: { batch: ImportBatch }) {
  const numbers = Object.fromEntries(Object.entries(batch.result ?? {}).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
  return (
    <Result
      status="success"
      title={String(batch.result?.message ?? '已导入')}
      subTitle={batch.committedAt ? `导入时间：${formatTime(batch.committedAt)}` : undefined}
      extra={<Counts counts={numbers} testId="import-result-counts" />}
      data-testid="import-result"
    />
  );
}

/**
 * Step 3: what the check found — totals, problems, the titles the import would end or change — and
 * the confirmation; after the commit, what it did. Mounted per batch (`key`), so a new file starts
 * with the list unconfirmed.
 */
export function CheckResult({
  batch,
  busy,
  onCommit,
  onDiscard,
}: {
  batch: ImportBatch;
  busy: CommitMode | 'upload' | null;
  /** Resolves true once imported. */
  onCommit(mode: CommitMode, confirmDigest: string | null): Promise<boolean>;
  onDiscard(id: number): void;
}) {
  const [confirmed, setConfirmed] = useState(false);
  const checked = batch.status === 'checked';
  const titles = batch.titleChanges ?? [];
  return (
    <Card
      size="small"
      title={`3. 检查结果：${batch.fileName}（${batch.nodeName}）`}
      extra={
        <Button icon={<DownloadOutlined />} href={`/api/imports/${batch.id}/report`} data-testid="import-report">
          下载检查报告
        </Button>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Totals batch={batch} />
        {checked && <Counts counts={batch.summary} testId="import-summary" />}
        {checked && batch.changes === 0 && batch.errorRows === 0 && (
          <Alert type="info" showIcon message="文件内容与系统现有数据一致，导入不会产生任何变更" />
        )}
        <Problems batch={batch} />
        {titles.length > 0 && batch.status !== 'discarded' && (
          <TitleChanges units={titles} pending={checked} confirmed={confirmed} onConfirm={setConfirmed} />
        )}
        {checked && batch.actions.includes('commit') && (
          <CommitActions
            batch={batch}
            busy={busy}
            listConfirmed={titles.length === 0 || confirmed}
            onCommit={async (mode) => {
              // Refused (e.g. the roll moved since the check): the tick no longer stands for the list.
              if (!(await onCommit(mode, titles.length > 0 ? (batch.titleDigest ?? null) : null))) setConfirmed(false);
            }}
            onDiscard={() => onDiscard(batch.id)}
          />
        )}
        {batch.status === 'committed' && batch.result && <Committed batch={batch} />}
        {batch.status === 'discarded' && <Alert type="info" showIcon message="该批次已放弃，未写入任何数据" />}
      </Space>
    </Card>
  );
}
