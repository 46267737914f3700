import { Form, Input, Select } from 'antd';
import { NOTICE_BODY_MAX, NOTICE_KIND_LABEL, NOTICE_KINDS, NOTICE_TITLE_MAX } from '../../../../core/notices';

/*
 * Title and body show how much of the limit is used and refuse text beyond it (the server refuses
 * it too): nothing is ever cut off silently, so no maxLength and no exceedFormatter here.
 */
const titleRules = [
  { required: true, whitespace: true, message: '请输入标题' },
  { max: NOTICE_TITLE_MAX, message: `标题不能超过 ${NOTICE_TITLE_MAX} 个字，请删减` },
];
const bodyRules = [
  { required: true, whitespace: true, message: '请输入正文' },
  { max: NOTICE_BODY_MAX, message: `正文不能超过 ${NOTICE_BODY_MAX} 个字，请删减或将详细内容作为附件上传` },
];

export function TitleField({ placeholder }: { placeholder?: string }) {
  return (
    <Form.Item name="title" label="标题" rules={titleRules}>
      <Input count={{ show: true, max: NOTICE_TITLE_MAX }} placeholder={placeholder} data-testid="notice-form-title" />
    </Form.Item>
  );
}

export function BodyField() {
  return (
    <Form.Item name="body" label="正文" rules={bodyRules}>
      <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} count={{ show: true, max: NOTICE_BODY_MAX }} data-testid="notice-form-body" />
    </Form.Item>
  );
}

/** 公告类型: no default — a formation announcement is never what a notice becomes by not choosing. */
export function KindField() {
  return (
    <Form.Item name="kind" label="公告类型" rules={[{ required: true, message: '请选择公告类型' }]}>
      <Select
        placeholder="请选择公告类型"
        options={NOTICE_KINDS.map((k) => ({ value: k, label: NOTICE_KIND_LABEL[k] }))}
        data-testid="notice-form-kind"
      />
    </Form.Item>
  );
}
