import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useOrgTree } from '../org/useOrgTree';
import { showError, toast } from '../shared/feedback';
import { ServiceKindModal } from './ServiceKindModal';
import type { ServiceKind } from './types';
import { useApi } from '../shared/useApi';

/** 服务清单: a community's kinds of request with handler, limits, dispatch rule and clock stops (seed item 1). */
export default function ServiceListPage() {
  const { me } = useSession();
  const { tree } = useOrgTree();
  const own = me?.roles.find((r) => r.role === 'communityStaff')?.nodeId ?? null;
  const communities = tree ? [...tree.byId.values()].filter((n) => n.kind === 'community' && n.inScope) : [];
  const [picked, setPicked] = useState<number | null>(null);
  const communityId = picked ?? own ?? communities[0]?.id ?? null;
  const { data, error, reload } = useApi<{ community: { name: string }; kinds: ServiceKind[]; canManage: boolean }>(
    communityId ? `/api/communities/${communityId}/service-kinds` : null,
  );
  const { data: depts } = useApi<{ items: { id: number; name: string }[] }>(
    communityId ? `/api/communities/${communityId}/departments` : null,
  );
  const [editing, setEditing] = useState<ServiceKind | 'new' | null>(null);

  async function loadStandard() {
    try {
      await api.post(`/api/communities/${communityId}/service-kinds/standard`, { departmentAccountId: depts?.items[0]?.id ?? null });
      toast('success', '已载入标准服务清单');
      reload();
    } catch (e) {
      showError(e);
    }
  }

  return (
    <Card
      title={`服务清单${data ? ` · ${data.community.name}` : ''}`}
      extra={
        <>
          {communities.length > 1 && (
            <Select
              style={{ width: 180, marginRight: 8 }}
              value={communityId ?? undefined}
              onChange={setPicked}
              options={communities.map((c) => ({ value: c.id, label: c.name }))}
            />
          )}
          {data?.canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="kind-add">
              新增事项
            </Button>
          )}
        </>
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {data && data.kinds.length === 0 ? (
        <Empty description="本社区还没有服务清单">
          {data.canManage && (
            <Button type="primary" onClick={() => void loadStandard()} data-testid="kind-standard">
              载入标准服务清单
            </Button>
          )}
        </Empty>
      ) : (
        <Table
          rowKey="id"
          dataSource={data?.kinds ?? []}
          loading={!data && !error}
          pagination={false}
          scroll={{ x: 900 }}
          columns={[
            {
              title: '诉求类型',
              dataIndex: 'name',
              render: (v: string, r) =>
                r.active ? (
                  v
                ) : (
                  <span>
                    {v} <Tag>停用</Tag>
                  </span>
                ),
            },
            { title: '承办方', dataIndex: 'handlerLabel' },
            { title: '响应时限', dataIndex: 'respondText' },
            { title: '办结时限', dataIndex: 'finishText' },
            { title: '派单', dataIndex: 'dispatchLabel' },
            { title: '停止计时', dataIndex: 'clockStopsText' },
            ...(data?.canManage
              ? [{ title: '', key: 'edit', render: (_: unknown, r: ServiceKind) => <a onClick={() => setEditing(r)}>修改</a> }]
              : []),
          ]}
        />
      )}
      {editing && communityId && (
        <ServiceKindModal
          communityId={communityId}
          kind={editing === 'new' ? null : editing}
          departments={depts?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            toast('success', '已保存');
            reload();
          }}
        />
      )}
    </Card>
  );
}
