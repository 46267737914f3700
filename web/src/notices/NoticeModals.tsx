import { FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import { NOTICE_KIND_LABEL, NOTICE_KINDS, type NoticeKind, type PeriodUnit } from '../../../core/notices';
import { api } from '../api';
import type { OrgTree } from '../org/tree';
import { FormModal } from '../shared/FormModal';
import { modal, showError, toast } from '../shared/feedback';
import { todayInChina } from '../shared/format';
import { NodePicker } from './NodePicker';
import type { Notice, NoticeDetail, Objection } from './types';

const dateText = (d: Dayjs) => d.format('YYYY-MM-DD');

type UnitChoice = PeriodUnit | 'none';

interface NoticeFormValues {
  nodeId?: number;
  kind: NoticeKind;
  title: string;
  body: string;
  periodUnit: UnitChoice;
  periodDays?: number | null;
  acceptsObjections: boolean;
}

function PeriodFields() {
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

function periodPayload(v: NoticeFormValues) {
  const none = v.periodUnit === 'none';
  return {
    periodUnit: none ? null : v.periodUnit,
    periodDays: none ? null : (v.periodDays ?? null),
    acceptsObjections: none ? false : v.acceptsObjections,
  };
}

const titleRules = [
  { required: true, whitespace: true, message: '请输入标题' },
  { max: 200, message: '标题不能超过 200 个字' },
];
const bodyRules = [
  { required: true, whitespace: true, message: '请输入正文' },
  { max: 20000, message: '正文不能超过 20000 个字' },
];

/**
 * 套用模板: the server's text for the chosen place and kind fills the title and body, after a
 * confirmation when either already holds something.
 */
function TemplateButton() {
  const form = Form.useFormInstance<NoticeFormValues>();
  const nodeId = Form.useWatch('nodeId', form);
  const kind = Form.useWatch('kind', form);
  const [loading, setLoading] = useState(false);
  const ready = !!nodeId && !!kind;

  const apply = async () => {
    setLoading(true);
    try {
      const t = await api.get<{ title: string; body: string }>('/api/notices/template', { nodeId, kind });
      form.setFieldsValue({ title: t.title, body: t.body });
      void form.validateFields(['title', 'body']);
      toast('success', '已套用模板，请核对并按实际修改');
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  };

  const onClick = () => {
    if (!ready) return toast('warning', '请先选择张贴范围和公告类型');
    const filled = [form.getFieldValue('title'), form.getFieldValue('body')].some((v) => typeof v === 'string' && v.trim() !== '');
    if (!filled) return void apply();
    modal().confirm({
      title: '覆盖已填写的内容？',
      content: '套用模板将替换当前的标题和正文。',
      okText: '覆盖',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'confirm-ok' },
      cancelButtonProps: { 'data-testid': 'confirm-cancel' },
      onOk: apply,
    });
  };

  return (
    <Button icon={<FileTextOutlined />} onClick={onClick} loading={loading} data-testid="notice-form-template">
      套用模板
    </Button>
  );
}

/** 起草公告: a draft for an estate, community or street. */
export function CreateNoticeModal({
  tree,
  defaultNodeId,
  onClose,
  onDone,
}: {
  tree: OrgTree | null;
  defaultNodeId?: number;
  onClose(): void;
  onDone(n: NoticeDetail): void;
}) {
  const [form] = Form.useForm<NoticeFormValues>();
  return (
    <FormModal<NoticeFormValues>
      title="起草公告"
      open
      form={form}
      width={640}
      testId="notice-form"
      submitText="保存草稿"
      initialValues={{ nodeId: defaultNodeId, kind: 'announcement', periodUnit: 'workdays', periodDays: 5, acceptsObjections: false }}
      onClose={onClose}
      onSubmit={async (v) => {
        const created = await api.post<NoticeDetail>('/api/notices', {
          nodeId: v.nodeId,
          kind: v.kind,
          title: v.title.trim(),
          body: v.body.trim(),
          ...periodPayload(v),
        });
        onDone(created);
      }}
    >
      <Form.Item name="nodeId" label="张贴范围" rules={[{ required: true, message: '请选择小区、社区或街道' }]}>
        <NodePicker tree={tree} testId="notice-form-node" />
      </Form.Item>
      <Form.Item name="kind" label="公告类型" rules={[{ required: true, message: '请选择公告类型' }]}>
        <Select options={NOTICE_KINDS.map((k) => ({ value: k, label: NOTICE_KIND_LABEL[k] }))} data-testid="notice-form-kind" />
      </Form.Item>
      <Form.Item label="模板" extra="按所选范围和类型套用规范文本（填入小区、社区、街道名称和日期），再按实际修改">
        <TemplateButton />
      </Form.Item>
      <Form.Item name="title" label="标题" rules={titleRules}>
        <Input maxLength={200} placeholder="如 关于成立晴康里物业管理委员会的公告" data-testid="notice-form-title" />
      </Form.Item>
      <Form.Item name="body" label="正文" rules={bodyRules}>
        <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={20000} data-testid="notice-form-body" />
      </Form.Item>
      <PeriodFields />
    </FormModal>
  );
}

/** 修改草稿: title, body and period; the place and kind of a notice are fixed once drafted. */
export function EditNoticeModal({ notice, onClose, onDone }: { notice: Notice; onClose(): void; onDone(n: NoticeDetail): void }) {
  const [form] = Form.useForm<NoticeFormValues>();
  return (
    <FormModal<NoticeFormValues>
      title="修改草稿"
      open
      form={form}
      width={640}
      testId="notice-form"
      submitText="保存"
      initialValues={{
        kind: notice.kind,
        title: notice.title,
        body: notice.body,
        periodUnit: notice.periodUnit ?? 'none',
        periodDays: notice.periodDays,
        acceptsObjections: notice.acceptsObjections,
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(
          await api.patch<NoticeDetail>(`/api/notices/${notice.id}`, {
            title: v.title.trim(),
            body: v.body.trim(),
            ...periodPayload(v),
          }),
        );
      }}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'node', label: '张贴范围', children: notice.nodeName },
          { key: 'kind', label: '公告类型', children: notice.kindLabel },
        ]}
      />
      <Form.Item name="title" label="标题" rules={titleRules}>
        <Input maxLength={200} data-testid="notice-form-title" />
      </Form.Item>
      <Form.Item name="body" label="正文" rules={bodyRules}>
        <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={20000} data-testid="notice-form-body" />
      </Form.Item>
      <PeriodFields />
    </FormModal>
  );
}

interface PublishValues {
  publishDate: Dayjs;
}

/** The end of the period if posted on `date`, from the calendar API (null while unknown). */
function usePeriodEnd(notice: Notice, date: string | null) {
  const [end, setEnd] = useState<{ date: string; calendarComplete: boolean; warning: string | null } | null>(null);
  useEffect(() => {
    setEnd(null);
    if (!date || !notice.periodUnit || !notice.periodDays) return;
    let live = true;
    const path = notice.periodUnit === 'workdays' ? '/api/calendar/workdays/add' : '/api/calendar/days/add';
    api.get<{ date: string; calendarComplete: boolean; warning?: string | null }>(path, { from: date, days: notice.periodDays }).then(
      (r) => live && setEnd({ date: r.date, calendarComplete: r.calendarComplete, warning: r.warning ?? null }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [notice.periodUnit, notice.periodDays, date]);
  return end;
}

/** 发布: the posting day (today or earlier) fixes the period; the content is frozen from then on. */
export function PublishNoticeModal({ notice, onClose, onDone }: { notice: Notice; onClose(): void; onDone(n: NoticeDetail): void }) {
  const [form] = Form.useForm<PublishValues>();
  const today = todayInChina();
  const picked = Form.useWatch('publishDate', form);
  const date = picked ? dateText(picked) : today;
  const end = usePeriodEnd(notice, date);
  return (
    <FormModal<PublishValues>
      title={`发布「${notice.title}」`}
      open
      form={form}
      testId="notice-publish"
      submitText="确认发布"
      initialValues={{ publishDate: dayjs(today) }}
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(await api.post<NoticeDetail>(`/api/notices/${notice.id}/publish`, { publishDate: dateText(v.publishDate) }));
      }}
    >
      <Form.Item
        name="publishDate"
        label="张贴日期"
        rules={[{ required: true, message: '请选择张贴日期' }]}
        extra="公告实际张贴（公布）的日期，不能晚于今天"
      >
        {/* Enter picks the typed date; publishing (which cannot be undone) takes the button. */}
        <DatePicker
          style={{ width: '100%' }}
          allowClear={false}
          disabledDate={(d) => dateText(d) > today}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.preventDefault();
          }}
          data-testid="notice-publish-date"
        />
      </Form.Item>
      {notice.periodText ? (
        <Alert
          type={end && !end.calendarComplete ? 'warning' : 'info'}
          showIcon
          data-testid="notice-publish-preview"
          title={
            end ? (
              <span>
                公示 {notice.periodText}，自张贴次日起算，至 <strong>{formatDateZh(end.date)}</strong> 届满
              </span>
            ) : (
              `公示 ${notice.periodText}，自张贴次日起算`
            )
          }
          description={
            end && !end.calendarComplete
              ? (end.warning ?? '期间涉及的年度节假日安排尚未录入，届满日按周一至周五推算，录入后可能变化')
              : undefined
          }
        />
      ) : (
        <Alert type="info" showIcon title="本公告不设公示期，发布后长期有效。" />
      )}
      <p className="muted" style={{ marginTop: 12, marginBottom: 0 }}>
        发布后公告内容不能再修改；如需更正，须起草并发布更正公告（原公告保留可见，并标记为已被更正）。
        {notice.supersedesId !== null && `本公告发布后将取代编号 ${notice.supersedesId} 的原公告。`}
      </p>
    </FormModal>
  );
}

interface ObjectionValues {
  content: string;
  objectorName?: string;
  objectorUnit?: string;
  receivedOn?: Dayjs;
}

/**
 * 提出异议. Staff enter a paper objection (the objector's name and the day it was received);
 * an owner files online with the content only.
 */
export function ObjectionModal({
  notice,
  paper,
  onClose,
  onDone,
}: {
  notice: Notice;
  paper: boolean;
  onClose(): void;
  onDone(n: NoticeDetail): void;
}) {
  const [form] = Form.useForm<ObjectionValues>();
  const today = todayInChina();
  const earliest = notice.publishDate ?? today;
  const latest = notice.endDate && notice.endDate < today ? notice.endDate : today;
  return (
    <FormModal<ObjectionValues>
      title={paper ? '登记纸质异议' : '提出书面异议'}
      open
      form={form}
      width={600}
      testId="objection-form"
      submitText={paper ? '登记' : '提交异议'}
      initialValues={paper ? { receivedOn: dayjs(latest) } : {}}
      onClose={onClose}
      onSubmit={async (v) => {
        const body = paper
          ? {
              content: v.content.trim(),
              objectorName: v.objectorName?.trim(),
              ...(v.objectorUnit?.trim() ? { objectorUnit: v.objectorUnit.trim() } : {}),
              receivedOn: v.receivedOn ? dateText(v.receivedOn) : undefined,
            }
          : { content: v.content.trim() };
        onDone(await api.post<NoticeDetail>(`/api/notices/${notice.id}/objections`, body));
      }}
    >
      <p className="muted" style={{ marginTop: 0 }}>
        对《{notice.title}》的异议
        {notice.endDate ? `，公示期至${formatDateZh(notice.endDate)}` : ''}。街道办事处自收到之日起 5
        个工作日内核查，核查结果将公示（不公开异议人姓名）。
      </p>
      {paper && (
        <>
          <Form.Item
            name="objectorName"
            label="异议人姓名"
            rules={[
              { required: true, whitespace: true, message: '请输入异议人姓名' },
              { max: 40, message: '异议人姓名不能超过 40 个字' },
            ]}
          >
            <Input maxLength={40} data-testid="objection-form-name" />
          </Form.Item>
          <Form.Item name="objectorUnit" label="房号" rules={[{ max: 40, message: '房号不能超过 40 个字' }]}>
            <Input maxLength={40} placeholder="如 3号楼2单元501（可选）" data-testid="objection-form-unit" />
          </Form.Item>
          <Form.Item
            name="receivedOn"
            label="收到日期"
            rules={[{ required: true, message: '请选择收到日期' }]}
            extra="街道或社区收到书面异议的日期，核查期限由此起算"
          >
            <DatePicker
              style={{ width: '100%' }}
              allowClear={false}
              disabledDate={(d) => dateText(d) > latest || dateText(d) < earliest}
              data-testid="objection-form-received-on"
            />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="content"
        label="异议内容"
        rules={[
          { required: true, whitespace: true, message: '请输入异议内容' },
          { max: 5000, message: '异议内容不能超过 5000 字' },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 5, maxRows: 12 }}
          maxLength={5000}
          showCount
          placeholder="请写明异议的事项和理由"
          data-testid="objection-form-content"
        />
      </Form.Item>
    </FormModal>
  );
}

interface VerifyValues {
  outcome: 'upheld' | 'rejected';
  finding: string;
}

/** 核查: the street's conclusion, published at once as a notice of its own. */
export function VerifyObjectionModal({
  objection,
  onClose,
  onDone,
}: {
  objection: Objection;
  onClose(): void;
  onDone(n: NoticeDetail): void;
}) {
  const [form] = Form.useForm<VerifyValues>();
  return (
    <FormModal<VerifyValues>
      title="核查异议"
      open
      form={form}
      width={600}
      testId="verify-form"
      submitText="提交核查结论"
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(await api.post<NoticeDetail>(`/api/objections/${objection.id}/verify`, { outcome: v.outcome, finding: v.finding.trim() }));
      }}
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'who',
            label: '异议人',
            children: `${objection.objectorName}${objection.objectorUnit ? `（${objection.objectorUnit}）` : ''}`,
          },
          { key: 'received', label: '收到日期', children: formatDateZh(objection.receivedOn) },
          { key: 'due', label: '核查期限', children: formatDateZh(objection.verifyDue) },
          { key: 'content', label: '异议内容', children: <div className="notice-pre">{objection.content}</div> },
        ]}
      />
      <Form.Item name="outcome" label="核查结论" rules={[{ required: true, message: '请选择核查结论' }]}>
        <Radio.Group data-testid="verify-form-outcome">
          <Radio value="upheld" data-testid="verify-form-upheld">
            异议成立
          </Radio>
          <Radio value="rejected" data-testid="verify-form-rejected">
            异议不成立
          </Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="finding"
        label="核查情况"
        rules={[
          { required: true, whitespace: true, message: '请填写核查情况' },
          { max: 5000, message: '核查情况不能超过 5000 字' },
        ]}
        extra="核查情况与结论将立即作为“异议核查结果公示”发布在同一范围，不公开异议人姓名。"
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} data-testid="verify-form-finding" />
      </Form.Item>
    </FormModal>
  );
}
