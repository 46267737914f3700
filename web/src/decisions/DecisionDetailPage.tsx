import { Alert, Button, Card, Descriptions, Progress, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../api';
import { useSession } from '../auth/session';
import { errorMessage, modal, showError, toast } from '../shared/feedback';
import { OUTCOME, PaperForm } from './PaperForm';
import { AnnounceDecisionModal } from './AnnounceDecisionModal';
import { ResultView } from './ResultView';
import { PAPER_CHOICE_LABEL, SPOILED_RULE_LABEL, STATE_COLOR, type DecisionDetail, type PaperChoice } from './types';

const ACTION_LABEL: Record<string, string> = {
  announce: '公告议题',
  open: '开始投票',
  close: '截止投票',
  publish: '公布结果',
  cancel: '取消表决',
};

/** A decision: state, timeline, live turnout (organisers), paper-ballot entry (double entry), result and downloads. */
export default function DecisionDetailPage() {
  const id = Number(useParams().id);
  const { can } = useSession();
  const [d, setD] = useState<DecisionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcing, setAnnouncing] = useState(false);
  const load = useCallback(() => {
    api.get<DecisionDetail>(`/api/decisions/${id}`).then(setD, (e: unknown) => setError(errorMessage(e)));
  }, [id]);
  useEffect(load, [load]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!d) return <Spin />;

  function act(action: string) {
    if (action === 'announce') return setAnnouncing(true);
    modal().confirm({
      title: `确认${ACTION_LABEL[action]}？`,
      content:
        action === 'open'
          ? '开始投票后名册冻结（R5），表决事项不能再变更。'
          : action === 'publish'
            ? '将生成计票文件并发布结果公告（R18）。'
            : undefined,
      okButtonProps: { 'data-testid': 'decision-action-confirm' } as Record<string, string>,
      onOk: async () => {
        try {
          setD(await api.post<DecisionDetail>(`/api/decisions/${id}/${action}`));
          toast('success', `已${ACTION_LABEL[action]}`);
        } catch (e) {
          showError(e);
        }
      },
    });
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {announcing && (
        <AnnounceDecisionModal
          d={d}
          onClose={() => setAnnouncing(false)}
          onDone={(next) => {
            setD(next);
            toast('success', '已公告议题');
          }}
        />
      )}
      <Card
        title={
          <Space wrap>
            {d.title}
            <Tag color={STATE_COLOR[d.state]} data-testid="decision-state">
              {d.stateLabel}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {d.actions
              .filter((a) => ACTION_LABEL[a])
              .map((a) => (
                <Button
                  key={a}
                  type={a === 'cancel' ? 'default' : 'primary'}
                  danger={a === 'cancel'}
                  onClick={() => act(a)}
                  data-testid={`decision-action-${a}`}
                >
                  {ACTION_LABEL[a]}
                </Button>
              ))}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'e', label: '小区', children: d.estateName },
            { key: 'o', label: '组织者', children: d.organiser },
            { key: 's', label: '表决范围', children: d.buildings ? d.buildings.map((b) => b.name).join('、') : '整个小区' },
            { key: 'p', label: '投票期', children: `${d.opensOn} 至 ${d.closesOn}（${d.periodDays} 日）` },
            {
              key: 'r',
              label: '规则',
              children: `${d.rules.profileName}；${d.rules.prevailing === 'online' ? '网络投票优先' : '纸质票优先'}；${SPOILED_RULE_LABEL[d.rules.spoiled]}${d.rules.followMajority ? '；适用从众条款' : ''}；${d.rules.secretBallot ? '无记名（计票文件不含房号）' : '记名（计票文件列出房号）'}`,
            },
            { key: 't', label: '冻结名册', children: d.totals ? `${d.totals.heads} 人，${d.totals.area} m²` : '投票开始时冻结' },
          ]}
        />
        <Steps
          size="small"
          style={{ marginTop: 16 }}
          current={d.timeline.filter((x) => x.done).length - 1}
          items={d.timeline.map((x) => ({ title: x.label, description: x.date ?? '' }))}
          responsive
        />
      </Card>

      <Card title="表决事项" size="small">
        {d.motions.map((m, i) => (
          <div key={m.code} style={{ marginBottom: 8 }}>
            <Typography.Text strong>
              {i + 1}. {m.title}
            </Typography.Text>{' '}
            <Tag>{m.itemLabel}</Tag>
            {m.kind === 'election' && (
              <Tag color="purple">
                选举 {m.seats} 名：{m.candidates?.map((c) => c.name).join('、')}
              </Tag>
            )}
            <div>
              <Typography.Text type="secondary">{m.threshold}</Typography.Text>
            </div>
          </div>
        ))}
      </Card>

      {d.turnout && (
        <Card title={d.state === 'voting' ? '投票率（实时）' : '投票率（投票已截止）'} size="small" data-testid="decision-turnout">
          <div>
            人数：{d.turnout.heads} / {d.turnout.totalHeads}
            <Progress percent={d.turnout.percent.heads} success={{ percent: 0 }} data-testid="decision-turnout-heads" />
          </div>
          <div>
            面积：{d.turnout.area} / {d.turnout.totalArea} m²
            <Progress percent={d.turnout.percent.area} />
          </div>
          <Typography.Text type="secondary">
            网络投票 {d.turnout.online} 人，纸质票 {d.turnout.paper} 人。参与表决门槛为人数和面积均达到三分之二（R7）。
          </Typography.Text>
        </Card>
      )}

      {d.actions.includes('enterPaper') && can('ballot.enter') && <PaperForm d={d} onSaved={load} />}

      {d.paperEntries.length > 0 && (
        <Card title="纸质表决票录入记录（双人录入）" size="small">
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 20 }}
            scroll={{ x: 700 }}
            dataSource={d.paperEntries}
            columns={[
              { title: '房号', dataIndex: 'room' },
              {
                title: '内容',
                render: (_, e) =>
                  Object.entries(e.answers)
                    .map(([k, v]) => `${k}:${Array.isArray(v) ? v.join('/') : PAPER_CHOICE_LABEL[v as PaperChoice]}`)
                    .join('，'),
              },
              { title: '录入', dataIndex: 'kind', render: (k: string) => ({ first: '第一次', second: '第二次', review: '复核' })[k] },
              {
                title: '结果',
                dataIndex: 'outcome',
                render: (o: string, e) => (
                  <Tag color={OUTCOME[o]![1]} data-testid={`paper-entry-${e.id}`}>
                    {OUTCOME[o]![0]}
                  </Tag>
                ),
              },
              { title: '录入人', dataIndex: 'enteredBy' },
              {
                title: '扫描件',
                render: (_, e) => e.scanFileId && <a href={`/api/decisions/${d.id}/files/${e.scanFileId}`}>查看</a>,
              },
            ]}
          />
        </Card>
      )}

      {d.result && (
        <Card
          title="表决结果"
          size="small"
          extra={
            <Space wrap>
              <a href={`/api/decisions/${d.id}/result.docx`} data-testid="decision-result-docx">
                结果公告（Word）
              </a>
              <a href={`/api/public/decisions/${d.id}/tally.json`} data-testid="decision-tally-file">
                计票文件
              </a>
              {d.resultNoticeId && <a href={`/notices/${d.resultNoticeId}`}>结果公告</a>}
            </Space>
          }
        >
          <ResultView result={d.result} />
        </Card>
      )}

      {d.refusals.length > 0 && (
        <Card title="被拒绝的操作" size="small">
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10 }}
            dataSource={d.refusals}
            columns={[
              { title: '时间', dataIndex: 'at', render: (t: string) => new Date(t).toLocaleString('zh-CN') },
              { title: '账号', dataIndex: 'by' },
              { title: '原因', dataIndex: 'reason' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
