import { Alert, Button, Card, Descriptions, List, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { CONVENED_BY_LABEL, MEETING_STATE_LABEL } from '../../../core/committee';
import { formatDateZh } from '../../../core/dates';
import { useApi } from '../shared/useApi';
import { AttendanceModal } from './AttendanceModal';
import { MinutesCard } from './MinutesCard';
import { QuorumLine } from './QuorumLine';
import { ResolutionsCard } from './ResolutionsCard';
import type { MeetingDetail } from './types';

/** A committee meeting: notice and agenda, attendance with the live quorum, resolutions and signatures, minutes. */
export default function CommitteeMeetingPage() {
  const id = Number(useParams().id);
  const m = useApi<MeetingDetail>(`/api/committee-meetings/${id}`);
  const [attendance, setAttendance] = useState(false);
  if (m.error) return <Alert type="error" showIcon title={m.error} />;
  if (!m.data) return <Spin />;
  const d = m.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="committee-meeting-page">
      <Card
        size="small"
        title={
          <Space wrap>
            {d.title}
            <Tag color={d.state === 'held' ? 'green' : 'blue'} data-testid="cmeeting-state">
              {MEETING_STATE_LABEL[d.state]}
            </Tag>
          </Space>
        }
        extra={<Link to={`/committees/${d.committee.kind}/${d.committee.id}`}>返回委员会</Link>}
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'c', label: '委员会', children: `${d.committee.estateName}${d.committee.kindLabel}` },
            { key: 'd', label: '日期', children: formatDateZh(d.heldOn) },
            { key: 'b', label: '召集', children: CONVENED_BY_LABEL[d.convenedBy] },
            { key: 'l', label: '地点', children: d.location ?? '—' },
          ]}
        />
        <List size="small" header="议题" dataSource={d.agenda} renderItem={(a, i) => <List.Item>{`${i + 1}. ${a}`}</List.Item>} />
      </Card>
      <Card
        size="small"
        title="出席与法定人数"
        extra={
          d.canManage &&
          d.state === 'convened' && (
            <Button size="small" onClick={() => setAttendance(true)} data-testid="cmeeting-attendance">
              登记出席
            </Button>
          )
        }
      >
        <QuorumLine quorum={d.quorum} />
        <Typography.Paragraph style={{ marginTop: 8 }} data-testid="cmeeting-present">
          出席：
          {d.members
            .filter((x) => x.present)
            .map(
              (x) =>
                `${x.name}${x.ownerRepresentative ? '（业主代表）' : ''}${x.mode === 'online' ? '〔线上〕' : ''}${x.proxy ? `〔委托${x.proxy}〕` : ''}`,
            )
            .join('、') || '尚未登记'}
        </Typography.Paragraph>
      </Card>
      <MinutesCard meeting={d} onChange={m.setData} reload={m.reload} />
      <ResolutionsCard meeting={d} onChange={m.setData} reload={m.reload} />
      {attendance && <AttendanceModal meeting={d} onClose={() => setAttendance(false)} onDone={m.setData} />}
    </Space>
  );
}
