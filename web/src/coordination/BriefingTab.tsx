import { Alert, Button, Card, DatePicker, Descriptions, Select, Space, Spin, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import { withQuery } from '../api';
import { useSession } from '../auth/session';
import { todayInChina } from '../shared/format';
import { useApi } from '../shared/useApi';
import type { Briefing } from './types';

/** The street's monthly 情况通报: previewed here, downloaded as .docx (official format) or .xlsx. */
export function BriefingTab() {
  const { me } = useSession();
  const streets = (me?.roles ?? []).filter((r) => r.nodeKind === 'street').map((r) => ({ value: r.nodeId, label: r.nodeName }));
  const [streetId, setStreetId] = useState<number | null>(streets[0]?.value ?? null);
  const [month, setMonth] = useState<Dayjs>(dayjs(todayInChina()));
  const query = streetId ? { streetId, month: month.format('YYYY-MM') } : undefined;
  const b = useApi<Briefing>(streetId ? '/api/coordination/briefing' : null, query);
  if (streets.length === 0) return <Alert type="info" showIcon title="情况通报按街道编制，由街道查看和下载。" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {streets.length > 1 && <Select value={streetId} options={streets} onChange={setStreetId} style={{ width: 200 }} />}
        <DatePicker picker="month" value={month} allowClear={false} onChange={(d) => d && setMonth(d)} data-testid="briefing-month" />
        {query && (
          <>
            <Button href={withQuery('/api/coordination/briefing.docx', query)} data-testid="briefing-docx">
              下载情况通报（.docx）
            </Button>
            <Button href={withQuery('/api/coordination/briefing.xlsx', query)}>下载数据（.xlsx）</Button>
          </>
        )}
      </Space>
      {b.error && <Alert type="error" showIcon title={b.error} />}
      {!b.data ? (
        !b.error && <Spin />
      ) : (
        <Card
          size="small"
          title={`${b.data.street.name}${b.data.month}情况通报（截至${formatDateZh(b.data.asOf)}）`}
          data-testid="briefing"
        >
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'm', label: '召开会议', children: `${b.data.meetings.length} 次` },
              {
                key: 'd',
                label: '矛盾纠纷',
                children: `新登记 ${b.data.disputes.registered}，办结 ${b.data.disputes.settled}，在调处 ${b.data.disputes.open}`,
              },
              { key: 'e', label: '未完成组建的小区', children: `${b.data.estatesBehind.length} 个` },
            ]}
          />
          <Table
            rowKey="organisation"
            size="small"
            pagination={false}
            dataSource={b.data.tasks.byOrganisation}
            columns={[
              { title: '承办单位', dataIndex: 'organisation' },
              { title: '交办', dataIndex: 'assigned', width: 80 },
              { title: '已办结', dataIndex: 'done', width: 80 },
              { title: '办理中', dataIndex: 'open', width: 80 },
              { title: '逾期', dataIndex: 'overdue', width: 80 },
            ]}
          />
          {b.data.tasks.overdue.length > 0 && (
            <div style={{ marginTop: 8 }} data-testid="briefing-overdue">
              逾期任务：{b.data.tasks.overdue.map((t) => `${t.organisation}“${t.title}”（${formatDateZh(t.dueOn)}）`).join('；')}
            </div>
          )}
        </Card>
      )}
    </Space>
  );
}
