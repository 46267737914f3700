import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';
import { formatTime } from '../shared/format';
import { SHIFT_COLOR, type Shift, type Station } from './types';

const when = (d: Shift) => `${formatTime(d.startsAt).slice(0, 16)}–${formatTime(d.endsAt).slice(11, 16)}`;

/** One service point with the week's roster; the community edits it, rosters and takes off a duty nobody has started. */
export function StationCard({
  station,
  canManage,
  onEdit,
  onRoster,
  onChanged,
}: {
  station: Station;
  canManage: boolean;
  onEdit(): void;
  onRoster(): void;
  onChanged(): void;
}) {
  const remove = async (d: Shift) => {
    try {
      await api.delete(`/api/duties/${d.id}`);
      toast('success', '已删除排班');
      onChanged();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Card
      type="inner"
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          {`${station.name} · ${station.nodeName}`}
          {!station.active && <Tag data-testid={`station-inactive-${station.id}`}>已停用</Tag>}
        </Space>
      }
      extra={
        canManage && (
          <Space>
            <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid={`station-edit-${station.id}`}>
              修改
            </Button>
            {station.active && (
              <Button size="small" onClick={onRoster} data-testid={`duty-add-${station.id}`}>
                排班
              </Button>
            )}
          </Space>
        )
      }
      data-testid={`station-${station.id}`}
    >
      <div className="muted" style={{ marginBottom: 8 }}>
        {station.place} · 开放时间：{station.openingHours}
      </div>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={station.shifts}
        locale={{ emptyText: '本周无排班' }}
        columns={[
          { title: '时间', render: (_, d) => when(d) },
          { title: '值班人员', render: (_, d) => `${d.name}（${d.dutyKindLabel}）` },
          {
            title: '状态',
            render: (_, d) => (
              <Tag color={SHIFT_COLOR[d.status]} data-testid={`shift-status-${d.id}`}>
                {d.label}
                {d.flagged ? '（已通报社区）' : ''}
              </Tag>
            ),
          },
          ...(canManage
            ? [
                {
                  title: '操作',
                  width: 80,
                  render: (_: unknown, d: Shift) =>
                    d.status === 'scheduled' && !d.checkedInAt ? (
                      <Popconfirm
                        title={`删除 ${when(d)} ${d.name} 的排班？`}
                        okText="删除"
                        cancelText="取消"
                        okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
                        onConfirm={() => remove(d)}
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`duty-delete-${d.id}`}>
                          删除
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
