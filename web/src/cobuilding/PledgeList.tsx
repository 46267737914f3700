import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Form, Input, InputNumber, List, Select, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useOrgTree } from '../org/useOrgTree';
import { FormModal } from '../shared/FormModal';
import { toast } from '../shared/feedback';
import { useApi } from '../shared/useApi';
import type { Pledge } from './types';

function CreatePledgeModal({ onClose, onSaved }: { onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{ estateId: number; personId: number; title: string; content: string }>();
  const { tree } = useOrgTree();
  const { data: members } = useApi<{ items: { id: number; name: string }[] }>('/api/people', { partyStatus: 'full', pageSize: 200 });
  const estates = tree ? [...tree.byId.values()].filter((n) => n.kind === 'estate' && n.inScope) : [];
  return (
    <FormModal
      title="登记党员承诺"
      open
      form={form}
      testId="pledge"
      onClose={onClose}
      onSubmit={async ({ estateId, ...v }) => {
        await api.post(`/api/estates/${estateId}/pledges`, v);
        onSaved();
      }}
    >
      <Form.Item name="estateId" label="小区" rules={[{ required: true, message: '请选择小区' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={estates.map((e) => ({ value: e.id, label: e.name }))}
          data-testid="pledge-estate"
        />
      </Form.Item>
      <Form.Item name="personId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={(members?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          data-testid="pledge-person"
        />
      </Form.Item>
      <Form.Item name="title" label="承诺" rules={[{ required: true, message: '请填写承诺' }]}>
        <Input maxLength={50} data-testid="pledge-title" />
      </Form.Item>
      <Form.Item name="content" label="内容" rules={[{ required: true, message: '请填写内容' }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="pledge-content" />
      </Form.Item>
    </FormModal>
  );
}

function ProgressModal({ pledge, onClose, onSaved }: { pledge: Pledge; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{ note: string; hours: number; fulfilled: boolean }>();
  return (
    <FormModal
      title={`践诺进展：${pledge.title}`}
      open
      form={form}
      testId="progress"
      initialValues={{ hours: 0, fulfilled: false }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/pledges/${pledge.id}/progress`, { note: v.note, minutes: Math.round(v.hours * 60), fulfilled: v.fulfilled });
        onSaved();
      }}
    >
      <Form.Item name="note" label="进展" rules={[{ required: true, message: '请填写进展' }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
      <Form.Item name="hours" label="志愿服务时长（小时）">
        <InputNumber min={0} max={240} step={0.5} />
      </Form.Item>
      <Form.Item name="fulfilled" valuePropName="checked">
        <Checkbox>承诺已兑现（亮诺）</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

/** 承诺践诺亮诺: party members' pledges, their progress and fulfilment (shown on the estate's public page). */
export function PledgeList() {
  const { data, reload } = useApi<{ items: Pledge[] }>('/api/pledges');
  const [creating, setCreating] = useState(false);
  const [progress, setProgress] = useState<Pledge | null>(null);
  const saved = () => {
    toast('success', '已保存');
    reload();
  };
  return (
    <Card
      title="党员承诺（承诺践诺亮诺）"
      style={{ marginBottom: 16 }}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="pledge-add">
          登记承诺
        </Button>
      }
    >
      {data?.items.length === 0 && <Empty description="暂无党员承诺" />}
      <List
        dataSource={data?.items ?? []}
        renderItem={(p) => (
          <List.Item
            actions={
              p.state === 'active'
                ? [
                    <a key="p" onClick={() => setProgress(p)}>
                      登记进展
                    </a>,
                  ]
                : []
            }
            data-testid={`pledge-${p.id}`}
          >
            <List.Item.Meta
              title={
                <>
                  {p.personName}：{p.title} <Tag color={p.state === 'fulfilled' ? 'green' : 'blue'}>{p.stateLabel}</Tag>
                </>
              }
              description={[p.estateName, p.content, ...p.progress.map((x) => `${x.onDate} ${x.note}`)].join(' · ')}
            />
          </List.Item>
        )}
      />
      {creating && <CreatePledgeModal onClose={() => setCreating(false)} onSaved={saved} />}
      {progress && <ProgressModal pledge={progress} onClose={() => setProgress(null)} onSaved={saved} />}
    </Card>
  );
}
