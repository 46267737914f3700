import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, InputNumber, Select, Space } from 'antd';
import type { AssessmentSettings } from '../../../core/assessment';
import { FIGURE_CODES, FIGURE_INFO } from '../../../core/overview';
import { api } from '../api';
import { toast } from '../shared/feedback';
import { FormModal } from '../shared/FormModal';

const FIGURES = FIGURE_CODES.filter((c) => c !== 'overdue').map((c) => ({ value: c, label: FIGURE_INFO[c].label }));
const MODES = [
  { value: 'rate', label: '按比例计分' },
  { value: 'inverse', label: '按合格比例计分（问题类指标）' },
];

/** The street edits what the assessment scores and how much: weights add up to 100 (the server checks it too). */
export function AssessmentSettingsModal({
  streetId,
  settings,
  onClose,
  onSaved,
}: {
  streetId: number;
  settings: AssessmentSettings;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<AssessmentSettings>();
  const items = Form.useWatch('items', form) ?? settings.items;
  const total = items.reduce((n, i) => n + (i?.weight ?? 0), 0);
  return (
    <FormModal<AssessmentSettings>
      title="社区目标考核设置"
      open
      form={form}
      initialValues={settings}
      width={720}
      testId="assessment-form"
      // the list as a whole has no field to show a message on: a wrong sum is said in a toast
      fieldMap={{ items: '' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.put(`/api/assessment/settings?nodeId=${streetId}`, v);
        toast('success', '考核设置已保存');
        onSaved();
      }}
    >
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'figure']} rules={[{ required: true, message: '请选择考核内容' }]}>
                  <Select options={FIGURES} style={{ width: 200 }} data-testid={`assessment-figure-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'mode']} rules={[{ required: true }]}>
                  <Select options={MODES} style={{ width: 230 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: '请填写分值' }]}>
                  <InputNumber min={1} max={100} precision={0} suffix="分" data-testid={`assessment-weight-${i}`} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除此项" />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ figure: null, mode: 'rate', weight: 10 })}>
              添加考核内容
            </Button>
          </>
        )}
      </Form.List>
      <p data-testid="assessment-sum" style={{ color: total === 100 ? undefined : '#cf1322' }}>
        合计 {total} 分{total === 100 ? '' : '（应为100分）'}
      </p>
      <Space>
        <Form.Item name="overdueDeduction" label="每项逾期扣分" rules={[{ required: true }]}>
          <InputNumber min={0} max={20} precision={0} />
        </Form.Item>
        <Form.Item name="overdueCap" label="逾期扣分上限" rules={[{ required: true }]}>
          <InputNumber min={0} max={50} precision={0} />
        </Form.Item>
      </Space>
    </FormModal>
  );
}
