import { FileTextOutlined } from '@ant-design/icons';
import { Button, Form } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { modal, showError, toast } from '../../shared/feedback';
import type { NoticeFormValues } from './types';

/**
 * 套用模板: the server's text for the chosen place and kind fills the title and body, after a
 * confirmation when either already holds something.
 */
export function TemplateButton() {
  const form = Form.useFormInstance<NoticeFormValues>();
  const nodeId = Form.useWatch('nodeId', form);
  const kind = Form.useWatch('kind', form);
  const [loading, setLoading] = useState(false);
  const ready = !!nodeId && !!kind;

  const apply = async () => {
    setLoading(true);
    try {
      const t = await api.get<{ title: string; body: string }>('/api/notices/template', { nodeId, kind });
      form.setFieldsValue({ title: t.title, body: t.body });
      void form.validateFields(['title', 'body']);
      toast('success', '已套用模板，请核对并按实际修改');
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  };

  const onClick = () => {
    if (!ready) return toast('warning', '请先选择张贴范围和公告类型');
    const filled = [form.getFieldValue('title'), form.getFieldValue('body')].some((v) => typeof v === 'string' && v.trim() !== '');
    if (!filled) return void apply();
    modal().confirm({
      title: '覆盖已填写的内容？',
      content: '套用模板将替换当前的标题和正文。',
      okText: '覆盖',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'confirm-ok' },
      cancelButtonProps: { 'data-testid': 'confirm-cancel' },
      onOk: apply,
    });
  };

  return (
    <Button icon={<FileTextOutlined />} onClick={onClick} loading={loading} data-testid="notice-form-template">
      套用模板
    </Button>
  );
}
