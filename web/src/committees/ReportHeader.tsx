import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import type { AnnualReport } from './types';

/** A 述职's text, the meeting it was given at with the owner representatives invited (R36), and the evaluation window. */
export function ReportHeader({ report: d }: { report: AnnualReport }) {
  return (
    <Card
      size="small"
      title={`${d.committee.estateName}${d.committee.kindLabel}${d.year}年度述职`}
      extra={<Link to={`/committees/${d.committee.kind}/${d.committee.id}`}>返回委员会</Link>}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.text}</Typography.Paragraph>
      <Space direction="vertical" size={4}>
        {d.meeting && (
          <span data-testid="report-meeting">
            述职会议：<Link to={`/committees/meetings/${d.meeting.id}`}>{`${formatDateZh(d.meeting.heldOn)} ${d.meeting.title}`}</Link>
            {d.meeting.guests.length > 0 && `，列席业主代表：${d.meeting.guests.join('、')}`}
          </span>
        )}
        <Tag color={d.open ? 'blue' : 'default'}>
          业主评议期：{formatDateZh(d.opensOn)}至{formatDateZh(d.closesOn)}
          {d.open ? '（进行中）' : d.closed ? '（已截止）' : ''}
        </Tag>
      </Space>
    </Card>
  );
}
