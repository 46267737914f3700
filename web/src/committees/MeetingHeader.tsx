import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CONVENED_BY_LABEL, MEETING_PURPOSE_LABEL, MEETING_STATE_LABEL, meetingNext } from '../../../core/committee';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import type { MeetingDetail } from './types';

const STATE_COLOR = { convened: 'blue', held: 'green', cancelled: 'default' } as const;

/** A meeting's notice: committee, date, who convened, where; the 述职 meeting's invited owner representatives; 取消会议. */
export function MeetingHeader({ meeting: d, onChange }: { meeting: MeetingDetail; onChange(m: MeetingDetail): void }) {
  const [cancelling, setCancelling] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          {d.title}
          <Tag color={STATE_COLOR[d.state]} data-testid="cmeeting-state">
            {MEETING_STATE_LABEL[d.state]}
          </Tag>
          {d.purpose === 'annualReport' && <Tag color="purple">{MEETING_PURPOSE_LABEL.annualReport}</Tag>}
        </Space>
      }
      extra={
        <Space>
          {d.canManage && meetingNext(d.state, 'cancel') && (
            <Button size="small" danger onClick={() => setCancelling(true)} data-testid="cmeeting-cancel">
              取消会议
            </Button>
          )}
          <Link to={`/committees/${d.committee.kind}/${d.committee.id}`}>返回委员会</Link>
        </Space>
      }
    >
      {d.cancelled && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="cmeeting-cancelled"
          title={`会议已于${d.cancelled.on ? formatDateZh(d.cancelled.on) : ''}取消`}
          description={`原因：${d.cancelled.reason ?? ''}`}
        />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'c', label: '委员会', children: `${d.committee.estateName}${d.committee.kindLabel}` },
          { key: 'd', label: '日期', children: formatDateZh(d.heldOn) },
          { key: 'b', label: '召集', children: CONVENED_BY_LABEL[d.convenedBy] },
          { key: 'l', label: '地点', children: d.location ?? '—' },
          ...(d.purpose === 'annualReport'
            ? [
                {
                  key: 'g',
                  label: '列席业主代表',
                  children: <span data-testid="cmeeting-guests">{d.guests.map((g) => g.name).join('、') || '—'}</span>,
                },
              ]
            : []),
        ]}
      />
      {cancelling && (
        <FormModal<{ reason: string }>
          title="取消会议"
          open
          form={form}
          testId="cancel-form"
          submitText="取消会议并通知委员"
          danger
          onClose={() => setCancelling(false)}
          onSubmit={async (v) => {
            onChange(await api.post<MeetingDetail>(`/api/committee-meetings/${d.id}/cancel`, { reason: v.reason.trim() }));
          }}
        >
          <Form.Item
            name="reason"
            label="取消原因（将通知全体委员）"
            rules={[{ required: true, whitespace: true, message: '请填写取消原因' }]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="cancel-form-reason" />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
