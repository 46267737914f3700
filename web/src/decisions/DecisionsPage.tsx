import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useOrgTree } from '../org/useOrgTree';
import { errorMessage, toast } from '../shared/feedback';
import { useIsMobile } from '../shared/useIsMobile';
import { CreateModal } from './DecisionCreateModal';
import { STATE_COLOR, type DecisionSummary } from './types';

/**
 * 业主共同决定: the decisions in scope; organisers start a new one (DecisionCreateModal). Whoever
 * enters paper ballots (a grid worker going door to door, issue 13) goes from a decision in voting
 * straight to its paper-entry form on the decision page.
 */
export default function DecisionsPage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const { tree } = useOrgTree();
  const [items, setItems] = useState<DecisionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const load = useCallback(() => {
    api.get<{ items: DecisionSummary[] }>('/api/decisions').then(
      (r) => setItems(r.items),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);
  useEffect(load, [load]);

  return (
    <Card
      title="业主共同决定"
      extra={
        can('decision.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="decision-create">
            拟定表决
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!can('decision.manage') && can('ballot.enter') && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="投票期内，可为所服务楼栋的业主录入收回的纸质表决票：点击表决右侧的“录入纸质票”。"
          data-testid="decisions-paper-hint"
        />
      )}
      <Table
        rowKey="id"
        loading={!items && !error}
        dataSource={items ?? []}
        scroll={mobile ? { x: 600 } : undefined}
        onRow={(r) => ({ onClick: () => navigate(`/decisions/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '表决', dataIndex: 'title', render: (t: string, r) => <a data-testid={`decision-row-${r.id}`}>{t}</a> },
          { title: '小区', dataIndex: 'estateName' },
          { title: '状态', dataIndex: 'stateLabel', render: (l: string, r) => <Tag color={STATE_COLOR[r.state]}>{l}</Tag> },
          { title: '投票期', render: (_, r) => (r.opensOn ? `${r.opensOn} 至 ${r.closesOn}` : '') },
          ...(can('ballot.enter')
            ? [
                {
                  title: '纸质票',
                  key: 'paper',
                  render: (_: unknown, r: DecisionSummary) =>
                    r.state === 'voting' && (
                      <Button
                        size="small"
                        onClick={(e) => {
                          e.stopPropagation();
                          navigate(`/decisions/${r.id}#paper-form`);
                        }}
                        data-testid={`decision-paper-${r.id}`}
                      >
                        录入纸质票
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {open && tree && (
        <CreateModal
          tree={tree}
          onClose={() => setOpen(false)}
          onCreated={(d) => {
            setOpen(false);
            toast('success', '表决草稿已保存');
            navigate(`/decisions/${d.id}`);
          }}
        />
      )}
    </Card>
  );
}
