import { Alert, Button, Card, Empty, Input, Radio, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { EVALUATION_CHOICE_LABEL, EVALUATION_CHOICES, type EvaluationChoice } from '../../../core/committee';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';
import { useApi } from '../shared/useApi';
import type { MyEvaluation } from './types';

/** 述职评议 (phone): the owner reads the committee's report and evaluates once for their home(s) (R36, R3). */
export default function EvaluatePage() {
  const list = useApi<{ items: MyEvaluation[] }>('/api/owner/evaluations');
  if (list.error) return <Alert type="error" showIcon title={list.error} />;
  if (!list.data) return <Spin />;
  if (list.data.items.length === 0) return <Empty description="目前没有进行中的述职评议" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="evaluate-page">
      {list.data.items.map((e) => (
        <EvaluationCard key={e.id} e={e} onDone={list.reload} />
      ))}
    </Space>
  );
}

function EvaluationCard({ e, onDone }: { e: MyEvaluation; onDone(): void }) {
  const [choice, setChoice] = useState<EvaluationChoice | null>(null);
  const [opinion, setOpinion] = useState('');
  const done = e.evaluated >= e.heads;
  const submit = async () => {
    try {
      await api.post(`/api/committee-reports/${e.id}/evaluate`, { choice, opinion: opinion.trim() || null });
      toast('success', '评议已提交，谢谢');
      onDone();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Card size="small" title={e.title} data-testid={`evaluation-${e.id}`}>
      <Typography.Paragraph ellipsis={{ rows: 6, expandable: true, symbol: '展开' }} style={{ whiteSpace: 'pre-wrap' }}>
        {e.text}
      </Typography.Paragraph>
      <Typography.Text type="secondary">评议截止：{formatDateZh(e.closesOn)}</Typography.Text>
      {done ? (
        <Alert
          type="success"
          showIcon
          title="您家已评议（共有人共同评议一次）"
          data-testid={`evaluation-${e.id}-done`}
          style={{ marginTop: 8 }}
        />
      ) : (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Radio.Group
            value={choice}
            onChange={(x) => setChoice(x.target.value)}
            optionType="button"
            buttonStyle="solid"
            options={EVALUATION_CHOICES.map((c) => ({ value: c, label: EVALUATION_CHOICE_LABEL[c] }))}
            data-testid={`evaluation-${e.id}-choice`}
          />
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder="意见和建议（可选）"
            value={opinion}
            onChange={(x) => setOpinion(x.target.value)}
            data-testid={`evaluation-${e.id}-opinion`}
          />
          <Button type="primary" block disabled={!choice} onClick={submit} data-testid={`evaluation-${e.id}-submit`}>
            提交评议
          </Button>
        </Space>
      )}
    </Card>
  );
}
