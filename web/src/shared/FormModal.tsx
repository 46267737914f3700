import { Button, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { modal, showFormError } from './feedback';

interface FormModalProps<T> {
  title: ReactNode;
  open: boolean;
  form: FormInstance<T>;
  initialValues?: Partial<T>;
  /** Throws to keep the modal open; the error goes onto the form fields or into a toast. */
  onSubmit(values: T): Promise<void>;
  onClose(): void;
  /** data-testid prefix: `<testId>-submit`, `<testId>-cancel` */
  testId: string;
  submitText?: string;
  danger?: boolean;
  width?: number;
  /** maps server field names (e.g. "parentId") to form field names */
  fieldMap?: Record<string, string>;
  /** Asked before submitting, for a step that cannot be undone (OK: `confirm-ok`, cancel: `confirm-cancel`). */
  confirm?: { title: string; content: ReactNode; okText: string };
  children: ReactNode;
}

const confirmed = (c: NonNullable<FormModalProps<unknown>['confirm']>) =>
  new Promise<boolean>((resolve) =>
    modal().confirm({
      title: c.title,
      content: c.content,
      okText: c.okText,
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'confirm-ok' } as Record<string, string>,
      cancelButtonProps: { 'data-testid': 'confirm-cancel' } as Record<string, string>,
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    }),
  );

/** A modal holding one vertical form, with 取消/确定 buttons that carry test ids. */
export function FormModal<T extends object>({
  title,
  open,
  form,
  initialValues,
  onSubmit,
  onClose,
  testId,
  submitText = '确定',
  danger,
  width = 520,
  fieldMap,
  confirm,
  children,
}: FormModalProps<T>) {
  const [submitting, setSubmitting] = useState(false);

  async function finish(values: T) {
    if (confirm && !(await confirmed(confirm))) return;
    setSubmitting(true);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      showFormError(form, e, fieldMap);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      width={width}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose} data-testid={`${testId}-cancel`}>
          取消
        </Button>,
        <Button key="ok" type="primary" danger={danger} loading={submitting} onClick={() => form.submit()} data-testid={`${testId}-submit`}>
          {submitText}
        </Button>,
      ]}
    >
      <Form<T>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={finish}
        preserve={false}
        data-testid={`${testId}-form`}
        style={{ marginTop: 16 }}
      >
        {children}
        {/* Enter in a field submits */}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
