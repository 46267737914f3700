import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import type { DayKind } from '../../../core/workdays';
import { api } from '../api';
import { modal, showError, toast } from '../shared/feedback';
import { FormModal } from '../shared/FormModal';
import { WEEKDAY_NAME } from './MonthGrid';
import { DAY_KIND_LABEL, type CalendarDay } from './types';

interface DayFormValues {
  kind: DayKind;
  name?: string;
}

/**
 * 登记 a day (法定节假日 / 调休上班日) or, for a day already entered, show the entry and offer to
 * delete it. The server refuses to flip an entered day to the other kind: delete first.
 */
export function DayModal({ day, onClose, onChanged }: { day: CalendarDay; onClose(): void; onChanged(): void }) {
  const [form] = Form.useForm<DayFormValues>();
  const [deleting, setDeleting] = useState(false);
  const weekend = day.weekday === 0 || day.weekday === 6;
  const title = `${formatDateZh(day.date)}（${WEEKDAY_NAME[day.weekday]}）`;

  if (day.kind) {
    const kind = day.kind;
    const remove = () =>
      modal().confirm({
        title: `删除${formatDateZh(day.date)}的登记？`,
        content: `删除后该日按周一至周五的规则计为${weekend ? '休息日' : '工作日'}，已发布公告的公示期不会自动重算。操作将记入审计日志。`,
        okText: '删除',
        cancelText: '取消',
        okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
        cancelButtonProps: { 'data-testid': 'confirm-cancel' },
        onOk: async () => {
          setDeleting(true);
          try {
            await api.delete(`/api/calendar/days/${day.date}`);
            toast('success', `已删除${formatDateZh(day.date)}的登记`);
            onChanged();
            onClose();
          } catch (e) {
            showError(e);
          } finally {
            setDeleting(false);
          }
        },
      });
    return (
      <Modal
        open
        title={title}
        onCancel={onClose}
        destroyOnHidden
        footer={[
          <Button key="close" onClick={onClose} data-testid="calendar-day-close">
            关闭
          </Button>,
          <Button key="delete" danger icon={<DeleteOutlined />} loading={deleting} onClick={remove} data-testid="calendar-day-delete">
            删除登记
          </Button>,
        ]}
      >
        <Descriptions
          size="small"
          column={1}
          bordered
          style={{ marginTop: 16 }}
          items={[
            { key: 'kind', label: '登记类型', children: <span data-testid="calendar-day-kind">{DAY_KIND_LABEL[kind]}</span> },
            { key: 'name', label: '名称', children: day.name || <span className="muted">未填写</span> },
          ]}
        />
        <Alert style={{ marginTop: 12 }} type="info" showIcon title="如需改为另一种登记，请先删除本登记，再重新登记。" />
      </Modal>
    );
  }

  return (
    <FormModal<DayFormValues>
      title={`登记 ${title}`}
      open
      form={form}
      testId="calendar-day"
      submitText="登记"
      initialValues={{ kind: 'holiday' }}
      onClose={onClose}
      onSubmit={async (v) => {
        const name = v.name?.trim() || null;
        const r = await api.post<{ changed: boolean }>('/api/calendar/days', { date: day.date, kind: v.kind, name });
        toast(r.changed ? 'success' : 'info', r.changed ? `已登记为${DAY_KIND_LABEL[v.kind]}` : '该日已是此登记，未作更改');
        onChanged();
      }}
    >
      <p className="muted" style={{ marginTop: 0 }}>
        该日目前为{day.isWorkday ? '工作日' : '休息日'}。请按国务院办公厅发布的节假日安排登记。
      </p>
      <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
        <Radio.Group data-testid="calendar-day-kind-input">
          <Radio value="holiday" data-testid="calendar-day-kind-holiday">
            法定节假日（休）
          </Radio>
          <Radio value="makeUpWorkday" disabled={!weekend} data-testid="calendar-day-kind-makeup">
            调休上班日（班）
          </Radio>
        </Radio.Group>
      </Form.Item>
      {!weekend && <p className="muted cal-hint">周一至周五本就是工作日，只有周六、周日可以登记为调休上班日。</p>}
      <Form.Item name="name" label="名称" rules={[{ max: 20, message: '名称不能超过 20 个字' }]}>
        <Input maxLength={20} placeholder="如 春节、国庆节（可选）" data-testid="calendar-day-name" />
      </Form.Item>
    </FormModal>
  );
}
