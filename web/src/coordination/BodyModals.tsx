import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { MEMBER_KIND_LABEL, MEMBER_KINDS, type MemberKind } from '../../../core/coordination';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { todayInChina } from '../shared/format';
import type { Body, Meeting } from './types';

interface MeetingValues {
  title: string;
  heldOn: Dayjs;
  location?: string;
}

/** 安排会议: overdue tasks in the body's reach go onto its agenda at once; the page opens the meeting. */
export function MeetingCreateModal({ body, onClose }: { body: Body; onClose(): void }) {
  const [form] = Form.useForm<MeetingValues>();
  const navigate = useNavigate();
  return (
    <FormModal<MeetingValues>
      title={`安排会议：${body.name}`}
      open
      form={form}
      testId="meeting-create"
      submitText="安排"
      initialValues={{ heldOn: dayjs(todayInChina()) }}
      onClose={onClose}
      onSubmit={async (v) => {
        const m = await api.post<Meeting>('/api/coordination/meetings', {
          bodyId: body.id,
          title: v.title.trim(),
          heldOn: v.heldOn.format('YYYY-MM-DD'),
          location: v.location?.trim() || null,
        });
        navigate(`/coordination/meetings/${m.id}`);
      }}
    >
      <Form.Item name="title" label="会议名称" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]}>
        <Input maxLength={200} placeholder="如：2025年第四季度“四位一体”协调会" data-testid="meeting-create-title" />
      </Form.Item>
      <Form.Item
        name="heldOn"
        label="召开日期"
        rules={[{ required: true, message: '请选择召开日期' }]}
        extra="逾期未办结的任务将自动列入议题"
      >
        <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="meeting-create-date" />
      </Form.Item>
      <Form.Item name="location" label="地点">
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}

interface MemberRow {
  id?: number;
  kind: MemberKind;
  organisation: string;
  representative?: string | null;
  accountLogin?: string | null;
}

/** 成员单位: who sits at the table, who represents each, and whose account carries its tasks. */
export function MembersModal({ body, onClose, onDone }: { body: Body; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ members: MemberRow[] }>();
  return (
    <FormModal<{ members: MemberRow[] }>
      title={`成员单位：${body.name}`}
      open
      form={form}
      width={860}
      testId="members"
      submitText="保存"
      initialValues={{
        members: body.members
          .filter((m) => m.active)
          .map((m) => ({
            id: m.id,
            kind: m.kind,
            organisation: m.organisation,
            representative: m.representative,
            accountLogin: m.accountLogin,
          })),
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.put(`/api/coordination/bodies/${body.id}/members`, {
          members: v.members.map((m) => ({
            ...(m.id ? { id: m.id } : {}),
            kind: m.kind,
            organisation: m.organisation.trim(),
            representative: m.representative?.trim() || null,
            accountLogin: m.accountLogin?.trim() || null,
            companyId: body.members.find((x) => x.id === m.id)?.companyId ?? null,
          })),
        });
        onDone();
      }}
    >
      <p className="muted" style={{ marginTop: 0 }}>
        办理账号：交办给该单位的任务由这个账号查看和办理（如区职能部门的用户）；物业服务企业的任务由其从业人员办理。
      </p>
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: '类型' }]} style={{ width: 150 }}>
                  <Select options={MEMBER_KINDS.map((k) => ({ value: k, label: MEMBER_KIND_LABEL[k] }))} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'organisation']}
                  rules={[{ required: true, whitespace: true, message: '单位名称' }]}
                  style={{ width: 220 }}
                >
                  <Input placeholder="单位名称" data-testid={`member-organisation-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'representative']} style={{ width: 120 }}>
                  <Input placeholder="代表" />
                </Form.Item>
                <Form.Item name={[f.name, 'accountLogin']} style={{ width: 160 }}>
                  <Input placeholder="办理账号（用户名）" data-testid={`member-account-${i}`} />
                </Form.Item>
                <Button onClick={() => remove(f.name)}>移除</Button>
              </Space>
            ))}
            <Button onClick={() => add({ kind: 'other', organisation: '' })}>添加成员单位</Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
