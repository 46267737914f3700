import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Segmented, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { HANDLER_TYPE_LABEL, HANDLER_TYPES } from '../../../core/tickets';
import { useSession } from '../auth/session';
import { useIsMobile } from '../shared/useIsMobile';
import { TicketCards } from './TicketCards';
import { TicketTable } from './TicketTable';
import type { TicketPage } from './types';
import { useApi } from '../shared/useApi';
import './tickets.css';

const VIEWS = [
  { value: 'assigned', label: '我的待办' },
  { value: 'all', label: '全部' },
  { value: 'overdue', label: '已逾期' },
  { value: 'revisit', label: '待回访' },
  { value: 'toRate', label: '待评价' },
  { value: 'done', label: '已办结' },
] as const;

/**
 * 诉求: owners see their own tickets as cards and raise a new one; staff see the tickets of their
 * scope, filtered and paged on the server (their work queue first).
 */
export default function TicketsPage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const staff = can('ticket.read') || can('ticket.handle');
  const [view, setView] = useState<(typeof VIEWS)[number]['value']>(can('ticket.handle') ? 'assigned' : 'all');
  const [q, setQ] = useState('');
  const [handlerType, setHandlerType] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = staff
    ? {
        assigned: view === 'assigned' ? '1' : undefined,
        status: view === 'all' || view === 'assigned' ? undefined : view,
        q: q || undefined,
        handlerType,
        ...page,
      }
    : { mine: '1', pageSize: 50 };
  const { data, error, loading } = useApi<TicketPage>('/api/tickets', query);

  return (
    <Card
      className="tk-page"
      title={staff ? '诉求办理' : '我的诉求'}
      extra={
        <Space>
          {can('service.manage') && (
            <Button icon={<SettingOutlined />} onClick={() => navigate('/service-list')} data-testid="service-list-link">
              服务清单
            </Button>
          )}
          {can('ticket.raise') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/tickets/new')} data-testid="ticket-new">
              提出诉求
            </Button>
          )}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {staff && (
        <div className="tk-filters">
          <Segmented
            options={VIEWS.filter((v) => v.value !== 'assigned' || can('ticket.handle')).map((v) => ({ ...v }))}
            value={view}
            onChange={(v) => {
              setView(v as typeof view);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            data-testid="ticket-view"
          />
          <Input.Search placeholder="标题包含" allowClear onSearch={(v) => setQ(v)} style={{ width: 200 }} data-testid="ticket-search" />
          <Select
            allowClear
            placeholder="承办方"
            style={{ width: 140 }}
            value={handlerType}
            onChange={setHandlerType}
            options={HANDLER_TYPES.map((h) => ({ value: h, label: HANDLER_TYPE_LABEL[h] }))}
          />
        </div>
      )}
      {staff && !mobile ? (
        <TicketTable data={data} loading={loading} onPage={(p, s) => setPage({ page: p, pageSize: s })} />
      ) : (
        <TicketCards items={data?.items ?? []} />
      )}
    </Card>
  );
}
