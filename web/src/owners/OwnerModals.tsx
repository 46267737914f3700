import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { validateIdNumber, validateUscc } from '../../../core/identity';
import { FEE_STATUS_LABEL, FEE_STATUSES, OWNERSHIP_BASES, OWNERSHIP_BASIS_LABEL } from '../../../core/registry';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { todayInChina } from '../shared/format';
import type { UnitOwnership } from './types';

const basisOptions = OWNERSHIP_BASES.map((b) => ({ value: b, label: OWNERSHIP_BASIS_LABEL[b] }));
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** Live check of the ID number with the same core function the server uses. */
const idRule = (getKind: () => string) => ({
  validator(_: unknown, v: string | undefined) {
    if (!v) return Promise.reject(new Error('请填写证件号码'));
    const r = getKind() === 'organisation' ? validateUscc(v) : validateIdNumber(v);
    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
  },
});

interface OwnerFields {
  kind: 'natural' | 'organisation';
  name: string;
  idNumber: string;
  mobile?: string;
  share?: string;
  designatedVoter?: boolean;
}

function OwnerFieldset({ prefix, form }: { prefix: (string | number)[]; form: FormInstance<any> }) {
  const kindPath = [...prefix, 'kind'];
  return (
    <>
      <Form.Item name={kindPath} label="业主类型" initialValue="natural">
        <Radio.Group
          options={[
            { value: 'natural', label: '个人' },
            { value: 'organisation', label: '单位（如开发建设单位）' },
          ]}
        />
      </Form.Item>
      <Form.Item name={[...prefix, 'name']} label="姓名或单位名称" rules={[{ required: true, message: '请填写业主姓名' }]}>
        <Input maxLength={100} data-testid="owner-form-name" />
      </Form.Item>
      <Form.Item
        name={[...prefix, 'idNumber']}
        label="证件号码"
        extra="个人填18位身份证号，单位填统一社会信用代码；已登记的人员按证件号码自动匹配"
        rules={[idRule(() => form.getFieldValue(kindPath) as string)]}
        dependencies={[kindPath]}
      >
        <Input maxLength={18} data-testid="owner-form-id" />
      </Form.Item>
      <Form.Item name={[...prefix, 'mobile']} label="手机号（业主绑定账号时核验）">
        <Input maxLength={11} data-testid="owner-form-mobile" />
      </Form.Item>
    </>
  );
}

function ownerPayload(o: OwnerFields) {
  return {
    person: { kind: o.kind ?? 'natural', name: o.name, idNumber: o.idNumber, mobile: o.mobile || null },
    share: o.share || null,
    designatedVoter: !!o.designatedVoter,
  };
}

/** 登记业主或共有人 */
export function AddOwnerModal({
  unit,
  open,
  onClose,
  onDone,
}: {
  unit: UnitOwnership;
  open: boolean;
  onClose(): void;
  onDone(u: UnitOwnership): void;
}) {
  const [form] = Form.useForm<{ owner: OwnerFields; basis: string; startedOn: Dayjs }>();
  return (
    <FormModal
      title={unit.owners.length ? '登记共有人' : '登记业主'}
      open={open}
      form={form}
      testId="owner-add"
      initialValues={{ basis: 'registered', startedOn: dayjs(todayInChina()) }}
      fieldMap={{ idNumber: 'owner.idNumber', mobile: 'owner.mobile', startedOn: 'startedOn' }}
      onClose={onClose}
      onSubmit={async (v) => {
        const r = await api.post<UnitOwnership>(`/api/roll/units/${unit.id}/owners`, {
          owner: ownerPayload(v.owner),
          basis: v.basis,
          startedOn: day(v.startedOn),
        });
        onDone(r);
      }}
    >
      <OwnerFieldset prefix={['owner']} form={form} />
      {unit.owners.length > 0 && (
        <Form.Item name={['owner', 'designatedVoter']} valuePropName="checked">
          <Checkbox>设为本户表决人（R4：共有房屋由共有人指定一人表决）</Checkbox>
        </Form.Item>
      )}
      <Space wrap>
        <Form.Item name="basis" label="取得方式（R1）">
          <Select options={basisOptions} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="startedOn" label="取得日期" rules={[{ required: true, message: '请选择取得日期' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

/** 过户：原业主权属于过户日终止，新业主当日起算 */
export function TransferModal({
  unit,
  open,
  onClose,
  onDone,
}: {
  unit: UnitOwnership;
  open: boolean;
  onClose(): void;
  onDone(u: UnitOwnership): void;
}) {
  const [form] = Form.useForm<{ owners: OwnerFields[]; basis: string; date: Dayjs; voter?: number }>();
  return (
    <FormModal
      title="办理过户"
      open={open}
      form={form}
      testId="owner-transfer"
      width={640}
      initialValues={{ owners: [{ kind: 'natural' } as OwnerFields], basis: 'registered', date: dayjs(todayInChina()), voter: 0 }}
      onClose={onClose}
      onSubmit={async (v) => {
        const r = await api.post<UnitOwnership>(`/api/roll/units/${unit.id}/transfer`, {
          owners: v.owners.map((o, i) => ({ ...ownerPayload(o), designatedVoter: v.owners.length > 1 && v.voter === i })),
          basis: v.basis,
          date: day(v.date),
        });
        onDone(r);
      }}
    >
      <p className="muted">
        现业主：{unit.owners.map((o) => o.person.name).join('、') || '无'}。过户后原业主的权属在过户日期终止，历史记录保留。
      </p>
      <Form.List name="owners">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <div key={f.key} className="owner-fieldset">
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <strong>新业主 {i + 1}</strong>
                  {fields.length > 1 && (
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)}>
                      移除
                    </Button>
                  )}
                </Space>
                <OwnerFieldset prefix={[f.name]} form={form} />
              </div>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ kind: 'natural' })}
              data-testid="transfer-add-owner"
              style={{ marginBottom: 16 }}
            >
              添加共有人
            </Button>
            {fields.length > 1 && (
              <Form.Item name="voter" label="指定表决人（R4）">
                <Radio.Group options={fields.map((_, i) => ({ value: i, label: `新业主 ${i + 1}` }))} />
              </Form.Item>
            )}
          </>
        )}
      </Form.List>
      <Space wrap>
        <Form.Item name="basis" label="取得方式（R1）">
          <Select options={basisOptions} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="date" label="过户日期" rules={[{ required: true, message: '请选择过户日期' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

/** 物业费状态（R37）与开发商未售标记（R3） */
export function RegistryModal({
  unit,
  open,
  onClose,
  onDone,
}: {
  unit: UnitOwnership;
  open: boolean;
  onClose(): void;
  onDone(u: UnitOwnership): void;
}) {
  const [form] = Form.useForm<{ developerStock: boolean; feeStatus: string; feeArrearsSince?: Dayjs; feeArrears?: number }>();
  const status = Form.useWatch('feeStatus', form);
  return (
    <FormModal
      title="物业费与开发商房屋"
      open={open}
      form={form}
      testId="unit-registry"
      initialValues={{
        developerStock: unit.developerStock,
        feeStatus: unit.feeStatus,
        feeArrearsSince: unit.feeArrearsSince ? dayjs(unit.feeArrearsSince) : undefined,
        feeArrears: unit.feeArrears ? Number(unit.feeArrears) : undefined,
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        const arrears = v.feeStatus === 'arrears';
        const r = await api.patch<UnitOwnership>(`/api/roll/units/${unit.id}`, {
          developerStock: v.developerStock,
          feeStatus: v.feeStatus,
          feeArrearsSince: arrears ? day(v.feeArrearsSince) : null,
          feeArrears: arrears && v.feeArrears != null ? v.feeArrears.toFixed(2) : null,
        });
        onDone(r);
      }}
    >
      <Form.Item name="developerStock" valuePropName="checked" extra="R3：开发建设单位未售出或已售未交付的房屋合计计为一人">
        <Checkbox data-testid="unit-developer-stock">开发商未售或已售未交付</Checkbox>
      </Form.Item>
      <Form.Item name="feeStatus" label="物业费状态（R37：欠费的业主不能担任业主代表）">
        <Radio.Group options={FEE_STATUSES.map((s) => ({ value: s, label: FEE_STATUS_LABEL[s] }))} data-testid="unit-fee-status" />
      </Form.Item>
      {status === 'arrears' && (
        <Space wrap>
          <Form.Item name="feeArrearsSince" label="欠费起始日期" rules={[{ required: true, message: '请选择欠费起始日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(todayInChina()))} />
          </Form.Item>
          <Form.Item name="feeArrears" label="欠费金额（元）">
            <InputNumber min={0.01} precision={2} step={100} style={{ width: 160 }} />
          </Form.Item>
        </Space>
      )}
    </FormModal>
  );
}

/** 现场核验后绑定业主账号 */
export function BindingModal({ unit, open, onClose, onDone }: { unit: UnitOwnership; open: boolean; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ personId: number; login: string }>();
  return (
    <FormModal
      title="绑定业主账号（现场核验）"
      open={open}
      form={form}
      testId="owner-binding"
      initialValues={{ personId: unit.owners[0]?.person.id }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post('/api/roll/bindings', v);
        onDone();
      }}
    >
      <p className="muted">请先核对业主本人身份证件，再将其平台账号与名册中的业主绑定。绑定后该账号即可查看本人房屋、参与表决。</p>
      <Form.Item name="personId" label="业主" rules={[{ required: true, message: '请选择业主' }]}>
        <Select
          options={unit.owners.map((o) => ({ value: o.person.id, label: `${o.person.name}（${o.person.idNumberMasked ?? '无证件号'}）` }))}
        />
      </Form.Item>
      <Form.Item name="login" label="业主账号（用户名或手机号）" rules={[{ required: true, message: '请填写业主账号' }]}>
        <Input maxLength={50} data-testid="owner-binding-login" />
      </Form.Item>
    </FormModal>
  );
}
