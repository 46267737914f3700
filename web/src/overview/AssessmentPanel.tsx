import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { AssessmentSettings, ItemScore } from '../../../core/assessment';
import { withQuery } from '../api';
import { useSession } from '../auth/session';
import { useApi } from '../shared/useApi';
import { AssessmentSettingsModal } from './AssessmentSettingsModal';

interface CommunityScore {
  id: number;
  name: string;
  rank: number;
  total: number;
  deductionCenti: number;
  explanation: string;
  items: ItemScore[];
}

/** GET /api/assessment */
export interface Assessment {
  year: number;
  settings: AssessmentSettings;
  custom: boolean;
  communities: CommunityScore[];
}

/** 社区目标考核 (seed item 10): each community's score from the figures above, item by item. */
export function AssessmentPanel({ streetId, year }: { streetId: number; year: number }) {
  const { can } = useSession();
  const query = { nodeId: streetId, year };
  const a = useApi<Assessment>('/api/assessment', query);
  const [editing, setEditing] = useState(false);
  return (
    <Card
      size="small"
      className="overview-assessment"
      title="社区目标考核（物管会工作）"
      data-testid="assessment"
      extra={
        <Space className="overview-card-tools">
          {a.data && !a.data.custom && <Tag>默认考核内容</Tag>}
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={withQuery('/api/assessment/export.xlsx', query)}
            data-testid="assessment-export"
          >
            导出考核表
          </Button>
          {can('assessment.manage') && (
            <Button size="small" icon={<SettingOutlined />} onClick={() => setEditing(true)} data-testid="assessment-settings">
              考核设置
            </Button>
          )}
        </Space>
      }
    >
      {a.error && <Alert type="error" title={a.error} showIcon />}
      <Table<CommunityScore>
        size="small"
        rowKey="id"
        loading={a.loading}
        pagination={false}
        dataSource={a.data ? [...a.data.communities].sort((x, y) => x.rank - y.rank) : []}
        expandable={{ expandedRowRender: (c) => <ItemTable items={c.items} explanation={c.explanation} /> }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 70 },
          { title: '社区', dataIndex: 'name' },
          {
            title: '得分',
            dataIndex: 'total',
            align: 'right',
            render: (t: number, c) => <span data-testid={`assessment-total-${c.id}`}>{t.toFixed(2)}</span>,
          },
          { title: '逾期扣分', dataIndex: 'deductionCenti', align: 'right', render: (d: number) => (d ? `-${d / 100}` : '—') },
        ]}
      />
      {a.data && editing && (
        <AssessmentSettingsModal
          streetId={streetId}
          settings={a.data.settings}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            a.reload();
          }}
        />
      )}
    </Card>
  );
}

function ItemTable({ items, explanation }: { items: ItemScore[]; explanation: string }) {
  return (
    <>
      <Table<ItemScore>
        size="small"
        rowKey="figure"
        pagination={false}
        dataSource={items}
        columns={[
          { title: '考核内容', dataIndex: 'label', render: (l: string, i) => (i.rule ? `${l}（${i.rule}）` : l) },
          { title: '分值', dataIndex: 'weight', align: 'right' },
          {
            title: '得分',
            dataIndex: 'pointsCenti',
            align: 'right',
            render: (p: number | null) => (p === null ? '不计入' : (p / 100).toFixed(2)),
          },
          { title: '计算', dataIndex: 'explanation' },
        ]}
      />
      <p className="overview-note">{explanation}</p>
    </>
  );
}
