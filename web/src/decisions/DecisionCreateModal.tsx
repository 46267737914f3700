import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ITEM_LABEL, scheduleProblems, thresholdLabel } from '../../../core/decisions';
import type { Item } from '../../../core/tally';
import { api } from '../api';
import type { OrgTree, OrgTreeItem } from '../org/tree';
import { showFormError } from '../shared/feedback';
import type { DecisionDetail } from './types';

interface Rules {
  profileName: string;
  voteNoticeDays: number;
  votingPeriodDays: { min: number; max: number };
  today: string;
  buildings: { id: number; name: string }[];
}

interface FormValues {
  estateId: number;
  title: string;
  organiser: string;
  buildingIds?: number[];
  motions: { title: string; item: Item; kind: 'choice' | 'election'; seats?: number; candidates?: string; body?: string }[];
  opensOn: string;
  closesOn: string;
  prevailing: 'online' | 'paper';
  followMajority: boolean;
  countParking: boolean;
  secretBallot: boolean;
  spoiled?: 'abstain' | 'excluded';
}

function estateOptions(tree: OrgTree) {
  type Opt = { value: number; title: string; selectable?: boolean; disabled?: boolean; children?: Opt[] };
  const walk = (items: OrgTreeItem[]): Opt[] =>
    items
      // the district is the context root above every street: its streets stand in its place
      .flatMap((it) => (it.primary && it.node.kind === 'district' ? it.children : [it]))
      .filter((it) => it.primary && ['street', 'community', 'estate'].includes(it.node.kind))
      .map((it) => {
        const children = walk(it.children);
        return {
          value: it.node.id,
          title: it.node.name,
          selectable: it.node.kind === 'estate' && it.node.inScope,
          ...(children.length ? { children } : {}),
        };
      })
      .filter((o) => o.selectable || o.children);
  return walk(tree.roots);
}

/** A new decision: its estate, motions and dates, the dates checked live against the profile (R14, R17). */
export function CreateModal({ tree, onClose, onCreated }: { tree: OrgTree; onClose: () => void; onCreated: (d: DecisionDetail) => void }) {
  const [form] = Form.useForm<FormValues>();
  const [rules, setRules] = useState<Rules | null>(null);
  const [saving, setSaving] = useState(false);
  const estateId = Form.useWatch('estateId', form);
  const opensOn = Form.useWatch('opensOn', form);
  const closesOn = Form.useWatch('closesOn', form);
  const motions = Form.useWatch('motions', form);
  const options = useMemo(() => estateOptions(tree), [tree]);
  useEffect(() => {
    if (estateId) api.get<Rules>('/api/decisions/rules', { estateId }).then(setRules, () => setRules(null));
  }, [estateId]);
  const problems =
    rules && opensOn && closesOn
      ? scheduleProblems(
          { announcedOn: null, opensOn, closesOn },
          { voteNoticeDays: rules.voteNoticeDays, votingPeriodDays: rules.votingPeriodDays },
          rules.today,
        )
      : [];

  async function submit(v: FormValues) {
    setSaving(true);
    try {
      const body = {
        ...v,
        buildingIds: v.buildingIds?.length ? v.buildingIds : null,
        motions: v.motions.map((m) => ({
          title: m.title,
          body: m.body || null,
          item: m.item,
          kind: m.kind,
          seats: m.kind === 'election' ? m.seats : null,
          candidates:
            m.kind === 'election'
              ? (m.candidates ?? '')
                  .split(/[，,、\s]+/)
                  .filter(Boolean)
                  .map((name) => ({ name }))
              : null,
        })),
      };
      onCreated(await api.post<DecisionDetail>('/api/decisions', body));
    } catch (e) {
      showFormError(form, e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title="拟定业主共同决定"
      onCancel={onClose}
      width={760}
      okText="保存草稿"
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'decision-form-submit' } as Record<string, string>}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          organiser: '物业管理委员会',
          prevailing: 'online',
          followMajority: false,
          countParking: false,
          secretBallot: false,
          motions: [{ kind: 'choice', item: 4 }],
        }}
      >
        <Form.Item name="estateId" label="小区" rules={[{ required: true, message: '请选择小区' }]}>
          <TreeSelect treeData={options} treeDefaultExpandAll showSearch treeNodeFilterProp="title" data-testid="decision-form-estate" />
        </Form.Item>
        <Form.Item name="title" label="表决名称" rules={[{ required: true, message: '请填写表决名称' }]}>
          <Input maxLength={200} data-testid="decision-form-title" />
        </Form.Item>
        <Form.Item name="organiser" label="组织者" rules={[{ required: true, message: '请填写组织者' }]}>
          <Input maxLength={100} />
        </Form.Item>
        {rules && rules.buildings.length > 0 && (
          <Form.Item name="buildingIds" label="表决范围（不选为整个小区，R5）">
            <Select mode="multiple" allowClear options={rules.buildings.map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
        )}
        <Form.List name="motions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => {
                const m = motions?.[i];
                return (
                  <Card
                    key={f.key}
                    size="small"
                    title={`事项 ${i + 1}`}
                    extra={fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                    style={{ marginBottom: 8 }}
                  >
                    <Form.Item name={[f.name, 'title']} label="标题" rules={[{ required: true, message: '请填写表决事项' }]}>
                      <Input data-testid={`decision-form-motion-${i}-title`} />
                    </Form.Item>
                    <Space wrap>
                      <Form.Item name={[f.name, 'kind']} label="方式">
                        <Radio.Group
                          options={[
                            { value: 'choice', label: '同意/反对/弃权' },
                            { value: 'election', label: '选举（多名额）' },
                          ]}
                          onChange={(e) => e.target.value === 'election' && form.setFieldValue(['motions', f.name, 'item'], 3)}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'item']} label="民法典第278条事项" rules={[{ required: true, message: '请选择事项' }]}>
                        <Select
                          style={{ width: 320 }}
                          options={Object.entries(ITEM_LABEL).map(([k, l]) => ({ value: Number(k), label: l }))}
                          data-testid={`decision-form-motion-${i}-item`}
                        />
                      </Form.Item>
                    </Space>
                    {m?.item && <Alert type="info" showIcon title={thresholdLabel(m.item)} style={{ marginBottom: 8 }} />}
                    {m?.kind === 'election' && (
                      <Space wrap>
                        <Form.Item name={[f.name, 'seats']} label="应选名额" rules={[{ required: true, message: '请填写名额' }]}>
                          <InputNumber min={1} max={99} />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'candidates']}
                          label="候选人（用顿号或逗号分隔）"
                          rules={[{ required: true, message: '请填写候选人' }]}
                        >
                          <Input style={{ width: 320 }} />
                        </Form.Item>
                      </Space>
                    )}
                    <Form.Item name={[f.name, 'body']} label="说明">
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                    </Form.Item>
                  </Card>
                );
              })}
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'choice', item: 4 })} style={{ marginBottom: 16 }}>
                添加事项
              </Button>
            </>
          )}
        </Form.List>
        <Space wrap>
          <Form.Item name="opensOn" label="投票开始" rules={[{ required: true, message: '请选择日期' }]}>
            <Input type="date" data-testid="decision-form-opens" />
          </Form.Item>
          <Form.Item name="closesOn" label="投票截止" rules={[{ required: true, message: '请选择日期' }]}>
            <Input type="date" data-testid="decision-form-closes" />
          </Form.Item>
        </Space>
        {rules && (
          <Typography.Paragraph type="secondary">
            {rules.profileName}：议题须在投票开始{rules.voteNoticeDays}日前公告（R14），投票期{rules.votingPeriodDays.min}–
            {rules.votingPeriodDays.max}日（R17）。
          </Typography.Paragraph>
        )}
        {problems.map((p) => (
          <Alert
            key={p.message}
            type="warning"
            showIcon
            title={p.message}
            style={{ marginBottom: 8 }}
            data-testid="decision-form-date-problem"
          />
        ))}
        <Form.Item name="prevailing" label="同一房屋既有网络投票又有纸质票时">
          <Radio.Group
            options={[
              { value: 'online', label: '以网络投票为准' },
              { value: 'paper', label: '以纸质票为准' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="secretBallot"
          label="公开计票文件是否列出房号"
          extra="公告议题时写明，投票开始后不能更改；两种方式下业主都能凭回执核对自己的表决票"
        >
          <Radio.Group
            options={[
              { value: false, label: '记名：列出每套房屋的选择（便于核对、防止伪造）' },
              { value: true, label: '无记名：只列匿名房屋编号和面积，不含房号' },
            ]}
            data-testid="decision-form-secret"
          />
        </Form.Item>
        <Form.Item name="spoiled" label="纸质废票（无法辨认或填写不符合要求）如何计算（R10）" extra="不选则按本街道的规则模板">
          <Radio.Group
            options={[
              { value: 'abstain', label: '视为弃权（计入参与表决）' },
              { value: 'excluded', label: '不计入参与表决' },
            ]}
            data-testid="decision-form-spoiled"
          />
        </Form.Item>
        <Form.Item name="followMajority" valuePropName="checked">
          <Checkbox>适用“从众”条款（未表态业主计入多数票，R11；法律上有争议，默认不适用）</Checkbox>
        </Form.Item>
        <Form.Item name="countParking" valuePropName="checked">
          <Checkbox>车位计入专有部分（R6）</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
