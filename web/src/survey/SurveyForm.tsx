import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  COMMITTEE_STATE_LABEL,
  COMMITTEE_STATES,
  COMPANY_PARTY_LABEL,
  COMPANY_PARTY_STATES,
  SURVEY_PROBLEM_CODES,
  SURVEY_PROBLEMS,
} from '../../../core/survey';
import { api } from '../api';
import { showFormError, toast } from '../shared/feedback';
import type { SurveyAnswers, SurveyPageData } from './types';

type Values = Omit<SurveyAnswers, 'committeeTermStart' | 'committeeTermEnd'> & { termStart: Dayjs | null; termEnd: Dayjs | null };

const yesNo = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];
const day = (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null);

/** The survey form, prefilled with what the platform knows and the last survey: the community confirms and submits. */
export function SurveyForm({ page, onDone }: { page: SurveyPageData; onDone(): void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const committee = Form.useWatch('ownersCommittee', form);
  const conditions = Form.useWatch('assemblyConditions', form);
  const p = page.prefill;
  const hasCommittee = committee !== undefined && committee !== 'none';
  async function submit(v: Values) {
    setSaving(true);
    try {
      const { termStart, termEnd, ...rest } = v;
      const r = await api.post<{ explanation: string }>(`/api/estates/${page.estate.id}/surveys`, {
        ...rest,
        committeeSeats: hasCommittee ? (v.committeeSeats ?? null) : null,
        committeeMembers: hasCommittee ? (v.committeeMembers ?? null) : null,
        committeeTermStart: hasCommittee ? day(termStart) : null,
        committeeTermEnd: hasCommittee ? day(termEnd) : null,
        assemblyDifficulty: v.assemblyDifficulty?.trim() || null,
        companyName: v.companyName?.trim() || null,
        problemNote: v.problemNote?.trim() || null,
        gridWorkers: v.gridWorkers ?? [],
        problems: v.problems ?? [],
      });
      toast('success', `已提交：${r.explanation}`);
      onDone();
    } catch (e) {
      showFormError(form, e, { committeeTermStart: 'termStart', committeeTermEnd: 'termEnd' });
    } finally {
      setSaving(false);
    }
  }
  return (
    <Card title="填报调查摸底" size="small" data-testid="survey-form-card">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="表中已填入平台掌握的情况和上次填报的内容，请逐项核对后提交；提交后据此设定小区治理状态及组建原因（R26）。"
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="survey-form"
        initialValues={{
          ...p,
          termStart: p.committeeTermStart ? dayjs(p.committeeTermStart) : null,
          termEnd: p.committeeTermEnd ? dayjs(p.committeeTermEnd) : null,
        }}
      >
        <Form.Item name="ownersCommittee" label="业委会情况" rules={[{ required: true, message: '请选择业委会情况' }]}>
          <Radio.Group
            data-testid="survey-committee"
            options={COMMITTEE_STATES.map((c) => ({ value: c, label: COMMITTEE_STATE_LABEL[c] }))}
          />
        </Form.Item>
        {hasCommittee && (
          <Space wrap>
            <Form.Item name="committeeSeats" label="应有委员（人）">
              <InputNumber min={0} max={50} data-testid="survey-seats" />
            </Form.Item>
            <Form.Item name="committeeMembers" label="实有委员（人）">
              <InputNumber min={0} max={50} data-testid="survey-members" />
            </Form.Item>
            <Form.Item name="termStart" label="任期开始">
              <DatePicker />
            </Form.Item>
            <Form.Item name="termEnd" label="任期结束">
              <DatePicker />
            </Form.Item>
          </Space>
        )}
        <Space wrap size="large">
          <Form.Item name="assemblyHeld" label="业主大会已成立">
            <Radio.Group options={yesNo} data-testid="survey-assembly-held" />
          </Form.Item>
          <Form.Item name="assemblyConditions" label="具备成立业主大会条件">
            <Radio.Group options={yesNo} data-testid="survey-assembly-conditions" />
          </Form.Item>
          <Form.Item name="singleOwner" label="单一业主（不需组建）">
            <Radio.Group options={yesNo} data-testid="survey-single-owner" />
          </Form.Item>
        </Space>
        {conditions && (
          <Form.Item name="assemblyDifficulty" label="确有困难的情况（R26）">
            <Input.TextArea rows={2} maxLength={500} data-testid="survey-difficulty" />
          </Form.Item>
        )}
        <Space wrap size="large">
          <Form.Item name="companyName" label="物业企业">
            <Input style={{ width: 260 }} maxLength={100} data-testid="survey-company" />
          </Form.Item>
          <Form.Item name="companyParty" label="物业企业党组织（R39）">
            <Select
              style={{ width: 240 }}
              options={COMPANY_PARTY_STATES.map((c) => ({ value: c, label: COMPANY_PARTY_LABEL[c] }))}
              data-testid="survey-company-party"
            />
          </Form.Item>
        </Space>
        <Form.Item name="gridWorkers" label="网格员（R40）">
          <Select mode="tags" placeholder="输入姓名后回车" data-testid="survey-grid-workers" />
        </Form.Item>
        <Form.Item name="problems" label="主要问题">
          <Checkbox.Group
            data-testid="survey-problems"
            options={SURVEY_PROBLEM_CODES.map((c) => ({ value: c, label: SURVEY_PROBLEMS[c].label }))}
          />
        </Form.Item>
        <Form.Item name="problemNote" label="问题说明">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="survey-submit">
          提交调查摸底
        </Button>
      </Form>
    </Card>
  );
}
