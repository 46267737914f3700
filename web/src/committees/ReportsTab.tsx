import { Button, DatePicker, Form, Input, InputNumber, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import type { Committee } from './types';

type Values = { year: number; text: string; window: [Dayjs, Dayjs] };

/** 述职评议 (R36): the annual reports with their evaluation windows, results, and overdue rectification items. */
export function ReportsTab({ committee: c, onChange }: { committee: Committee; onChange(): void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {c.canManage && (
        <Button onClick={() => setOpen(true)} data-testid="report-submit">
          提交年度述职报告
        </Button>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.annualReports}
        locale={{ emptyText: '尚无述职报告' }}
        columns={[
          {
            title: '年度',
            render: (_, r) => (
              <Link to={`/committees/reports/${r.id}`} data-testid={`annual-${r.id}`}>
                {r.year}年度述职
              </Link>
            ),
          },
          { title: '评议期', render: (_, r) => `${formatDateZh(r.opensOn)}至${formatDateZh(r.closesOn)}` },
          {
            title: '状态',
            render: (_, r) => (
              <>
                {r.resultPublished && <Tag color="green">结果已公布</Tag>}
                {r.feedbackPublished && <Tag color="green">整改已反馈</Tag>}
                {r.overdueItems > 0 && <Tag color="red">整改逾期{r.overdueItems}项</Tag>}
              </>
            ),
          },
        ]}
      />
      {open && (
        <FormModal<Values>
          title="提交年度述职报告"
          open
          form={form}
          testId="annual-form"
          initialValues={{ year: dayjs().year(), window: [dayjs(), dayjs().add(7, 'day')] }}
          onClose={() => setOpen(false)}
          onSubmit={async (v) => {
            const r = await api.post<{ id: number }>(`/api/committees/${c.kind}/${c.id}/reports`, {
              year: v.year,
              text: v.text.trim(),
              opensOn: v.window[0].format('YYYY-MM-DD'),
              closesOn: v.window[1].format('YYYY-MM-DD'),
            });
            onChange();
            navigate(`/committees/reports/${r.id}`);
          }}
        >
          <Form.Item name="year" label="年度">
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="text" label="述职报告" rules={[{ required: true, whitespace: true, message: '请填写述职报告' }]}>
            <Input.TextArea rows={6} maxLength={20000} data-testid="annual-form-text" />
          </Form.Item>
          <Form.Item name="window" label="业主评议期" rules={[{ required: true, message: '请选择评议期' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </FormModal>
      )}
    </Space>
  );
}
