import { Alert, Button, Card, Checkbox, Empty, Radio, Result as AntResult, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { errorMessage, modal, showError } from '../shared/feedback';
import { ResultView } from './ResultView';
import { CHOICE_LABEL, STATE_COLOR, type Choice, type MyDecision } from './types';

/**
 * 参与表决 (phone first): the owner's open decisions for their bound units; every motion answered in
 * one submission, confirmed once, then the receipt code (R19: final once cast).
 */
export default function VotePage() {
  const [data, setData] = useState<{ bound: boolean; items: MyDecision[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.get<{ bound: boolean; items: MyDecision[] }>('/api/my/decisions').then(setData, (e: unknown) => setError(errorMessage(e)));
  }, []);
  useEffect(load, [load]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data) return <Spin />;
  if (!data.bound)
    return (
      <AntResult
        status="info"
        title="请先核验业主身份"
        subTitle="核验通过后即可参与本小区的业主共同决定。"
        extra={
          <Link to="/my-units">
            <Button type="primary">去核验</Button>
          </Link>
        }
      />
    );
  if (data.items.length === 0) return <Empty description="目前没有需要您参加的表决" />;
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 640 }} data-testid="vote-page">
      {data.items.map((d) => (
        <VoteCard key={d.id} d={d} onDone={load} />
      ))}
    </Space>
  );
}

function VoteCard({ d, onDone }: { d: MyDecision; onDone: () => void }) {
  const [answers, setAnswers] = useState<Record<string, Choice | string[]>>({});
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(null);
  const complete = d.motions.every((m) => answers[m.code] !== undefined);

  function submit() {
    modal().confirm({
      title: '确认提交表决票',
      content: (
        <div>
          {d.motions.map((m) => {
            const a = answers[m.code];
            const text = Array.isArray(a)
              ? a.length
                ? a.map((c) => m.candidates?.find((x) => x.code === c)?.name).join('、')
                : '（未选任何候选人）'
              : CHOICE_LABEL[a as Choice];
            return (
              <p key={m.code}>
                {m.title}：<b>{text}</b>
              </p>
            );
          })}
          <p>表决票提交后不能更改。</p>
        </div>
      ),
      okText: '确认提交',
      cancelText: '再看看',
      okButtonProps: { 'data-testid': 'vote-confirm' } as Record<string, string>,
      onOk: async () => {
        setSending(true);
        try {
          const r = await api.post<{ receipts: { code: string }[] }>(`/api/decisions/${d.id}/vote`, { answers });
          setReceipt(r.receipts.map((x) => x.code).join('、'));
        } catch (e) {
          showError(e);
        } finally {
          setSending(false);
        }
      },
    });
  }

  return (
    <Card
      title={
        <Space wrap>
          <span style={{ whiteSpace: 'normal' }}>{d.title}</span>
          <Tag color={STATE_COLOR[d.state]}>{d.stateLabel}</Tag>
        </Space>
      }
      size="small"
      data-testid={`vote-card-${d.id}`}
    >
      <Typography.Paragraph type="secondary">
        {d.estateName} · {d.organiser} · 投票期 {d.opensOn} 至 {d.closesOn}
        {d.units.length > 0 && (
          <>
            <br />
            您表决的房屋：{d.units.map((u) => `${u.room}（${u.area} m²）`).join('、')}
          </>
        )}
      </Typography.Paragraph>
      {receipt ? (
        <AntResult
          status="success"
          title="投票成功"
          subTitle={
            <span>
              您的回执码：
              <Typography.Text strong copyable data-testid="vote-receipt-code">
                {receipt}
              </Typography.Text>
              <br />
              请保存回执码，可凭它查询表决票是否计入。
            </span>
          }
          extra={<Button onClick={onDone}>完成</Button>}
          data-testid="vote-receipt"
        />
      ) : d.result ? (
        <ResultView result={d.result} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {d.motions.map((m, i) => (
            <div key={m.code} data-testid={`vote-motion-${m.code}`}>
              <Typography.Text strong>
                {i + 1}. {m.title}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.itemLabel}：{m.threshold}
                </Typography.Text>
              </div>
              {m.body && <Typography.Paragraph>{m.body}</Typography.Paragraph>}
              {d.canVote &&
                (m.kind === 'choice' ? (
                  <Radio.Group
                    value={answers[m.code]}
                    onChange={(e) => setAnswers({ ...answers, [m.code]: e.target.value as Choice })}
                    optionType="button"
                    buttonStyle="solid"
                    size="large"
                  >
                    {(['yes', 'no', 'abstain'] as const).map((c) => (
                      <Radio.Button key={c} value={c}>
                        <span data-testid={`vote-${m.code}-${c}`}>{CHOICE_LABEL[c]}</span>
                      </Radio.Button>
                    ))}
                  </Radio.Group>
                ) : (
                  <div>
                    <Typography.Text>最多选 {m.seats} 名：</Typography.Text>
                    <Checkbox.Group
                      value={(answers[m.code] as string[] | undefined) ?? []}
                      onChange={(v) => setAnswers({ ...answers, [m.code]: v as string[] })}
                      options={(m.candidates ?? []).map((c) => ({
                        value: c.code,
                        label: <span data-testid={`vote-${m.code}-${c.code}`}>{c.name}</span>,
                        disabled:
                          !((answers[m.code] as string[] | undefined) ?? []).includes(c.code) &&
                          ((answers[m.code] as string[] | undefined)?.length ?? 0) >= (m.seats ?? 0),
                      }))}
                    />
                  </div>
                ))}
            </div>
          ))}
          {d.canVote ? (
            <Button type="primary" block size="large" disabled={!complete} loading={sending} onClick={submit} data-testid="vote-submit">
              {complete ? '提交表决票' : '请对每个事项作出选择'}
            </Button>
          ) : d.voted ? (
            <Alert
              type="success"
              showIcon
              title="您已投票"
              description={d.receipts.length ? `回执码：${d.receipts.map((r) => r.code).join('、')}` : '您的表决票已计入。'}
              data-testid="vote-already"
            />
          ) : (
            d.whyNot && <Alert type="info" showIcon title={d.whyNot} />
          )}
        </Space>
      )}
    </Card>
  );
}
