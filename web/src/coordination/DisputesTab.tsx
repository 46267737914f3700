import { Alert, Button, Card, Descriptions, Empty, Segmented, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { useSession } from '../auth/session';
import { useApi } from '../shared/useApi';
import { CloseDisputeModal, MediateModal, RegisterDisputeModal } from './DisputeModals';
import type { Dispute } from './types';

/** 矛盾纠纷台账: each dispute of an estate in reach, its parties, mediations, outcome and the meetings it went to. */
export function DisputesTab() {
  const { can } = useSession();
  const [state, setState] = useState('open');
  const list = useApi<{ items: Dispute[] }>('/api/disputes', { state });
  const [dialog, setDialog] = useState<{ kind: 'register' } | { kind: 'mediate' | 'close'; dispute: Dispute } | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented
          options={[
            { value: 'open', label: '调处中' },
            { value: 'resolved', label: '已化解' },
            { value: 'unresolved', label: '未化解' },
            { value: 'all', label: '全部' },
          ]}
          value={state}
          onChange={(v) => setState(String(v))}
        />
        {can('dispute.manage') && (
          <Button type="primary" onClick={() => setDialog({ kind: 'register' })} data-testid="dispute-register">
            登记纠纷
          </Button>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      {!list.data ? <Spin /> : list.data.items.length === 0 && <Empty description="没有纠纷记录" />}
      {list.data?.items.map((d) => (
        <Card
          key={d.id}
          size="small"
          data-testid={`dispute-${d.id}`}
          title={
            <Space wrap>
              {d.estateName}：{d.title}
              <Tag>{d.categoryLabel}</Tag>
              <Tag color={d.state === 'open' ? 'orange' : d.state === 'resolved' ? 'green' : 'red'}>{d.stateLabel}</Tag>
            </Space>
          }
          extra={
            d.actions.length > 0 && (
              <Space>
                <Button size="small" onClick={() => setDialog({ kind: 'mediate', dispute: d })} data-testid={`dispute-mediate-${d.id}`}>
                  登记调解
                </Button>
                <Button size="small" onClick={() => setDialog({ kind: 'close', dispute: d })} data-testid={`dispute-close-${d.id}`}>
                  办结
                </Button>
              </Space>
            )
          }
        >
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'p', label: '当事方', children: d.parties.map((p) => `${p.name}（${p.kindLabel}）`).join('、') },
              { key: 'd', label: '纠纷情况', children: `${formatDateZh(d.occurredOn)}：${d.description}` },
              ...d.mediations.map((m) => ({
                key: `m${m.id}`,
                label: `调解（${formatDateZh(m.mediatedOn)}）`,
                children: `${m.mediator}：${m.record}`,
              })),
              ...(d.meetings.length
                ? [
                    {
                      key: 'mt',
                      label: '提交会议',
                      children: d.meetings.map((m) => (
                        <Link key={m.id} to={`/coordination/meetings/${m.id}`} style={{ marginRight: 8 }}>
                          {m.title}
                        </Link>
                      )),
                    },
                  ]
                : []),
              ...(d.outcome ? [{ key: 'o', label: '调处结果', children: d.outcome }] : []),
            ]}
          />
        </Card>
      ))}
      {dialog?.kind === 'register' && <RegisterDisputeModal onClose={() => setDialog(null)} onDone={list.reload} />}
      {dialog?.kind === 'mediate' && <MediateModal dispute={dialog.dispute} onClose={() => setDialog(null)} onDone={list.reload} />}
      {dialog?.kind === 'close' && <CloseDisputeModal dispute={dialog.dispute} onClose={() => setDialog(null)} onDone={list.reload} />}
    </Space>
  );
}
