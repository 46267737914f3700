import { Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CONVENED_BY_LABEL, MEETING_STATE_LABEL, MINUTES_STATUS_LABEL, thirdOf } from '../../../core/committee';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';
import { ConveneModal, DemandModal } from './CommitteeModals';
import type { Committee } from './types';

const MINUTES_COLOR = { posted: 'green', due: 'blue', dueSoon: 'orange', overdue: 'red', notHeld: 'default' } as const;

/** Written demands (R32) and meetings with their minutes' status. */
export function MeetingsTab({ committee: c, onChange }: { committee: Committee; onChange(): void }) {
  const [dialog, setDialog] = useState<'convene' | 'demand' | null>(null);
  const needed = thirdOf(c.members.length);
  const name = (id: number) => c.members.find((m) => m.id === id)?.name ?? '';
  const join = async (id: number) => {
    try {
      await api.post(`/api/committee-demands/${id}/sign`);
      toast('success', '已附议');
      onChange();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {c.canManage && (
          <Button type="primary" onClick={() => setDialog('convene')} data-testid="committee-convene">
            召集会议
          </Button>
        )}
        {c.me && !c.me.suspendedOn && (
          <Button onClick={() => setDialog('demand')} data-testid="committee-demand">
            书面提议召开会议
          </Button>
        )}
      </Space>
      {c.demands.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.demands}
          title={() => `书面提议（须有全体委员三分之一以上即${needed}人签名）`}
          columns={[
            { title: '事由', dataIndex: 'reason' },
            { title: '签名委员', render: (_, d) => `${d.signers.map(name).join('、')}（${d.signers.length}人）` },
            {
              title: '召集期限',
              render: (_, d) =>
                d.meetingId ? (
                  <Link to={`/committees/meetings/${d.meetingId}`}>已召集</Link>
                ) : d.signers.length >= needed ? (
                  <Tag color={d.overdue ? 'red' : 'blue'} data-testid={`demand-${d.id}-deadline`}>
                    {formatDateZh(d.deadline)}前召集{d.overdue ? '（已逾期）' : ''}
                  </Tag>
                ) : (
                  <Tag>签名未满三分之一</Tag>
                ),
            },
            {
              title: '',
              render: (_, d) =>
                c.me && !c.me.suspendedOn && !d.meetingId && !d.signers.includes(c.me.memberId) ? (
                  <Button size="small" onClick={() => join(d.id)} data-testid={`demand-${d.id}-sign`}>
                    附议
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      <Table
        rowKey="id"
        size="small"
        dataSource={c.meetings}
        pagination={{ pageSize: 12 }}
        scroll={{ x: 560 }}
        columns={[
          { title: '日期', render: (_, m) => formatDateZh(m.heldOn) },
          {
            title: '会议',
            render: (_, m) => (
              <Link to={`/committees/meetings/${m.id}`} data-testid={`meeting-${m.id}`}>
                {m.title}
              </Link>
            ),
          },
          { title: '召集', render: (_, m) => CONVENED_BY_LABEL[m.convenedBy] },
          {
            title: '状态',
            render: (_, m) =>
              `${MEETING_STATE_LABEL[m.state]}${m.cancelReason ? `（${m.cancelReason}）` : ''}${m.purpose === 'annualReport' ? ' · 述职会议' : ''}`,
          },
          { title: '决议', dataIndex: 'resolutions' },
          {
            title: '纪要公示',
            render: (_, m) => (
              <Tag color={MINUTES_COLOR[m.minutes.status]}>
                {MINUTES_STATUS_LABEL[m.minutes.status]}
                {m.minutes.status === 'due' || m.minutes.status === 'dueSoon' || m.minutes.status === 'overdue'
                  ? `（期限${formatDateZh(m.minutes.deadline)}）`
                  : ''}
              </Tag>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary">会议纪要和决议应在会议后3日内公示，公示期10个工作日（R32）。</Typography.Text>
      {dialog === 'convene' && <ConveneModal committee={c} onClose={() => setDialog(null)} onDone={onChange} />}
      {dialog === 'demand' && <DemandModal committee={c} onClose={() => setDialog(null)} onDone={onChange} />}
    </Space>
  );
}
