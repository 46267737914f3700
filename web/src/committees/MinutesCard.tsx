import { Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { MINUTES_STATUS_LABEL } from '../../../core/committee';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { showError, toast } from '../shared/feedback';
import type { MeetingDetail } from './types';

const COLOR = { posted: 'green', due: 'blue', dueSoon: 'orange', overdue: 'red', notHeld: 'default' } as const;

/** 会议纪要: entered when the meeting is held, then posted with the resolutions within 3 days for 10 working days (R32). */
export function MinutesCard({
  meeting: d,
  onChange,
  reload,
}: {
  meeting: MeetingDetail;
  onChange(next: MeetingDetail): void;
  reload(): void;
}) {
  const [hold, setHold] = useState(false);
  const [form] = Form.useForm<{ minutes: string }>();
  const publish = async () => {
    try {
      const r = await api.post<{ endDate: string }>(`/api/committee-meetings/${d.id}/publish`, {});
      toast('success', `已公示，公示期至${formatDateZh(r.endDate)}`);
      reload();
    } catch (e) {
      showError(e);
    }
  };
  const s = d.minutesStatus;
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          会议纪要
          <Tag color={COLOR[s.status]} data-testid="minutes-status">
            {MINUTES_STATUS_LABEL[s.status]}
            {s.status !== 'posted' && s.status !== 'notHeld' ? `（${formatDateZh(s.deadline)}前公示）` : ''}
          </Tag>
        </Space>
      }
      extra={
        <Space wrap>
          {d.canManage && d.state === 'convened' && (
            <Button size="small" onClick={() => setHold(true)} data-testid="cmeeting-hold">
              登记会议召开与纪要
            </Button>
          )}
          {d.state === 'held' && (
            <Button size="small" href={`/api/committee-meetings/${d.id}/minutes.docx`} data-testid="cmeeting-docx">
              会议纪要（.docx）
            </Button>
          )}
          {d.canManage && d.state === 'held' && !d.minutesNoticeId && (
            <Button size="small" type="primary" onClick={publish} data-testid="cmeeting-publish">
              公示纪要和决议
            </Button>
          )}
          {d.minutesNoticeId && (
            <Link to={`/notices/${d.minutesNoticeId}`} data-testid="cmeeting-notice">
              查看公示
            </Link>
          )}
        </Space>
      }
    >
      {d.minutes ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{d.minutes}</Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">会议召开后登记纪要。</Typography.Text>
      )}
      {hold && (
        <FormModal<{ minutes: string }>
          title="登记会议召开与纪要"
          open
          form={form}
          testId="hold-form"
          onClose={() => setHold(false)}
          onSubmit={async (v) =>
            onChange(await api.post<MeetingDetail>(`/api/committee-meetings/${d.id}/hold`, { minutes: v.minutes.trim() }))
          }
        >
          <Form.Item name="minutes" label="会议纪要" rules={[{ required: true, whitespace: true, message: '请填写会议纪要' }]}>
            <Input.TextArea rows={6} count={{ show: true, max: 20000 }} data-testid="hold-form-minutes" />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
