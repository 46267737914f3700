import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Table, Tag } from 'antd';
import { useState } from 'react';
import { useSession } from '../auth/session';
import { useOrgTree } from '../org/useOrgTree';
import { toast } from '../shared/feedback';
import { formatTime } from '../shared/format';
import { useData } from '../tickets/useData';
import { MyDuties } from './MyDuties';
import { DutyModal, StationModal } from './StationModals';
import { SHIFT_COLOR, type Station } from './types';

/** 服务站点与值班: the service points of the caller's scope with this week's roster; the caller's own duties to check in. */
export default function StationsPage() {
  const { can } = useSession();
  const { tree } = useOrgTree();
  const { data, error, reload } = useData<{ canManage: boolean; items: Station[] }>('/api/stations');
  const { data: people } = useData<{ items: { id: number; name: string }[] }>(can('service.manage') ? '/api/people' : null, {
    pageSize: 200,
  });
  const [creating, setCreating] = useState(false);
  const [rostering, setRostering] = useState<number | null>(null);
  const nodes = tree ? [...tree.byId.values()].filter((n) => (n.kind === 'grid' || n.kind === 'estate') && n.inScope) : [];
  return (
    <>
      <MyDuties />
      {(data?.canManage || (data?.items.length ?? 0) > 0) && (
        <Card
          title="服务站点与值班表"
          extra={
            data?.canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="station-add">
                新建站点
              </Button>
            )
          }
        >
          {error && <Alert type="error" showIcon title={error} />}
          {data?.items.length === 0 && <Empty description="还没有服务站点" />}
          {data?.items.map((s) => (
            <Card
              key={s.id}
              type="inner"
              size="small"
              style={{ marginBottom: 12 }}
              title={`${s.name} · ${s.nodeName}`}
              extra={
                data.canManage && (
                  <Button size="small" onClick={() => setRostering(s.id)} data-testid={`duty-add-${s.id}`}>
                    排班
                  </Button>
                )
              }
              data-testid={`station-${s.id}`}
            >
              <div className="muted" style={{ marginBottom: 8 }}>
                {s.place} · 开放时间：{s.openingHours}
              </div>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={s.shifts}
                locale={{ emptyText: '本周无排班' }}
                columns={[
                  { title: '时间', render: (_, d) => `${formatTime(d.startsAt).slice(0, 16)}–${formatTime(d.endsAt).slice(11, 16)}` },
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
                ]}
              />
            </Card>
          ))}
        </Card>
      )}
      {creating && (
        <StationModal
          nodes={nodes.map((n) => ({ id: n.id, name: n.name }))}
          onClose={() => setCreating(false)}
          onSaved={() => {
            toast('success', '已新建站点');
            reload();
          }}
        />
      )}
      {rostering && (
        <DutyModal
          stationId={rostering}
          people={people?.items ?? []}
          accounts={[]}
          onClose={() => setRostering(null)}
          onSaved={() => {
            toast('success', '已排班');
            reload();
          }}
        />
      )}
    </>
  );
}
