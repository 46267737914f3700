import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Collapse, List, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { errorMessage } from '../shared/feedback';
import type { RegistryChecksResult } from './types';

/**
 * At a glance for a street or community: grids failing R40 (no grid worker; branch secretary,
 * residents'-group leader and grid leader not one person) and people holding posts in several
 * bodies (双向进入、交叉任职).
 */
export default function RegistryChecks({ nodeId }: { nodeId: number }) {
  const [data, setData] = useState<RegistryChecksResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    api.get<RegistryChecksResult>('/api/registry/checks', { nodeId }).then(
      (r) => live && setData(r),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [nodeId]);

  const failing = data?.grids.filter((g) => g.problems.length > 0) ?? [];
  return (
    <Card size="small" title="人员配备检查" data-testid="registry-checks">
      {error && <Alert type="error" showIcon title={error} />}
      {!data && !error && <Spin size="small" />}
      {data && (
        <>
          <Space size="large" wrap style={{ marginBottom: 8 }}>
            <Statistic title="网格" value={data.summary.grids} />
            <Statistic
              title="未配网格员"
              value={data.summary.gridsWithoutWorker}
              styles={{ content: { color: data.summary.gridsWithoutWorker ? '#cf1322' : undefined } }}
            />
            <Statistic
              title="未实现一人兼"
              value={data.summary.gridsNotOneHoldsAll}
              styles={{ content: { color: data.summary.gridsNotOneHoldsAll ? '#d48806' : undefined } }}
            />
            <Statistic title="交叉任职" value={data.summary.crossAppointments} suffix="人" />
          </Space>
          {failing.length === 0 ? (
            <Typography.Paragraph type="success" style={{ margin: 0 }}>
              <CheckCircleOutlined /> {data.summary.grids ? '各网格均符合 R40 配备要求' : '该范围内没有网格'}
            </Typography.Paragraph>
          ) : (
            <List
              size="small"
              dataSource={failing}
              renderItem={(g) => (
                <List.Item data-testid={`registry-check-grid-${g.gridId}`}>
                  <div>
                    <div>
                      <WarningOutlined style={{ color: '#d48806' }} /> <b>{g.gridName}</b>
                      <span className="muted">（{g.communityName}）</span>
                    </div>
                    {g.problems.map((p) => (
                      <div key={p} className="muted">
                        {p}
                      </div>
                    ))}
                  </div>
                </List.Item>
              )}
            />
          )}
          {data.crossAppointments.length > 0 && (
            <Collapse
              size="small"
              ghost
              items={[
                {
                  key: 'cross',
                  label: `双向进入、交叉任职：${data.crossAppointments.length} 人`,
                  children: (
                    <List
                      size="small"
                      dataSource={data.crossAppointments}
                      renderItem={(c) => (
                        <List.Item>
                          <span>
                            <b>{c.name}</b>{' '}
                            {c.posts.map((p, i) => (
                              <Tag key={i}>
                                {p.bodyName}
                                {p.roleLabel}
                              </Tag>
                            ))}
                          </span>
                        </List.Item>
                      )}
                    />
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
