import { Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { useApi } from '../shared/useApi';
import type { Candidate, Meeting } from './types';

interface Props {
  meeting: Meeting;
  onClose(): void;
  onDone(next: Meeting): void;
}

/** 列入议题: an item the platform's lists offer (overdue tasks, disputes, estates behind the plan…), or typed. */
export function AgendaModal({ meeting, onClose, onDone }: Props) {
  const [form] = Form.useForm<{ pick?: string; title?: string; note?: string }>();
  const [mode, setMode] = useState<'list' | 'typed'>('list');
  const candidates = useApi<{ items: Candidate[] }>(`/api/coordination/meetings/${meeting.id}/candidates`);
  const key = (c: Candidate) => `${c.source}:${c.sourceId}`;
  return (
    <FormModal<{ pick?: string; title?: string; note?: string }>
      title="列入议题"
      open
      form={form}
      width={680}
      testId="agenda-form"
      submitText="列入"
      onClose={onClose}
      onSubmit={async (v) => {
        const c = candidates.data?.items.find((x) => key(x) === v.pick);
        const body =
          mode === 'list' && c
            ? { source: c.source, sourceId: c.sourceId, estateId: c.estateId, title: c.title, note: v.note?.trim() || c.detail }
            : { source: 'typed', title: (v.title ?? '').trim(), note: v.note?.trim() || null };
        onDone(await api.post<Meeting>(`/api/coordination/meetings/${meeting.id}/agenda`, body));
      }}
    >
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ marginBottom: 12 }}>
        <Radio value="list">从清单中选择</Radio>
        <Radio value="typed">手工填写</Radio>
      </Radio.Group>
      {mode === 'list' ? (
        <Form.Item name="pick" label="事项" rules={[{ required: true, message: '请选择事项' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={!candidates.data}
            notFoundContent="清单中没有可列入的事项"
            options={candidates.data?.items.map((c) => ({ value: key(c), label: `【${c.sourceLabel}】${c.title}` }))}
            data-testid="agenda-form-pick"
          />
        </Form.Item>
      ) : (
        <Form.Item name="title" label="议题" rules={[{ required: true, whitespace: true, message: '请填写议题' }]}>
          <Input maxLength={300} data-testid="agenda-form-title" />
        </Form.Item>
      )}
      <Form.Item name="note" label="说明">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

type RecordValues = { attendance: { memberId: number; present: boolean; attendee?: string }[]; minutes: string };

/** 登记出席与纪要: who came for each member organisation, and the minutes. */
export function RecordModal({ meeting, onClose, onDone }: Props) {
  const [form] = Form.useForm<RecordValues>();
  const members = meeting.members.filter((m) => m.active);
  return (
    <FormModal<RecordValues>
      title="登记出席情况和会议纪要"
      open
      form={form}
      width={720}
      testId="record-form"
      submitText="保存"
      initialValues={{
        attendance: members.map((m) => ({
          memberId: m.id,
          present: m.present ?? true,
          attendee: m.attendee ?? m.representative ?? undefined,
        })),
        minutes: meeting.minutes ?? '',
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(
          await api.post<Meeting>(`/api/coordination/meetings/${meeting.id}/record`, {
            // the form holds only the fields it shows: each row is the member at its place
            attendance: v.attendance.map((a, i) => ({
              memberId: members[i]!.id,
              present: Boolean(a.present),
              attendee: a.attendee?.trim() || null,
            })),
            minutes: v.minutes.trim(),
          }),
        );
      }}
    >
      <Form.List name="attendance">
        {(fields) =>
          fields.map((f, i) => (
            <Space key={f.key} style={{ display: 'flex' }} align="start">
              <Form.Item name={[f.name, 'present']} valuePropName="checked" style={{ width: 260 }}>
                <Checkbox data-testid={`record-present-${members[i]!.id}`}>{members[i]!.organisation}</Checkbox>
              </Form.Item>
              <Form.Item name={[f.name, 'attendee']}>
                <Input placeholder="出席人" maxLength={50} />
              </Form.Item>
            </Space>
          ))
        }
      </Form.List>
      <Form.Item name="minutes" label="会议纪要" rules={[{ required: true, whitespace: true, message: '请填写会议纪要' }]}>
        <Input.TextArea rows={6} count={{ show: true, max: 20000 }} data-testid="record-form-minutes" />
      </Form.Item>
    </FormModal>
  );
}

type ResolutionValues = {
  text: string;
  agendaId?: number;
  tasks: { memberId: number; assignee?: string; title: string; dueWorkdays: number; originTaskId?: number }[];
};

/** 形成决议: its text, the agenda item it settles, and the tasks it gives — each to a member organisation, due in working days. */
export function ResolutionModal({ meeting, onClose, onDone }: Props) {
  const [form] = Form.useForm<ResolutionValues>();
  const overdue = meeting.agenda.filter((a) => a.source === 'overdueTask' && a.sourceId != null);
  return (
    <FormModal<ResolutionValues>
      title="形成决议并交办任务"
      open
      form={form}
      width={860}
      testId="resolution-form"
      submitText="保存决议"
      initialValues={{ tasks: [] }}
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(
          await api.post<Meeting>(`/api/coordination/meetings/${meeting.id}/resolutions`, {
            text: v.text.trim(),
            agendaId: v.agendaId ?? null,
            tasks: v.tasks.map((t) => ({
              ...t,
              title: t.title.trim(),
              assignee: t.assignee?.trim() || null,
              originTaskId: t.originTaskId ?? null,
            })),
          }),
        );
      }}
    >
      <Form.Item name="agendaId" label="对应议题">
        <Select allowClear options={meeting.agenda.map((a) => ({ value: a.id, label: a.title }))} data-testid="resolution-form-agenda" />
      </Form.Item>
      <Form.Item name="text" label="决议内容" rules={[{ required: true, whitespace: true, message: '请填写决议内容' }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="resolution-form-text" />
      </Form.Item>
      <Form.List name="tasks">
        {(fields, { add, remove }) => (
          <Form.Item label="交办任务">
            {fields.map((f, i) => (
              <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'memberId']} rules={[{ required: true, message: '承办单位' }]} style={{ width: 200 }}>
                  <Select
                    placeholder="承办单位"
                    options={meeting.members.filter((m) => m.active).map((m) => ({ value: m.id, label: m.organisation }))}
                    data-testid={`resolution-task-member-${i}`}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '任务' }]} style={{ width: 240 }}>
                  <Input placeholder="任务" data-testid={`resolution-task-title-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'dueWorkdays']} rules={[{ required: true, message: '期限' }]}>
                  <InputNumber min={1} max={250} addonAfter="个工作日" style={{ width: 150 }} data-testid={`resolution-task-days-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'assignee']} style={{ width: 110 }}>
                  <Input placeholder="承办人" />
                </Form.Item>
                {overdue.length > 0 && (
                  <Form.Item name={[f.name, 'originTaskId']} style={{ width: 200 }}>
                    <Select
                      allowClear
                      placeholder="接续逾期任务（转交）"
                      options={overdue.map((a) => ({ value: a.sourceId!, label: a.title }))}
                      data-testid={`resolution-task-origin-${i}`}
                    />
                  </Form.Item>
                )}
                <Button onClick={() => remove(f.name)}>移除</Button>
              </Space>
            ))}
            <Button onClick={() => add({ dueWorkdays: 5 })} data-testid="resolution-add-task">
              添加任务
            </Button>
          </Form.Item>
        )}
      </Form.List>
    </FormModal>
  );
}
