import { Form, Input, Select } from 'antd';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import type { ClassifiedEstate, EstateClassDef } from './types';

/** 调整分类: the street moves an estate to another class, with its reason. */
export function OverrideModal({
  estate,
  classes,
  onClose,
  onDone,
}: {
  estate: ClassifiedEstate;
  classes: EstateClassDef[];
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<{ classCode: string; reason: string }>();
  return (
    <FormModal
      title={`调整分类：${estate.name}`}
      open
      form={form}
      testId="override-form"
      initialValues={{ classCode: estate.classCode }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.put(`/api/estates/${estate.id}/class-override`, v);
        onDone();
      }}
    >
      <p className="muted">按规则：{estate.reason}</p>
      <Form.Item name="classCode" label="调整为" rules={[{ required: true, message: '请选择分类' }]}>
        <Select options={classes.map((c) => ({ value: c.code, label: c.label }))} data-testid="override-class" />
      </Form.Item>
      <Form.Item name="reason" label="调整理由" rules={[{ required: true, whitespace: true, message: '请填写调整理由' }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="override-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** 确定试点: the street names an estate a pilot, with its reason. */
export function PilotModal({ estate, onClose, onDone }: { estate: ClassifiedEstate; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal
      title={`确定为试点小区：${estate.name}`}
      open
      form={form}
      testId="pilot-form"
      onClose={onClose}
      onSubmit={async (v) => {
        await api.put(`/api/estates/${estate.id}/pilot`, v);
        onDone();
      }}
    >
      <Form.Item name="reason" label="试点理由" rules={[{ required: true, whitespace: true, message: '请填写试点理由' }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="pilot-reason" />
      </Form.Item>
    </FormModal>
  );
}
