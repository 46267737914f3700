import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space } from 'antd';
import { useState } from 'react';
import { addDays } from '../../../core/dates';
import { useSession } from '../auth/session';
import { useOrgTree } from '../org/useOrgTree';
import { toast } from '../shared/feedback';
import { todayInChina } from '../shared/format';
import { useApi } from '../shared/useApi';
import { MyDuties } from './MyDuties';
import { StationCard } from './StationCard';
import { DutyModal, StationModal } from './StationModals';
import type { Station } from './types';

/** 服务站点与值班: the service points of the caller's scope with a week's roster; the caller's own duties to check in. */
export default function StationsPage() {
  const { can } = useSession();
  const { tree } = useOrgTree();
  const [from, setFrom] = useState(todayInChina);
  const { data, error, reload } = useApi<{ canManage: boolean; items: Station[] }>('/api/stations', { from });
  const people = useApi<{ items: { id: number; name: string }[] }>(can('service.manage') ? '/api/people' : null, { pageSize: 200 }).data;
  const [editing, setEditing] = useState<Station | 'new' | null>(null);
  const [rostering, setRostering] = useState<number | null>(null);
  const nodes = tree ? [...tree.byId.values()].filter((n) => (n.kind === 'grid' || n.kind === 'estate') && n.inScope) : [];
  const saved = (text: string) => () => {
    toast('success', text);
    reload();
  };
  return (
    <>
      <MyDuties />
      {(data?.canManage || (data?.items.length ?? 0) > 0) && (
        <Card
          title="服务站点与值班表"
          extra={
            <Space wrap>
              <Button icon={<LeftOutlined />} onClick={() => setFrom(addDays(from, -7))} data-testid="week-prev" aria-label="上一周" />
              <span data-testid="week-range">
                {from} 至 {addDays(from, 6)}
              </span>
              <Button icon={<RightOutlined />} onClick={() => setFrom(addDays(from, 7))} data-testid="week-next" aria-label="下一周" />
              {data?.canManage && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="station-add">
                  新建站点
                </Button>
              )}
            </Space>
          }
        >
          {error && <Alert type="error" showIcon title={error} />}
          {data?.items.length === 0 && <Empty description="还没有服务站点" />}
          {data?.items.map((s) => (
            <StationCard
              key={s.id}
              station={s}
              canManage={data.canManage}
              onEdit={() => setEditing(s)}
              onRoster={() => setRostering(s.id)}
              onChanged={reload}
            />
          ))}
        </Card>
      )}
      {editing && (
        <StationModal
          nodes={nodes.map((n) => ({ id: n.id, name: n.name }))}
          station={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={saved(editing === 'new' ? '已新建站点' : '已保存站点')}
        />
      )}
      {rostering && (
        <DutyModal stationId={rostering} people={people?.items ?? []} onClose={() => setRostering(null)} onSaved={saved('已排班')} />
      )}
    </>
  );
}
