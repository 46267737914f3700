import { Alert, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import { useApi } from '../shared/useApi';
import type { Committee, CommitteeTraining } from './types';

/** R41 for this committee: the street's trainings of the year, who of its members attended, the director's attendance required. */
export function CommitteeTrainingTab({ committee: c }: { committee: Committee }) {
  const [year, setYear] = useState(new Date().getFullYear());
  const t = useApi<CommitteeTraining>(`/api/committees/${c.kind}/${c.id}/trainings`, { year });
  if (t.error) return <Alert type="error" showIcon title={t.error} />;
  const d = t.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="committee-training">
      <Space wrap>
        年度
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        {d && (
          <Tag
            color={d.requiredAttended < d.required ? (d.december ? 'red' : 'orange') : 'green'}
            data-testid="committee-training-coverage"
          >
            主任参训 {d.requiredAttended}/{d.required}；委员参训 {d.attended}/{d.members.length}
          </Tag>
        )}
      </Space>
      <Table
        rowKey="memberId"
        size="small"
        pagination={false}
        loading={t.loading}
        dataSource={d?.members ?? []}
        columns={[
          { title: '委员', dataIndex: 'name' },
          { title: '职务', dataIndex: 'seatLabel' },
          { title: '应参训', render: (_, m) => (m.required ? '是（R41）' : '—') },
          {
            title: '参训',
            render: (_, m) =>
              m.attended ? (
                <Tag color="green">{m.trainingIds.map((id) => d?.trainings.find((x) => x.id === id)?.topic).join('、')}</Tag>
              ) : m.flagged ? (
                <Tag color="red">年内未参训</Tag>
              ) : (
                '未参训'
              ),
          },
        ]}
      />
      <Typography.Text type="secondary">
        {d?.trainings.length
          ? `本街道${year}年集中培训：${d.trainings.map((x) => `${formatDateZh(x.heldOn)}「${x.topic}」`).join('；')}`
          : `本街道${year}年尚无集中培训记录`}
        。物管会主任、业委会主任每年应参加一次集中培训（R41）。
      </Typography.Text>
    </Space>
  );
}
