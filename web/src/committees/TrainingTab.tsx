import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { useSession } from '../auth/session';
import { FormModal } from '../shared/FormModal';
import { toast } from '../shared/feedback';
import { fileToUpload } from '../shared/upload';
import { useApi } from '../shared/useApi';

interface Coverage {
  year: number;
  required: number;
  attended: number;
  december: boolean;
  trainings: { id: number; heldOn: string; topic: string; attendees: number[]; materials: { id: number; fileName: string }[] }[];
  people: { personId: number; name: string; roleLabel: string; community: string; place: string; attended: boolean; flagged: boolean }[];
  communities: { id: number; name: string; required: number; attended: number }[];
}

/** 培训 (R41): the street's centralised trainings and the year's coverage of those who must attend. */
export function TrainingTab() {
  const { me } = useSession();
  const node = me?.roles.find((r) => r.nodeKind === 'street' || r.nodeKind === 'community');
  const [year, setYear] = useState(Number((me?.today ?? dayjs().format('YYYY-MM-DD')).slice(0, 4)));
  const [open, setOpen] = useState(false);
  const data = useApi<Coverage>(node ? '/api/trainings' : null, node ? { nodeId: node.nodeId, year } : undefined);
  if (!node) return <Alert type="info" showIcon title="培训覆盖按街道或社区统计" />;
  const d = data.data;
  const supervises = me?.permissions.includes('committee.supervise') && node.nodeKind === 'street';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="training-tab">
      <Space wrap>
        <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} addonAfter="年度" />
        {supervises && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="training-record">
            登记集中培训
          </Button>
        )}
      </Space>
      {d && (
        <>
          <Card size="small" title={`${d.year}年度应参训${d.required}人，已参训${d.attended}人`}>
            <Space wrap>
              {d.communities.map((c) => (
                <Tag key={c.id} color={c.attended === c.required ? 'green' : 'orange'}>
                  {c.name}：{c.attended}/{c.required}
                </Tag>
              ))}
            </Space>
          </Card>
          <Table
            rowKey={(p) => `${p.personId}-${p.roleLabel}`}
            size="small"
            pagination={false}
            dataSource={d.people}
            scroll={{ x: 560 }}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '职务', render: (_, p) => `${p.place}${p.roleLabel}` },
              { title: '社区', dataIndex: 'community' },
              {
                title: '参训',
                render: (_, p) =>
                  p.attended ? (
                    <Tag color="green">已参训</Tag>
                  ) : (
                    <Tag color={p.flagged ? 'red' : 'default'}>{p.flagged ? '年内未参训' : '未参训'}</Tag>
                  ),
              },
            ]}
          />
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.trainings}
            locale={{ emptyText: '本年度尚无集中培训' }}
            columns={[
              { title: '日期', render: (_, t) => formatDateZh(t.heldOn) },
              { title: '主题', dataIndex: 'topic' },
              { title: '签到', render: (_, t) => `${t.attendees.length}人` },
              { title: '材料', render: (_, t) => t.materials.map((m) => m.fileName).join('、') },
            ]}
          />
        </>
      )}
      {open && d && <RecordModal streetId={node.nodeId} people={d.people} onClose={() => setOpen(false)} onDone={data.reload} />}
    </Space>
  );
}

type Values = { heldOn: Dayjs; topic: string; attendeeIds: number[] };

function RecordModal({
  streetId,
  people,
  onClose,
  onDone,
}: {
  streetId: number;
  people: Coverage['people'];
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  return (
    <FormModal<Values>
      title="登记集中培训"
      open
      form={form}
      testId="training-form"
      initialValues={{ heldOn: dayjs(), attendeeIds: [] }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post('/api/trainings', {
          streetId,
          heldOn: v.heldOn.format('YYYY-MM-DD'),
          topic: v.topic.trim(),
          attendeeIds: v.attendeeIds,
          materials: await Promise.all(files.map(fileToUpload)),
        });
        toast('success', '已登记培训');
        onDone();
      }}
    >
      <Form.Item name="heldOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} allowClear={false} />
      </Form.Item>
      <Form.Item name="topic" label="主题" rules={[{ required: true, whitespace: true, message: '请填写主题' }]}>
        <Input maxLength={200} data-testid="training-form-topic" />
      </Form.Item>
      <Form.Item name="attendeeIds" label="签到人员">
        <Select
          mode="multiple"
          optionFilterProp="label"
          options={people.map((p) => ({ value: p.personId, label: `${p.name}（${p.place}${p.roleLabel}）` }))}
        />
      </Form.Item>
      <Form.Item label="培训材料">
        <input type="file" multiple accept=".pdf,.jpg,.jpeg,.png,.docx" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
      </Form.Item>
    </FormModal>
  );
}
