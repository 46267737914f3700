import { Alert, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ImportBatch, RowProblem } from './types';

const problemColumns: TableColumnsType<RowProblem> = [
  { title: '行号', dataIndex: 'row', width: 70, render: (r: number) => r || '—' },
  { title: '列', dataIndex: 'column', width: 150, render: (c: string) => c || '整行' },
  { title: '问题', dataIndex: 'message' },
];

/** The errors of a check (a table, the first 200) and its warnings (the first 10). */
export function Problems({ batch }: { batch: ImportBatch }) {
  const errors = batch.errors ?? [];
  const warnings = batch.warnings ?? [];
  return (
    <>
      {errors.length > 0 && (
        <>
          <Alert
            type="error"
            showIcon
            message={`发现${batch.errorCount}处错误，涉及${batch.errorRows}行${batch.errorCount > errors.length ? `（下表显示前${errors.length}处，完整列表请下载检查报告）` : ''}`}
            description="可以按报告修改后重新上传；也可以只导入无错误的行。同一房屋任一行有错误时，该房屋的各行都暂不导入。"
          />
          <Table<RowProblem>
            size="small"
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            columns={problemColumns}
            dataSource={errors}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            scroll={{ x: 520 }}
            data-testid="import-errors"
          />
        </>
      )}
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={`提示（${batch.warningCount}）：不影响导入`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {warnings.slice(0, 10).map((w) => (
                <li key={`${w.row}-${w.message}`}>
                  第{w.row}行：{w.message}
                </li>
              ))}
              {warnings.length > 10 && <li>……其余见检查报告</li>}
            </ul>
          }
        />
      )}
    </>
  );
}
