import { Alert, Button, Form, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { parseYuan } from '../../../core/money';
import { api, errorMessage } from '../api';
import { useSession } from '../auth/session';
import { FormModal } from '../shared/FormModal';
import { todayInChina } from '../shared/format';
import { yuan, type BoardItem, type IncomeRowOut } from './types';

interface Values {
  period: string;
}
interface RowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

/** A new row's date: today, or the last day of the statement's quarter when that has ended. */
function defaultDate(period: string | null): string {
  const today = todayInChina();
  const m = period && /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) return today;
  const end = new Date(Date.UTC(Number(m[1]), Number(m[2]) * 3, 0)).toISOString().slice(0, 10);
  return end < today ? end : today;
}

const quarterNow = () => {
  const t = todayInChina();
  return `${t.slice(0, 4)}Q${Math.ceil(Number(t.slice(5, 7)) / 3)}`;
};

/** 公共收益支出: the rows of a quarter, typed or read from Excel (every row checked), totals exact in fen. */
export function IncomeModal({ estateId, item, onClose, onDone }: { estateId: number; item: BoardItem; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<Values>();
  // the raw upload goes past the JSON client: it sends the session's CSRF token itself
  const csrf = useSession().me?.csrfToken ?? '';
  const [rows, setRows] = useState<IncomeRowOut[]>(item.income?.rows ?? []);
  const [errors, setErrors] = useState<RowError[]>([]);
  const [draft, setDraft] = useState({
    kind: 'income' as 'income' | 'expense',
    date: defaultDate(item.income?.period ?? null),
    title: '',
    amount: '',
  });
  const [draftError, setDraftError] = useState<string | null>(null);
  const sum = (k: 'income' | 'expense') => rows.filter((r) => r.kind === k).reduce((a, r) => a + r.amountFen, 0);

  const importFile = async (file: File) => {
    try {
      const res = await fetch(`/api/estates/${estateId}/disclosures/publicIncome/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'x-csrf-token': csrf },
        body: file,
        credentials: 'same-origin',
      });
      const data = (await res.json()) as { rows?: IncomeRowOut[]; errors?: RowError[]; message?: string };
      if (!res.ok) throw new Error(data.message ?? '读取失败');
      setErrors(data.errors ?? []);
      if (!data.errors?.length) setRows(data.rows ?? []);
    } catch (e) {
      setErrors([{ row: 0, column: '', value: '', message: errorMessage(e) }]);
    }
  };
  const addDraft = () => {
    const fen = parseYuan(draft.amount);
    if (!fen.ok) return setDraftError(fen.message);
    if (!draft.title.trim()) return setDraftError('请填写收支项目');
    setRows([...rows, { kind: draft.kind, date: draft.date, title: draft.title.trim(), amountFen: fen.fen, note: null }]);
    setDraft({ ...draft, title: '', amount: '' });
    setDraftError(null);
  };

  return (
    <FormModal<Values>
      title="更新“公共收益支出”"
      open
      form={form}
      width={820}
      testId="income-form"
      submitText="发布新版本"
      initialValues={{ period: item.income?.period ?? quarterNow() }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.put(`/api/estates/${estateId}/disclosures/publicIncome`, { period: v.period, rows, body: item.body });
        onDone();
      }}
    >
      <Form.Item
        name="period"
        label="所属季度（如 2026Q3）"
        rules={[{ required: true, pattern: /^\d{4}Q[1-4]$/, message: '格式如 2026Q3' }]}
      >
        <Input style={{ width: 160 }} data-testid="income-form-period" />
      </Form.Item>
      <Space wrap style={{ marginBottom: 8 }}>
        <label className="ant-btn ant-btn-default">
          从 Excel 读取
          <input
            type="file"
            accept=".xlsx"
            hidden
            onChange={(e) => e.target.files?.[0] && importFile(e.target.files[0])}
            data-testid="income-form-import"
          />
        </label>
        <a href={`/api/public/estates/${estateId}/disclosures/publicIncome.xlsx`}>导出当前收支表（可作模板）</a>
      </Space>
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="income-form-errors"
          title={`表格中有 ${errors.length} 处错误，请在 Excel 中改正后重新读取`}
          description={errors.map((e, i) => (
            <div key={i}>{e.row ? `第${e.row}行「${e.column}」${e.value ? `（${e.value}）` : ''}：${e.message}` : e.message}</div>
          ))}
        />
      )}
      <Table<IncomeRowOut>
        size="small"
        rowKey={(_r, i) => String(i)}
        pagination={false}
        dataSource={rows}
        data-testid="income-form-rows"
        columns={[
          { title: '收支', dataIndex: 'kind', render: (k: string) => (k === 'income' ? '收入' : '支出'), width: 60 },
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '项目', dataIndex: 'title' },
          { title: '金额（元）', dataIndex: 'amountFen', align: 'right', render: (f: number) => yuan(f), width: 120 },
          {
            title: '',
            key: 'x',
            width: 60,
            render: (_v, _r, i) => (
              <Button size="small" type="link" onClick={() => setRows(rows.filter((_x, k) => k !== i))}>
                删除
              </Button>
            ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              收入合计 {yuan(sum('income'))}，支出合计 {yuan(sum('expense'))}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <span data-testid="income-form-balance">结余 {yuan(sum('income') - sum('expense'))}</span>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Space wrap style={{ marginTop: 8 }}>
        <Select
          value={draft.kind}
          onChange={(k) => setDraft({ ...draft, kind: k })}
          options={[
            { value: 'income', label: '收入' },
            { value: 'expense', label: '支出' },
          ]}
          style={{ width: 80 }}
        />
        <Input
          value={draft.date}
          onChange={(e) => setDraft({ ...draft, date: e.target.value })}
          style={{ width: 120 }}
          data-testid="income-form-date"
        />
        <Input
          value={draft.title}
          placeholder="项目"
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          style={{ width: 200 }}
          data-testid="income-form-title"
        />
        <Input
          value={draft.amount}
          placeholder="金额（元）"
          onChange={(e) => setDraft({ ...draft, amount: e.target.value })}
          style={{ width: 120 }}
          data-testid="income-form-amount"
        />
        <Button onClick={addDraft} data-testid="income-form-add">
          添加一行
        </Button>
      </Space>
      {draftError && <div style={{ color: '#cf1322' }}>{draftError}</div>}
    </FormModal>
  );
}
