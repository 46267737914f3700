import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import { errorMessage, isApiError } from '../api';

type AppApi = ReturnType<typeof App.useApp>;
type ModalApi = AppApi['modal'];

let messageApi: AppApi['message'] | null = null;
let modalApi: ModalApi | null = null;

/** Captures antd's context-aware message and modal APIs so plain functions can use them. */
export function FeedbackBridge() {
  const app = App.useApp();
  useEffect(() => {
    messageApi = app.message;
    modalApi = app.modal;
  }, [app]);
  return null;
}

export function toast(kind: 'success' | 'info' | 'warning' | 'error', text: string) {
  messageApi?.open({ type: kind, content: text });
}

export function modal(): ModalApi {
  if (!modalApi) throw new Error('FeedbackBridge is not mounted');
  return modalApi;
}

/** The message a user should read for any error. */
// The message of any error in words (kept in api.ts, which the antd-free pages share).
export { errorMessage } from '../api';

/** Shows an error as a toast; a 401 is handled by sending the user to the login page instead. */
export function showError(e: unknown) {
  if (isApiError(e) && e.status === 401) {
    toast('warning', '登录已过期，请重新登录');
    return;
  }
  toast('error', errorMessage(e));
}

/**
 * Puts the server's per-field messages on the matching form fields ("roles.0.nodeId" → the
 * nodeId of the first role). Whatever is not shown on a field is shown as a toast.
 */
export function showFormError(form: FormInstance, e: unknown, fieldMap: Record<string, string> = {}) {
  if (isApiError(e) && e.fields?.length) {
    const known = new Set(Object.keys(flatten(form.getFieldsValue(true))));
    const applied: { name: (string | number)[]; errors: string[] }[] = [];
    for (const f of e.fields) {
      const field = fieldMap[f.field] ?? f.field;
      if (!field || !known.has(field)) continue;
      applied.push({ name: field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [f.message] });
    }
    if (applied.length) {
      form.setFields(applied);
      if (applied.length < e.fields.length) showError(e);
      return;
    }
  }
  showError(e);
}

function flatten(value: unknown, prefix = '', out: Record<string, true> = {}): Record<string, true> {
  if (prefix) out[prefix] = true;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}
