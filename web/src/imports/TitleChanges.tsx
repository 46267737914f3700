import { Alert, Checkbox, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import type { TitleChange, TitleHolder } from './types';

const who = (h: TitleHolder) => `${h.name}（${h.idMasked ?? '无证件号码'}）`;

const columns: TableColumnsType<TitleChange> = [
  { title: '房屋', dataIndex: 'room', width: 150, render: (room: string) => <Typography.Text strong>{room}</Typography.Text> },
  {
    title: '产权结束',
    key: 'ends',
    render: (_, u) => (
      <Space direction="vertical" size={2}>
        {u.ends.map((e) => (
          <Typography.Text key={`${e.name}-${e.since}`} type="danger" data-testid="title-end">
            <Tag color="red">结束</Tag>
            {who(e)}，自{e.since}起{e.voter ? '（指定表决人）' : ''}，于{e.until}结束
          </Typography.Text>
        ))}
      </Space>
    ),
  },
  {
    title: '新登记产权',
    key: 'starts',
    render: (_, u) => (
      <Space direction="vertical" size={2}>
        {u.starts.map((s) => (
          <Typography.Text key={`${s.name}-${s.since}`} type="success" data-testid="title-start">
            <Tag color="green">开始</Tag>
            {who(s)}，自{s.since}起{s.voter ? '（指定表决人）' : ''}
            {s.newPerson ? '，新登记的业主' : ''}
          </Typography.Text>
        ))}
      </Space>
    ),
  },
  {
    title: '保留但变更',
    key: 'changes',
    render: (_, u) => (
      <Space direction="vertical" size={2}>
        {u.changes.map((c) => (
          <Typography.Text key={`${c.name}-${c.since}`} data-testid="title-change">
            <Tag color="orange">变更</Tag>
            {who(c)}，自{c.since}起：{c.fields.map((f) => `${f.label} ${f.before} → ${f.after}`).join('；')}
          </Typography.Text>
        ))}
      </Space>
    ),
  },
];

/**
 * The titles that exist and that the import ends, starts beside or changes, unit by unit (issue 13).
 * While the batch waits for confirmation, the user ticks that they have checked this very list.
 */
export function TitleChanges({
  units,
  pending,
  confirmed,
  onConfirm,
}: {
  units: TitleChange[];
  /** The batch is not imported yet: ask for the confirmation. */
  pending: boolean;
  confirmed: boolean;
  onConfirm(checked: boolean): void;
}) {
  const ends = units.reduce((n, u) => n + u.ends.length, 0);
  const starts = units.reduce((n, u) => n + u.starts.length, 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-title-changes">
      <Alert
        type={pending ? 'warning' : 'info'}
        showIcon
        message={
          pending
            ? `本次导入将改变${units.length}套房屋已有业主的产权登记：${ends}名业主的产权结束，${starts}名业主新登记产权`
            : `本次导入改变了${units.length}套房屋已有业主的产权登记`
        }
        description={pending ? '请逐户核对：产权结束后，原业主不再计入表决（R1、R3）。如有不对，请修改文件后重新上传。' : undefined}
      />
      <Table<TitleChange>
        size="small"
        rowKey="unitId"
        columns={columns.filter((c) => c.key === undefined || units.some((u) => u[c.key as 'ends' | 'starts' | 'changes'].length > 0))}
        dataSource={units}
        pagination={units.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 720 }}
        onRow={(u) => ({ 'data-testid': `title-unit-${u.unitId}` }) as HTMLAttributes<HTMLElement>}
      />
      {pending && (
        <Checkbox checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} data-testid="import-confirm-changes">
          我已逐户核对以上{units.length}套房屋的产权变更清单，确认按所列日期结束和登记
        </Checkbox>
      )}
    </Space>
  );
}
