import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { PhotoPicker } from '../tickets/PhotoPicker';
import type { Wish } from './types';

export function PostWishModal({
  estates,
  onClose,
  onSaved,
}: {
  estates: { id: number; name: string }[];
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<{ estateId: number; title: string; content: string }>();
  // the owner's estates may arrive after the form opened: take the first one then, as the form would have
  useEffect(() => {
    if (estates[0] && form.getFieldValue('estateId') === undefined) form.setFieldValue('estateId', estates[0].id);
  }, [estates, form]);
  return (
    <FormModal
      title="提出微心愿"
      open
      form={form}
      testId="wish"
      initialValues={{ estateId: estates[0]?.id }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post('/api/wishes', v);
        onSaved();
      }}
    >
      <Form.Item name="estateId" label="小区" rules={[{ required: true, message: '请选择小区' }]}>
        <Select options={estates.map((e) => ({ value: e.id, label: e.name }))} />
      </Form.Item>
      <Form.Item name="title" label="心愿" rules={[{ required: true, message: '请填写心愿' }]}>
        <Input maxLength={50} placeholder="如：帮独居老人修好楼道灯" data-testid="wish-title" />
      </Form.Item>
      <Form.Item name="content" label="说明" rules={[{ required: true, message: '请填写说明' }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="wish-content" />
      </Form.Item>
    </FormModal>
  );
}

/** Review (approve or decline with a reason) or fulfil (note, photo, hours) a wish. */
export function WishStepModal({
  wish,
  step,
  onClose,
  onSaved,
}: {
  wish: Wish;
  step: 'review' | 'fulfil';
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<{ approve: boolean; note: string; photoIds: number[]; hours: number }>();
  return (
    <FormModal
      title={`${step === 'review' ? '审核' : '登记完成'}：${wish.title}`}
      open
      form={form}
      testId={`wish-${step}`}
      initialValues={{ approve: true, photoIds: [], hours: 1 }}
      onClose={onClose}
      onSubmit={async (v) => {
        if (step === 'review') await api.post(`/api/wishes/${wish.id}/review`, { approve: v.approve, note: v.note || null });
        else await api.post(`/api/wishes/${wish.id}/fulfil`, { note: v.note, photoIds: v.photoIds, minutes: Math.round(v.hours * 60) });
        onSaved();
      }}
    >
      {step === 'review' ? (
        <Form.Item name="approve" label="审核结果">
          <Radio.Group
            options={[
              { value: true, label: '通过，公开认领' },
              { value: false, label: '不通过' },
            ]}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            name="photoIds"
            label="完成照片"
            rules={[{ required: true, type: 'array', min: 1, message: '请上传至少一张完成照片' }]}
          >
            <PhotoPicker testId="wish-photos" />
          </Form.Item>
          <Form.Item name="hours" label="志愿服务时长（小时）">
            <InputNumber min={0} max={240} step={0.5} />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="note"
        label={step === 'review' ? '说明（不通过时必填）' : '完成情况'}
        rules={step === 'fulfil' ? [{ required: true, message: '请填写完成情况' }] : []}
      >
        <Input.TextArea rows={3} maxLength={500} data-testid={`wish-${step}-note`} />
      </Form.Item>
    </FormModal>
  );
}
