import { DatePicker, Descriptions, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { todayInChina } from '../shared/format';
import type { Notice, NoticeDetail, Objection } from './types';

const dateText = (d: Dayjs) => d.format('YYYY-MM-DD');

interface ObjectionValues {
  content: string;
  objectorName?: string;
  objectorUnit?: string;
  receivedOn?: Dayjs;
}

/**
 * 提出异议 (R30), on any notice that takes objections — a notice of its own or a formation case's
 * member list. Staff enter a paper objection (the objector's name and the day it was received); an
 * owner files online with the content only.
 */
export function ObjectionModal({
  notice,
  paper,
  verifyWorkdays = 5,
  onClose,
  onDone,
}: {
  notice: Pick<Notice, 'id' | 'title' | 'publishDate' | 'endDate'>;
  paper: boolean;
  /** R30: the street verifies within this many working days of receipt (the profile's) */
  verifyWorkdays?: number;
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
        {notice.endDate ? `，公示期至${formatDateZh(notice.endDate)}` : ''}。街道办事处自收到之日起{verifyWorkdays}
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

/**
 * 核查 (R30): the street's conclusion, published at once as a notice of its own. `upheldNote` says
 * what an upheld objection sets off (a member list goes back for adjustment); `testId` prefixes the
 * form's controls (`<testId>-outcome-upheld`, `<testId>-finding`, `<testId>-submit`).
 */
export function VerifyObjectionModal({
  objection,
  upheldNote,
  testId = 'verify-form',
  onClose,
  onDone,
}: {
  objection: Pick<Objection, 'id' | 'objectorName' | 'receivedOn' | 'verifyDue' | 'content'> & { objectorUnit?: string | null };
  upheldNote?: string;
  testId?: string;
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
      testId={testId}
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
        <Radio.Group data-testid={`${testId}-outcome`}>
          <Radio value="upheld" data-testid={`${testId}-outcome-upheld`}>
            异议成立{upheldNote ? `（${upheldNote}）` : ''}
          </Radio>
          <Radio value="rejected" data-testid={`${testId}-outcome-rejected`}>
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
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} data-testid={`${testId}-finding`} />
      </Form.Item>
    </FormModal>
  );
}
