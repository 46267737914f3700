import { Alert, Button, Card, List, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { EVALUATION_CHOICE_LABEL, EVALUATION_CHOICES } from '../../../core/committee';
import { formatArea } from '../../../core/area';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';
import { useApi } from '../shared/useApi';
import { RectificationModal, StepModal } from './RectificationModals';
import { ReportHeader } from './ReportHeader';
import type { AnnualReport } from './types';

/** A 述职: the evaluation counted by heads and area, the opinions, the rectification items and the feedback. */
export default function ReportPage() {
  const id = Number(useParams().id);
  const r = useApi<AnnualReport>(`/api/committee-reports/${id}`);
  const [dialog, setDialog] = useState<
    { kind: 'item'; opinion?: { id: number; opinion: string } } | { kind: 'step'; itemId: number; title: string } | null
  >(null);
  if (r.error) return <Alert type="error" showIcon title={r.error} />;
  if (!r.data) return <Spin />;
  const d = r.data;
  const post = async (path: string, done: string) => {
    try {
      await api.post(path, {});
      toast('success', done);
      r.reload();
    } catch (e) {
      showError(e);
    }
  };
  const res = d.result;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="report-page">
      <ReportHeader report={d} />
      <Card
        size="small"
        title="评议结果（按户数和专有部分面积）"
        extra={
          d.closed && !d.resultNoticeId ? (
            <Button
              size="small"
              type="primary"
              onClick={() => post(`/api/committee-reports/${d.id}/result`, '已公布评议结果')}
              data-testid="report-publish-result"
            >
              公布评议结果
            </Button>
          ) : d.resultNoticeId ? (
            <Link to={`/notices/${d.resultNoticeId}`}>结果公告</Link>
          ) : null
        }
      >
        <Table
          rowKey="c"
          size="small"
          pagination={false}
          data-testid="report-result"
          dataSource={EVALUATION_CHOICES.map((c) => ({
            c,
            label: EVALUATION_CHOICE_LABEL[c],
            heads: res.heads[c],
            area: formatArea(res.areaCenti[c]),
          }))}
          columns={[
            { title: '评议', dataIndex: 'label' },
            { title: '户数', dataIndex: 'heads' },
            { title: '面积（平方米）', dataIndex: 'area' },
          ]}
          footer={() =>
            `全体业主${res.totalHeads}户、${formatArea(res.totalAreaCenti)}平方米；参加评议${res.evaluatedHeads}户、${formatArea(res.evaluatedAreaCenti)}平方米（共有人计为一户）`
          }
        />
      </Card>
      <Card size="small" title="业主意见">
        <List
          size="small"
          dataSource={d.opinions}
          locale={{ emptyText: '尚无意见' }}
          renderItem={(o) => (
            <List.Item
              data-testid={`opinion-${o.id}`}
              actions={[
                <Button key="i" size="small" onClick={() => setDialog({ kind: 'item', opinion: o })} data-testid={`opinion-${o.id}-item`}>
                  形成整改事项
                </Button>,
              ]}
            >
              【{EVALUATION_CHOICE_LABEL[o.choice]}】{o.opinion}
            </List.Item>
          )}
        />
      </Card>
      <Card
        size="small"
        title="整改事项"
        extra={
          d.rectifications.length > 0 &&
          (d.feedbackNoticeId ? (
            <Link to={`/notices/${d.feedbackNoticeId}`} data-testid="report-feedback-notice">
              整改反馈公告
            </Link>
          ) : (
            <Button
              size="small"
              onClick={() => post(`/api/committee-reports/${d.id}/feedback`, '已公开整改反馈')}
              data-testid="report-feedback"
            >
              公开整改反馈
            </Button>
          ))
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.rectifications}
          scroll={{ x: 560 }}
          locale={{ emptyText: '尚无整改事项' }}
          columns={[
            { title: '事项', dataIndex: 'title' },
            { title: '责任委员', dataIndex: 'memberName' },
            { title: '期限', render: (_, x) => `${formatDateZh(x.dueOn)}（${x.dueWorkdays}个工作日）` },
            {
              title: '状态',
              render: (_, x) => (
                <Space direction="vertical" size={0}>
                  <Tag color={x.state === 'done' ? 'green' : x.overdue ? 'red' : 'blue'} data-testid={`item-${x.id}-state`}>
                    {x.state === 'done' ? `已完成（${formatDateZh(x.doneOn!)}）` : x.overdue ? '已逾期' : '整改中'}
                  </Tag>
                  {x.progress.map((p, i) => (
                    <span key={i} className="muted">
                      {formatDateZh(p.on)}：{p.note}
                    </span>
                  ))}
                </Space>
              ),
            },
            {
              title: '',
              render: (_, x) =>
                x.state === 'open' ? (
                  <Button
                    size="small"
                    onClick={() => setDialog({ kind: 'step', itemId: x.id, title: x.title })}
                    data-testid={`item-${x.id}-step`}
                  >
                    登记进展
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {dialog?.kind === 'item' && (
        <RectificationModal report={d} opinion={dialog.opinion} onClose={() => setDialog(null)} onDone={r.reload} />
      )}
      {dialog?.kind === 'step' && (
        <StepModal itemId={dialog.itemId} title={dialog.title} onClose={() => setDialog(null)} onDone={r.reload} />
      )}
    </Space>
  );
}
