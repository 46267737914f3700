import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { OUTCOME_COLOR, OUTCOME_LABEL, type Result } from './types';

const FAILED: Record<string, string> = {
  participation_headcount: '参与人数不足三分之二',
  participation_area: '参与面积不足三分之二',
  approval_headcount: '同意人数未达要求',
  approval_area: '同意面积未达要求',
};

/** A published result: per motion the outcome (R12), the failed condition and the exact numbers. */
export function ResultView({ result }: { result: Result }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="decision-result">
      <Typography.Text type="secondary">
        总人数 {result.totals.heads} 人，总面积 {result.totals.area} m²。计票文件 SHA-256：
        <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="decision-result-sha">
          {result.sha256}
        </Typography.Text>
      </Typography.Text>
      {result.motions.map((m) =>
        m.result ? (
          <Descriptions
            key={m.code}
            size="small"
            bordered
            column={1}
            title={
              <Space wrap>
                {m.title}
                <Tag color={OUTCOME_COLOR[m.outcome!]} data-testid={`result-outcome-${m.code}`}>
                  {OUTCOME_LABEL[m.outcome!]}
                </Tag>
                {m.result.failed.map((f) => (
                  <Tag key={f}>{FAILED[f]}</Tag>
                ))}
              </Space>
            }
            items={[
              { key: 'p', label: '参与表决', children: `${m.result.NP} / ${m.result.NT} 人，${m.result.AP} / ${m.result.AT} m²` },
              { key: 'y', label: '同意', children: `${m.result.NY} 人，${m.result.AY} m²` },
              { key: 'n', label: '反对 / 弃权', children: `${m.counts?.no ?? 0} 人 / ${m.counts?.abstain ?? 0} 人` },
              ...(m.spoiled ? [{ key: 's', label: '废票', children: `${m.spoiled} 张` }] : []),
              ...(m.followMajority
                ? [{ key: 'f', label: '从众条款', children: m.followMajority.dependsOnIt ? '结果取决于从众条款' : '不影响结果' }]
                : []),
            ]}
          />
        ) : m.election ? (
          <div key={m.code}>
            <Typography.Title level={5}>
              {m.title}（应选 {m.election.seats} 名，当选 {m.election.elected.length} 名
              {m.election.unfilled ? `，缺额 ${m.election.unfilled} 名` : ''}）
            </Typography.Title>
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={m.election.candidates}
              columns={[
                { title: '候选人', dataIndex: 'name' },
                { title: '得票人数', dataIndex: 'NY' },
                { title: '得票面积', dataIndex: 'AY' },
                {
                  title: '结果',
                  render: (_, c) =>
                    c.elected ? (
                      <Tag color="green">当选</Tag>
                    ) : m.election!.tiedAtCut.includes(c.code) ? (
                      <Tag color="orange">票数相同待定</Tag>
                    ) : (
                      <Tag>未当选</Tag>
                    ),
                },
              ]}
            />
          </div>
        ) : null,
      )}
    </Space>
  );
}
