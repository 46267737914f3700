import { Alert, DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../api';
import { BackdateFields, backdatePayload, type BackdateValues } from '../notices/BackdateFields';
import { FormModal } from '../shared/FormModal';
import { todayInChina } from '../shared/format';
import type { DecisionDetail } from './types';

interface Values extends BackdateValues {
  announcedOn: Dayjs;
}

const dateText = (d: Dayjs) => d.format('YYYY-MM-DD');

/**
 * 公告议题 (R14, R15): the topics go to all owners, posted today — or recorded as a paper notice
 * already posted in the estate (补录, issue 13); from then on no motion changes.
 */
export function AnnounceDecisionModal({ d, onClose, onDone }: { d: DecisionDetail; onClose(): void; onDone(d: DecisionDetail): void }) {
  const [form] = Form.useForm<Values>();
  const today = todayInChina();
  const picked = Form.useWatch('announcedOn', form);
  return (
    <FormModal<Values>
      title={`公告议题：${d.title}`}
      open
      form={form}
      testId="decision-announce"
      submitText="公告议题"
      initialValues={{ announcedOn: dayjs(today) }}
      confirm={{
        title: '确认公告议题？',
        content: '公告后不能再增加或修改表决事项（R15），投票最早于公告之日起满规定天数后开始（R14）。',
        okText: '确认公告',
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        const announcedOn = dateText(v.announcedOn);
        onDone(
          await api.post<DecisionDetail>(`/api/decisions/${d.id}/announce`, {
            announcedOn,
            backdate: await backdatePayload(announcedOn, today, v),
          }),
        );
      }}
      fieldMap={{ announcedOn: 'announcedOn' }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="议题公告在小区张贴并在平台公布；公告后表决事项冻结。" />
      <Form.Item
        name="announcedOn"
        label="张贴日期"
        rules={[{ required: true, message: '请选择张贴日期' }]}
        extra="今天；已在小区张贴的纸质公告可补录为实际张贴日"
      >
        <DatePicker
          style={{ width: '100%' }}
          allowClear={false}
          disabledDate={(x) => dateText(x) > today}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.preventDefault();
          }}
          data-testid="decision-announce-date"
        />
      </Form.Item>
      <BackdateFields date={picked ? dateText(picked) : null} today={today} testId="decision-announce" />
    </FormModal>
  );
}
