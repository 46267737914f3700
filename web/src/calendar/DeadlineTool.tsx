import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, InputNumber, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { showFormError } from '../shared/feedback';
import { WEEKDAY_NAME } from './MonthGrid';
import type { DaysAdd } from './types';

type Unit = 'workdays' | 'calendarDays';

interface Values {
  from: Dayjs;
  days: number;
  unit: Unit;
}

interface Result extends DaysAdd {
  from: string;
  days: number;
  unit: Unit;
}

const INCOMPLETE = '期间涉及的年度节假日安排尚未录入，结果按周一至周五推算，录入后可能变化';

function weekday(date: string): string {
  return WEEKDAY_NAME[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
}

/** 期限计算: "自 D 日起 N 个工作日 / N 日" → the day the period ends (D itself not counted). */
export function DeadlineTool({ today, onShow }: { today: string; onShow(date: string): void }) {
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);

  async function compute(v: Values) {
    setBusy(true);
    try {
      const from = v.from.format('YYYY-MM-DD');
      const r =
        v.unit === 'workdays'
          ? {
              extended: false,
              warning: null,
              ...(await api.get<{ date: string; calendarComplete: boolean }>('/api/calendar/workdays/add', { from, days: v.days })),
            }
          : await api.get<DaysAdd>('/api/calendar/days/add', { from, days: v.days });
      setResult({ ...r, from, days: v.days, unit: v.unit });
    } catch (e) {
      setResult(null);
      showFormError(form, e, { from: 'from', days: 'days' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="deadline-tool">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ from: dayjs(today), days: 5, unit: 'workdays' }}
        onFinish={(v) => void compute(v)}
        onValuesChange={() => setResult(null)}
        requiredMark={false}
      >
        <Form.Item name="from" label="起算日（当日不计入）" rules={[{ required: true, message: '请选择起算日' }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="deadline-from" />
        </Form.Item>
        <div className="cal-deadline-row">
          <Form.Item name="days" label="期限" rules={[{ required: true, message: '请输入天数' }]} style={{ flex: 1 }}>
            <InputNumber min={1} max={3660} precision={0} style={{ width: '100%' }} data-testid="deadline-days" />
          </Form.Item>
          <Form.Item name="unit" label="单位">
            <Radio.Group optionType="button" data-testid="deadline-unit">
              <Radio.Button value="workdays" data-testid="deadline-unit-workdays">
                工作日
              </Radio.Button>
              <Radio.Button value="calendarDays" data-testid="deadline-unit-calendar">
                自然日
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy} block data-testid="deadline-submit">
          计算届满日
        </Button>
      </Form>
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type={result.calendarComplete ? 'success' : 'warning'}
          showIcon
          data-testid="deadline-result"
          title={
            <span>
              <strong data-testid="deadline-result-date">{formatDateZh(result.date)}</strong>（{weekday(result.date)}）届满
            </span>
          }
          description={
            <div>
              <div>
                自{formatDateZh(result.from)}起 {result.days} {result.unit === 'workdays' ? '个工作日' : '日'}，起算日当日不计入。
              </div>
              {result.extended && <div>期限末日为休息日，已顺延至其后第一个工作日（民法典第二百零三条）。</div>}
              {!result.calendarComplete && (
                <div className="cal-incomplete" data-testid="deadline-incomplete">
                  {result.warning ?? INCOMPLETE}
                </div>
              )}
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onShow(result.date)} data-testid="deadline-show">
                在月历中查看
              </Button>
            </div>
          }
        />
      )}
    </div>
  );
}
