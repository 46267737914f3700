import { Alert, Card, Space, Spin, Tabs, Tag } from 'antd';
import { CommitteeTrainingTab } from './CommitteeTrainingTab';
import { ComplianceAlert } from './ComplianceAlert';
import { NegativeTab } from './NegativeTab';
import { ReportsTab } from './ReportsTab';
import { useParams } from 'react-router-dom';
import { COMMITTEE_KINDS, type CommitteeKind } from '../../../core/committee';
import { useApi } from '../shared/useApi';
import { MeetingsTab } from './MeetingsTab';
import { MembersTab } from './MembersTab';
import type { Committee } from './types';

/** One committee at work (PMC or 业委会): 成员, 会议与决议, 负面清单, 述职评议与整改, 培训. */
export default function CommitteePage() {
  const params = useParams();
  const kind = (COMMITTEE_KINDS as readonly string[]).includes(params.kind ?? '') ? (params.kind as CommitteeKind) : 'pmc';
  const c = useApi<Committee>(`/api/committees/${kind}/${Number(params.id)}`);
  if (c.error) return <Alert type="error" showIcon title={c.error} />;
  if (!c.data) return <Spin />;
  const d = c.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="committee-page">
      <ComplianceAlert compliance={d.compliance} />
      <Card
        size="small"
        title={
          <Space wrap>
            {d.estateName}
            {d.kindLabel}
            {!d.active && <Tag>已解散</Tag>}
            {d.me?.suspendedOn && <Tag color="red">您已被暂停履行职责</Tag>}
          </Space>
        }
      >
        <Tabs
          items={[
            { key: 'members', label: '成员', children: <MembersTab committee={d} onChange={c.reload} /> },
            { key: 'meetings', label: '会议与决议', children: <MeetingsTab committee={d} onChange={c.reload} /> },
            { key: 'negative', label: '负面清单', children: <NegativeTab committee={d} onChange={c.reload} /> },
            { key: 'reports', label: '述职评议与整改', children: <ReportsTab committee={d} onChange={c.reload} /> },
            { key: 'training', label: '培训', children: <CommitteeTrainingTab committee={d} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
