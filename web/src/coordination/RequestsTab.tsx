import { Alert, Button, Card, Empty, Form, Input, Popconfirm, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';
import { FormModal } from '../shared/FormModal';
import { useApi } from '../shared/useApi';

interface CommitteeRequest {
  id: number;
  estateName: string;
  title: string;
  content: string;
  submitter: string;
  submittedAt: string;
  state: 'waiting' | 'onAgenda' | 'withdrawn';
  stateLabel: string;
  meeting: { id: number; title: string; heldOn: string } | null;
  canWithdraw: boolean;
}
interface RequestList {
  canSubmit: boolean;
  estates: { id: number; name: string }[];
  items: CommitteeRequest[];
}

const STATE_COLOR = { waiting: 'orange', onAgenda: 'blue', withdrawn: 'default' } as const;

/**
 * 提请事项: what a committee asks its community's 四位一体 meeting to take up. The committee submits and
 * follows its requests (and may withdraw one no meeting has taken); community and street staff see
 * those of their scope, which their meetings pick from the agenda candidates.
 */
export function RequestsTab() {
  const list = useApi<RequestList>('/api/coordination/requests');
  const [submitting, setSubmitting] = useState(false);
  const withdraw = async (r: CommitteeRequest) => {
    try {
      await api.post(`/api/coordination/requests/${r.id}/withdraw`, {});
      toast('success', '已撤回');
      list.reload();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {list.data?.canSubmit && (
        <Space wrap>
          <Button type="primary" onClick={() => setSubmitting(true)} data-testid="request-submit-open">
            提请协调
          </Button>
          <Typography.Text type="secondary">本小区需要社区、居委会、物业和委员会一起解决的事，提请社区四位一体会议协调。</Typography.Text>
        </Space>
      )}
      {list.error && <Alert type="error" showIcon title={list.error} />}
      {!list.data ? <Spin /> : list.data.items.length === 0 && <Empty description="还没有提请事项" />}
      {list.data?.items.map((r) => (
        <Card
          key={r.id}
          size="small"
          data-testid={`request-${r.id}`}
          title={
            <Space wrap>
              {r.estateName}：{r.title}
              <Tag color={STATE_COLOR[r.state]}>{r.stateLabel}</Tag>
            </Space>
          }
          extra={
            r.canWithdraw && (
              <Popconfirm
                title="撤回这条提请事项？"
                okText="撤回"
                cancelText="取消"
                okButtonProps={{ 'data-testid': 'confirm-ok' }}
                onConfirm={() => withdraw(r)}
              >
                <Button size="small" data-testid={`request-withdraw-${r.id}`}>
                  撤回
                </Button>
              </Popconfirm>
            )
          }
        >
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{r.content}</Typography.Paragraph>
          <Typography.Text type="secondary">
            {r.submitter} 于 {formatDateZh(r.submittedAt.slice(0, 10))} 提请
            {r.meeting && (
              <>
                ；已列入 <Link to={`/coordination/meetings/${r.meeting.id}`}>{r.meeting.title}</Link>（{formatDateZh(r.meeting.heldOn)}）
              </>
            )}
          </Typography.Text>
        </Card>
      ))}
      {submitting && list.data && (
        <SubmitRequestModal
          estates={list.data.estates}
          onClose={() => setSubmitting(false)}
          onSaved={() => {
            toast('success', '已提请，社区会在四位一体会议上协调');
            list.reload();
          }}
        />
      )}
    </Space>
  );
}

function SubmitRequestModal({ estates, onClose, onSaved }: { estates: { id: number; name: string }[]; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{ estateId: number; title: string; content: string }>();
  return (
    <FormModal
      title="提请四位一体会议协调"
      open
      form={form}
      testId="request"
      initialValues={{ estateId: estates[0]?.id }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post('/api/coordination/requests', v);
        onSaved();
      }}
    >
      {estates.length > 1 && (
        <Form.Item name="estateId" label="小区" rules={[{ required: true, message: '请选择小区' }]}>
          <Select options={estates.map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
      )}
      {estates.length <= 1 && (
        <Form.Item name="estateId" hidden>
          <Input />
        </Form.Item>
      )}
      <Form.Item name="title" label="事项" rules={[{ required: true, message: '请填写事项' }]}>
        <Input maxLength={100} placeholder="如：地下车库渗水维修分歧" data-testid="request-title" />
      </Form.Item>
      <Form.Item name="content" label="情况说明" rules={[{ required: true, message: '请说明情况' }]}>
        <Input.TextArea rows={4} maxLength={2000} data-testid="request-content" />
      </Form.Item>
    </FormModal>
  );
}
