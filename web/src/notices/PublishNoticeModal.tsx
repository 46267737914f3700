import { Alert, DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { todayInChina } from '../shared/format';
import { BackdateFields, backdatePayload, type BackdateValues } from './BackdateFields';
import type { Notice, NoticeDetail } from './types';

const dateText = (d: Dayjs) => d.format('YYYY-MM-DD');

interface PublishValues extends BackdateValues {
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
      submitText="发布"
      confirm={{
        title: '确认发布这份公告？',
        content: '发布后标题、正文、附件和公示期即被冻结，不能再修改；如有错误只能发布更正公告（原公告仍保留可见）。',
        okText: '确认发布',
      }}
      initialValues={{ publishDate: dayjs(today) }}
      onClose={onClose}
      onSubmit={async (v) => {
        const publishDate = dateText(v.publishDate);
        onDone(
          await api.post<NoticeDetail>(`/api/notices/${notice.id}/publish`, {
            publishDate,
            backdate: await backdatePayload(publishDate, today, v),
          }),
        );
      }}
    >
      <Form.Item
        name="publishDate"
        label="张贴日期"
        rules={[{ required: true, message: '请选择张贴日期' }]}
        extra="公告实际张贴（公布）的日期：今天；已张贴的纸质公告可补录为实际张贴日"
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
      <BackdateFields date={date} today={today} testId="notice-publish" />
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
