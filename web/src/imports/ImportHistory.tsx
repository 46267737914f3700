import { DeleteOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { formatTime } from '../shared/format';
import { KIND_LABEL, STATUS_LABEL, type ImportBatch, type ImportKind } from './types';

/** 导入记录: the batches in the caller's scope, to open again, download the report of, or discard. */
export function ImportHistory({
  history,
  error,
  onReload,
  onOpen,
  onDiscard,
}: {
  history: ImportBatch[] | null;
  error: string | null;
  onReload(): void;
  onOpen(id: number): void;
  onDiscard(id: number): void;
}) {
  const columns: TableColumnsType<ImportBatch> = [
    { title: '上传时间', dataIndex: 'createdAt', width: 170, render: (t: string) => formatTime(t) },
    { title: '类型', dataIndex: 'kind', width: 110, render: (k: ImportKind) => KIND_LABEL[k] },
    { title: '导入位置', dataIndex: 'nodeName' },
    { title: '文件', dataIndex: 'fileName', ellipsis: true },
    { title: '行数', dataIndex: 'rows', width: 80 },
    {
      title: '错误行',
      dataIndex: 'errorRows',
      width: 80,
      render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: ImportBatch['status']) => (
        <Tag color={s === 'committed' ? 'green' : s === 'checked' ? 'blue' : 'default'}>{STATUS_LABEL[s]}</Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, b) => (
        <Space size={4} wrap>
          <Button size="small" type="link" onClick={() => onOpen(b.id)} data-testid={`import-open-${b.id}`}>
            查看
          </Button>
          <Button size="small" type="link" href={`/api/imports/${b.id}/report`} icon={<DownloadOutlined />}>
            报告
          </Button>
          {b.actions.includes('discard') && (
            <Popconfirm
              title="放弃这个未导入的批次？"
              okText="放弃"
              cancelText="取消"
              onConfirm={() => onDiscard(b.id)}
              okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
            >
              <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid={`import-discard-${b.id}`}>
                放弃
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title="导入记录"
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={onReload}>
          刷新
        </Button>
      }
    >
      {error ? (
        <Alert type="error" showIcon message={error} />
      ) : history && history.length === 0 ? (
        <Empty description="还没有导入记录" />
      ) : (
        <Table<ImportBatch>
          size="small"
          rowKey="id"
          loading={!history}
          columns={columns}
          dataSource={history ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          scroll={{ x: 900 }}
          data-testid="import-history"
        />
      )}
    </Card>
  );
}
