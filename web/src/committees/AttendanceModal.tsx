import { Checkbox, Form, Input, Radio, Space, Tag } from 'antd';
import { quorum } from '../../../core/committee';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { QuorumLine } from './QuorumLine';
import type { MeetingDetail } from './types';

type Row = { present?: boolean; mode?: 'inPerson' | 'online'; proxy?: string };
type Values = { rows: Row[] };

/** 登记出席: each member in person or online; the quorum recomputed as boxes are ticked (R32). */
export function AttendanceModal({
  meeting,
  onClose,
  onDone,
}: {
  meeting: MeetingDetail;
  onClose(): void;
  onDone(next: MeetingDetail): void;
}) {
  const [form] = Form.useForm<Values>();
  const members = meeting.members;
  const rows = Form.useWatch('rows', form) as Row[] | undefined;
  const present = new Set(members.filter((_, i) => rows?.[i]?.present).map((m) => m.id));
  const live = quorum(members, present, { suspendedCounted: meeting.suspendedCounted });
  return (
    <FormModal<Values>
      title="登记出席"
      open
      form={form}
      width={640}
      testId="attendance-form"
      submitText="保存"
      initialValues={{ rows: members.map((m) => ({ present: m.present, mode: m.mode ?? 'inPerson', proxy: m.proxy ?? undefined })) }}
      onClose={onClose}
      onSubmit={async (v) => {
        const attendance = members.flatMap((m, i) => {
          const r = v.rows[i];
          return r?.present ? [{ memberId: m.id, mode: r.mode ?? 'inPerson', proxy: r.proxy?.trim() || null }] : [];
        });
        onDone(await api.put<MeetingDetail>(`/api/committee-meetings/${meeting.id}/attendance`, { attendance }));
      }}
    >
      <Form.List name="rows">
        {(fields) =>
          fields.map((f, i) => {
            const m = members[i]!;
            return (
              <Space key={f.key} wrap style={{ display: 'flex' }} align="start">
                <Form.Item name={[f.name, 'present']} valuePropName="checked" style={{ width: 170, marginBottom: 8 }}>
                  <Checkbox disabled={m.suspended} data-testid={`attend-${m.id}`}>
                    {m.name}
                    {m.ownerRepresentative && <Tag style={{ marginLeft: 4 }}>业主代表</Tag>}
                    {m.suspended && <Tag color="volcano">暂停履职</Tag>}
                  </Checkbox>
                </Form.Item>
                <Form.Item name={[f.name, 'mode']} style={{ marginBottom: 8 }}>
                  <Radio.Group
                    size="small"
                    options={[
                      { value: 'inPerson', label: '现场' },
                      { value: 'online', label: '线上' },
                    ]}
                  />
                </Form.Item>
                {!m.ownerRepresentative && (
                  <Form.Item name={[f.name, 'proxy']} style={{ marginBottom: 8 }}>
                    <Input size="small" placeholder="委托代理人（如有）" maxLength={50} />
                  </Form.Item>
                )}
              </Space>
            );
          })
        }
      </Form.List>
      <p className="muted">业主代表委员应本人出席，不得委托他人（R32）。</p>
      <QuorumLine quorum={live} testId="live-quorum" />
    </FormModal>
  );
}
