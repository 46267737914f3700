import { Checkbox, Form, InputNumber, Select, Space } from 'antd';
import { useEffect } from 'react';
import type { NoticeFormValues } from './types';

/** 公示期 and whether written objections are accepted (only with a period). */
export function PeriodFields() {
  const form = Form.useFormInstance<NoticeFormValues>();
  const unit = Form.useWatch('periodUnit', form);
  const none = unit === 'none';
  useEffect(() => {
    if (none) form.setFieldsValue({ acceptsObjections: false });
  }, [none, form]);
  return (
    <>
      <Form.Item label="公示期" required={!none} extra="公示期自张贴日的次日起算；工作日按工作日历扣除法定节假日，自然日末日遇休息日顺延。">
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="periodDays" noStyle rules={none ? [] : [{ required: true, message: '请输入公示期天数' }]}>
            <InputNumber
              min={1}
              max={365}
              precision={0}
              disabled={none}
              placeholder={none ? '—' : '天数'}
              style={{ width: 120 }}
              data-testid="notice-form-period-days"
            />
          </Form.Item>
          <Form.Item name="periodUnit" noStyle>
            <Select
              style={{ width: 160 }}
              options={[
                { value: 'workdays', label: '个工作日' },
                { value: 'calendarDays', label: '日（自然日）' },
                { value: 'none', label: '不设公示期' },
              ]}
              data-testid="notice-form-period-unit"
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item
        name="acceptsObjections"
        valuePropName="checked"
        extra={none ? '接受异议的公告必须设定公示期' : '公示期内业主可在线提出书面异议，工作人员也可登记纸质异议'}
      >
        <Checkbox disabled={none} data-testid="notice-form-accepts-objections">
          接受书面异议
        </Checkbox>
      </Form.Item>
    </>
  );
}

/** The period as the API takes it. */
export function periodPayload(v: NoticeFormValues) {
  const none = v.periodUnit === 'none';
  return {
    periodUnit: none ? null : v.periodUnit,
    periodDays: none ? null : (v.periodDays ?? null),
    acceptsObjections: none ? false : v.acceptsObjections,
  };
}
