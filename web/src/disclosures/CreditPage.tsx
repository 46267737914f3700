import { Alert, Button, Card, Descriptions, InputNumber, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { todayInChina } from '../shared/format';
import { useApi } from '../shared/useApi';
import type { CreditRow } from './types';

const GRADE_COLOR: Record<string, string> = { AAA: 'green', AA: 'cyan', A: 'blue', B: 'orange', C: 'red' };

function Explained({ c }: { c: CreditRow }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`credit-explained-${c.id}`}>
      <Table
        size="small"
        rowKey="input"
        pagination={false}
        dataSource={c.inputs}
        columns={[
          { title: '评价项', dataIndex: 'label', width: 150 },
          { title: '权重', dataIndex: 'weight', width: 60 },
          { title: '得分', dataIndex: 'score', width: 70, render: (s: number | null) => s ?? '无数据' },
          { title: '计入分', dataIndex: 'points', width: 70, render: (p: number | null) => p ?? '不计入' },
          { title: '依据', dataIndex: 'explanation' },
        ]}
      />
      <Typography.Text data-testid={`credit-explanation-${c.id}`}>{c.explanation}</Typography.Text>
      <Typography.Text type="secondary">等级划分：{c.settings.bands.map((b) => `${b.grade} ≥${b.min}`).join('，')}</Typography.Text>
    </Space>
  );
}

/** 物业企业信用评价依据 (issue 15, R39): each company's inputs for the year, the grade and how it was reached; .xlsx for rating, review and tendering. */
export default function CreditPage() {
  const [year, setYear] = useState(Number(todayInChina().slice(0, 4)));
  const r = useApi<{ year: number; items: CreditRow[] }>('/api/credit/companies', { year });
  return (
    <div data-testid="credit-page">
      <Typography.Title level={4}>物业企业信用评价依据</Typography.Title>
      <Space style={{ marginBottom: 12 }}>
        年度
        <InputNumber value={year} min={2020} max={2100} onChange={(v) => v && setYear(v)} data-testid="credit-year" />
        <Button href={`/api/credit/companies.xlsx?year=${year}`} data-testid="credit-export">
          导出 Excel（评级、考核、招投标）
        </Button>
      </Space>
      {r.error && <Alert type="error" showIcon title={r.error} />}
      {!r.data && !r.error && <Spin />}
      {r.data?.items.length === 0 && <Alert type="info" showIcon title="范围内没有已登记的物业企业" />}
      {r.data?.items.map((c) => (
        <Card
          key={c.id}
          size="small"
          style={{ marginBottom: 12 }}
          data-testid={`credit-${c.id}`}
          title={
            <Space>
              {c.name}
              <Tag color={GRADE_COLOR[c.grade ?? ''] ?? 'default'} data-testid={`credit-grade-${c.id}`}>
                {c.grade ?? '暂不评级'}
              </Tag>
              {c.score !== null && <span data-testid={`credit-score-${c.id}`}>{c.score} 分</span>}
            </Space>
          }
        >
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="街道">{c.streetName}</Descriptions.Item>
            <Descriptions.Item label="党建">{c.partyBuildingLabel}</Descriptions.Item>
            <Descriptions.Item label="党员/从业人员">
              {c.partyMembers}/{c.staff}
            </Descriptions.Item>
            <Descriptions.Item label="服务小区">{c.estates.join('、') || '无'}</Descriptions.Item>
          </Descriptions>
          <Explained c={c} />
        </Card>
      ))}
    </div>
  );
}
