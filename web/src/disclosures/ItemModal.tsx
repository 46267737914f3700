import { Checkbox, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { fileToUpload } from '../shared/upload';
import type { BoardItem } from './types';

interface Values {
  body?: string;
  phone?: string;
  keep?: number[];
}

/** A new version of a typed item (text, the supervision phone, attachments: PDF or images). */
export function ItemModal({ estateId, item, onClose, onDone }: { estateId: number; item: BoardItem; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  return (
    <FormModal<Values>
      title={`更新“${item.item}”`}
      open
      form={form}
      width={640}
      testId="item-form"
      submitText="发布新版本"
      initialValues={{ body: item.body ?? '', phone: item.phone ?? '', keep: item.files.map((f) => f.id) }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.put(`/api/estates/${estateId}/disclosures/${item.key}`, {
          body: v.body ?? null,
          phone: item.key === 'supervisionPhone' ? v.phone : null,
          keepFileIds: v.keep ?? [],
          files: await Promise.all(files.map(fileToUpload)),
        });
        onDone();
      }}
    >
      {item.key === 'supervisionPhone' && (
        <Form.Item name="phone" label="监督电话（公开页完整显示）" rules={[{ required: true, message: '请填写监督电话' }]}>
          <Input maxLength={20} data-testid="item-form-phone" />
        </Form.Item>
      )}
      <Form.Item
        name="body"
        label={item.key === 'supervisionPhone' ? '说明（接听时间等）' : '公开内容'}
        rules={item.key === 'supervisionPhone' ? [] : [{ required: true, whitespace: true, message: '请填写公开内容' }]}
      >
        <Input.TextArea rows={6} count={{ show: true, max: 5000 }} data-testid="item-form-body" />
      </Form.Item>
      {item.files.length > 0 && (
        <Form.Item name="keep" label="保留的附件">
          <Checkbox.Group options={item.files.map((f) => ({ value: f.id, label: f.name }))} />
        </Form.Item>
      )}
      <Form.Item label="新附件（PDF、JPEG、PNG，每个不超过 5 MB）">
        <input
          type="file"
          multiple
          accept="application/pdf,image/jpeg,image/png"
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
          data-testid="item-form-files"
        />
      </Form.Item>
    </FormModal>
  );
}
