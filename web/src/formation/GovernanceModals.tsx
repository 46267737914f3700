import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  GOVERNANCE_REASON_LABEL,
  GOVERNANCE_REASONS,
  GOVERNANCE_STATUS_LABEL,
  MANUAL_GOVERNANCE_STATUSES,
  type GovernanceReasonCode,
  type GovernanceStatusCode,
} from '../../../core/formation';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { todayInChina } from '../shared/format';
import type { FormationCase, GovernanceEstate, Plan } from './types';

const dateText = (d: Dayjs) => d.format('YYYY-MM-DD');
const reasonOptions = GOVERNANCE_REASONS.map((r) => ({ value: r, label: `${GOVERNANCE_REASON_LABEL[r]}` }));

interface StatusValues {
  status: GovernanceStatusCode;
  reason?: GovernanceReasonCode | null;
  note?: string;
  termStart?: Dayjs | null;
  termEnd?: Dayjs | null;
}

/** 设置治理状态: the statuses the street sets directly (组建中/运行中 follow from cases). */
export function SetStatusModal({ estate, onClose, onDone }: { estate: GovernanceEstate; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<StatusValues>();
  const status = Form.useWatch('status', form);
  const manual = MANUAL_GOVERNANCE_STATUSES.includes(estate.status);
  const needsReason = status === 'pending' || status === 'committeeExpired';
  const hasTerm = status === 'ownersCommittee' || status === 'committeeExpired';
  return (
    <FormModal<StatusValues>
      title={`设置治理状态：${estate.name}`}
      open
      form={form}
      testId="status-form"
      initialValues={{
        status: manual ? estate.status : undefined,
        reason: estate.reason,
        note: estate.note ?? undefined,
        termEnd: estate.committeeTermEnd ? dayjs(estate.committeeTermEnd) : null,
      }}
      fieldMap={{ committeeTermStart: 'termStart', committeeTermEnd: 'termEnd' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.put(`/api/governance/estates/${estate.id}`, {
          status: v.status,
          reason: needsReason ? (v.reason ?? null) : null,
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          ...(hasTerm
            ? { committeeTermStart: v.termStart ? dateText(v.termStart) : null, committeeTermEnd: v.termEnd ? dateText(v.termEnd) : null }
            : {}),
        });
        onDone();
      }}
    >
      {!manual && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`当前为“${GOVERNANCE_STATUS_LABEL[estate.status]}”，由组建流程决定；如需改为下列状态，请确认组建案件已终止。`}
        />
      )}
      <Form.Item name="status" label="治理状态" rules={[{ required: true, message: '请选择治理状态' }]}>
        <Select
          options={MANUAL_GOVERNANCE_STATUSES.map((s) => ({ value: s, label: GOVERNANCE_STATUS_LABEL[s] }))}
          data-testid="status-form-status"
        />
      </Form.Item>
      {needsReason && (
        <Form.Item name="reason" label="需要组建物管会的原因（R26）" rules={[{ required: true, message: '请选择需要组建物管会的原因' }]}>
          <Select options={reasonOptions} data-testid="status-form-reason" />
        </Form.Item>
      )}
      {hasTerm && (
        <Space wrap style={{ width: '100%' }} size={12}>
          <Form.Item name="termStart" label="业委会任期起">
            <DatePicker data-testid="status-form-term-start" />
          </Form.Item>
          <Form.Item name="termEnd" label="业委会任期止">
            <DatePicker data-testid="status-form-term-end" />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="note" label="说明" rules={[{ max: 500, message: '说明不能超过 500 字' }]}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={500}
          placeholder="如 单一业主，不需组建"
          data-testid="status-form-note"
        />
      </Form.Item>
    </FormModal>
  );
}

interface StartValues {
  reason?: GovernanceReasonCode;
}

/** 启动组建: asks for the R26 reason when the estate has none yet. */
export function StartCaseModal({ estate, onClose, onDone }: { estate: GovernanceEstate; onClose(): void; onDone(c: FormationCase): void }) {
  const [form] = Form.useForm<StartValues>();
  return (
    <FormModal<StartValues>
      title={`启动物管会组建：${estate.name}`}
      open
      form={form}
      testId="start-form"
      submitText="启动组建"
      initialValues={{ reason: estate.reason ?? undefined }}
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(await api.post<FormationCase>('/api/formation/cases', { estateId: estate.id, reason: v.reason ?? null }));
      }}
    >
      <p className="muted" style={{ marginTop: 0 }}>
        启动后由社区发布组建公告（R27），依次办理报名推荐、把关、确定名单、名单公示、异议核查、核发成立证明和印章。
      </p>
      <Form.Item
        name="reason"
        label="需要组建物管会的原因（R26）"
        rules={[{ required: !estate.reason, message: '请选择需要组建物管会的原因' }]}
      >
        <Select options={reasonOptions} data-testid="start-form-reason" />
      </Form.Item>
    </FormModal>
  );
}

interface PlanValues {
  name: string;
  deadline: Dayjs;
  phases: { name: string; range: [Dayjs, Dayjs] }[];
}

const DEFAULT_PHASES = ['调查摸底', '组织实施', '总结提升'];

/** R42: the street's implementation plan — its deadline and phases are data, not code. */
export function PlanModal({
  streetId,
  plan,
  onClose,
  onDone,
}: {
  streetId: number;
  plan: Omit<Plan, 'streetId'> | null;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<PlanValues>();
  return (
    <FormModal<PlanValues>
      title="物管会组建实施方案"
      open
      form={form}
      width={640}
      testId="plan-form"
      submitText="保存"
      initialValues={{
        name: plan?.name ?? '物业管理委员会组建工作实施方案',
        deadline: plan ? dayjs(plan.deadline) : undefined,
        phases: plan?.phases.length
          ? plan.phases.map((p) => ({ name: p.name, range: [dayjs(p.from), dayjs(p.to)] as [Dayjs, Dayjs] }))
          : DEFAULT_PHASES.map((name) => ({ name, range: undefined as unknown as [Dayjs, Dayjs] })),
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.put(`/api/governance/streets/${streetId}/plan`, {
          name: v.name.trim(),
          deadline: dateText(v.deadline),
          phases: (v.phases ?? []).map((p) => ({ name: p.name.trim(), from: dateText(p.range[0]), to: dateText(p.range[1]) })),
        });
        onDone();
      }}
    >
      <Form.Item name="name" label="方案名称" rules={[{ required: true, whitespace: true, message: '请输入方案名称' }]}>
        <Input maxLength={100} data-testid="plan-form-name" />
      </Form.Item>
      <Form.Item
        name="deadline"
        label="完成组建期限（R42）"
        rules={[{ required: true, message: '请选择完成组建的期限' }]}
        extra="需要组建的小区应在此日期前成立物管会"
      >
        <DatePicker style={{ width: '100%' }} data-testid="plan-form-deadline" />
      </Form.Item>
      <Form.List name="phases">
        {(fields, { add, remove }) => (
          <>
            <div style={{ marginBottom: 8 }}>工作阶段（调查摸底 → 组织实施 → 总结提升）</div>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" wrap style={{ display: 'flex' }} size={8}>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请输入阶段名称' }]}>
                  <Input maxLength={30} placeholder="阶段名称" style={{ width: 140 }} data-testid={`plan-form-phase-name-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'range']} rules={[{ required: true, message: '请选择起止日期' }]}>
                  <DatePicker.RangePicker data-testid={`plan-form-phase-range-${i}`} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除阶段" />
              </Space>
            ))}
            {fields.length < 10 && (
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '' })} data-testid="plan-form-add-phase">
                添加阶段
              </Button>
            )}
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

interface OcValues {
  source: 'entered' | 'resumed';
  producedOn: Dayjs;
  termEnd?: Dayjs | null;
  members: { name: string; seat: string }[];
  note?: string;
}

/** 登记业委会: an owners' committee produced or resumed — R34 ends a running PMC that day. */
export function OwnersCommitteeModal({ estate, onClose, onDone }: { estate: GovernanceEstate; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<OcValues>();
  const today = todayInChina();
  return (
    <FormModal<OcValues>
      title={`登记业主委员会：${estate.name}`}
      open
      form={form}
      width={640}
      testId="oc-form"
      submitText="登记"
      danger={estate.status === 'pmcRunning'}
      initialValues={{ source: 'entered', producedOn: dayjs(today), members: [] }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/governance/estates/${estate.id}/owners-committee`, {
          source: v.source,
          producedOn: dateText(v.producedOn),
          termEnd: v.termEnd ? dateText(v.termEnd) : null,
          members: (v.members ?? []).map((m) => ({ name: m.name.trim(), seat: m.seat.trim() })),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        });
        onDone();
      }}
    >
      {(estate.status === 'pmcRunning' || estate.status === 'formingPmc') && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="oc-form-dissolve-warning"
          title={
            estate.status === 'pmcRunning'
              ? '登记后，本小区物管会自产生之日起停止履职，委员职务随之终止，并生成解散公告（R34）。'
              : '本小区正在组建物管会；登记业委会后组建流程将终止（R34）。'
          }
        />
      )}
      <Form.Item name="source" label="来源">
        <Radio.Group
          options={[
            { value: 'entered', label: '业主大会选举产生' },
            { value: 'resumed', label: '原业委会恢复履职' },
          ]}
          data-testid="oc-form-source"
        />
      </Form.Item>
      <Space wrap size={12}>
        <Form.Item name="producedOn" label="产生（恢复履职）日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker allowClear={false} disabledDate={(d) => dateText(d) > today} data-testid="oc-form-produced-on" />
        </Form.Item>
        <Form.Item name="termEnd" label="任期届满日">
          <DatePicker data-testid="oc-form-term-end" />
        </Form.Item>
      </Space>
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <>
            <div style={{ marginBottom: 8 }}>委员</div>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" wrap style={{ display: 'flex' }} size={8}>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
                  <Input maxLength={50} placeholder="姓名" style={{ width: 140 }} data-testid={`oc-form-member-name-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'seat']} rules={[{ required: true, whitespace: true, message: '请输入职务' }]}>
                  <Select
                    style={{ width: 120 }}
                    options={['主任', '副主任', '委员'].map((s) => ({ value: s, label: s }))}
                    placeholder="职务"
                    data-testid={`oc-form-member-seat-${i}`}
                  />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除委员" />
              </Space>
            ))}
            {fields.length < 30 && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', seat: '委员' })}
                style={{ marginBottom: 16 }}
                data-testid="oc-form-add-member"
              >
                添加委员
              </Button>
            )}
          </>
        )}
      </Form.List>
      <Form.Item name="note" label="说明" rules={[{ max: 500, message: '说明不能超过 500 字' }]}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={500}
          placeholder="如 印章、档案移交情况"
          data-testid="oc-form-note"
        />
      </Form.Item>
    </FormModal>
  );
}
