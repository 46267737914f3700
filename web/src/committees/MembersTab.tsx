import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ChangesCard } from './ChangesCard';
import { EndMemberModal } from './ChangeModals';
import { formatDateZh } from '../../../core/dates';
import { SEAT_LABEL, SENT_BY_LABEL } from '../../../core/committee';
import type { Committee, Member } from './types';

/** The roster: seat, owner representative or not, party member or not, who sent them, since when. */
export function MembersTab({ committee, onChange }: { committee: Committee; onChange(): void }) {
  const [ending, setEnding] = useState<{ m: Member; kind: 'resigned' | 'removed' } | null>(null);
  const owners = committee.members.filter((m) => m.ownerRepresentative).length;
  return (
    <>
      <p className="muted" data-testid="members-summary">
        委员{committee.members.length}人，其中业主代表{owners}人、党员{committee.members.filter((m) => m.partyMember).length}人
      </p>
      <Table<Member>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={committee.members}
        scroll={{ x: 560 }}
        columns={[
          { title: '姓名', dataIndex: 'name', render: (v, m) => <span data-testid={`member-${m.id}`}>{v}</span> },
          { title: '职务', render: (_, m) => SEAT_LABEL[m.seat] },
          {
            title: '身份',
            render: (_, m) => (
              <>
                {m.ownerRepresentative && <Tag color="blue">业主代表</Tag>}
                {m.partyMember && <Tag color="red">党员</Tag>}
                {m.suspended && <Tag color="volcano">暂停履职（{formatDateZh(m.suspendedOn!)}起）</Tag>}
              </>
            ),
          },
          { title: '推选单位', render: (_, m) => SENT_BY_LABEL[m.sentBy] },
          { title: '任职日期', render: (_, m) => formatDateZh(m.startedOn) },
          {
            title: '',
            render: (_, m) => (
              <Space>
                {committee.canReport && (
                  <Button size="small" onClick={() => setEnding({ m, kind: 'resigned' })} data-testid={`member-${m.id}-resign`}>
                    辞职
                  </Button>
                )}
                {committee.canSupervise && (
                  <Button size="small" danger onClick={() => setEnding({ m, kind: 'removed' })} data-testid={`member-${m.id}-remove`}>
                    罢免
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ChangesCard committee={committee} onChange={onChange} />
      {ending && (
        <EndMemberModal committee={committee} member={ending.m} kind={ending.kind} onClose={() => setEnding(null)} onDone={onChange} />
      )}
    </>
  );
}
