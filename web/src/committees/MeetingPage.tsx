import { Alert, Button, Card, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useApi } from '../shared/useApi';
import { AgendaCard } from './AgendaCard';
import { AttendanceModal } from './AttendanceModal';
import { MeetingHeader } from './MeetingHeader';
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
      <MeetingHeader meeting={d} onChange={m.setData} />
      <AgendaCard meeting={d} onChange={m.setData} />
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
