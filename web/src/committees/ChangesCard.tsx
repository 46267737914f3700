import { Button, Card, List, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { SEAT_LABEL } from '../../../core/committee';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';
import { NominateModal, VetModal } from './ChangeModals';
import type { Committee } from './types';

type Replacement = Committee['replacements'][number];
const STATE = { nominated: '待审核', vetted: '审核通过，待公示', publicity: '公示中', seated: '已就任', rejected: '未通过' } as const;
const CHANNEL = { self: '自荐', partyOrg: '社区党组织推荐', residentsCommittee: '居民委员会推荐', jointOwners: '业主联名推荐' } as const;
const CHANGE = { resigned: '辞职', removed: '罢免', seated: '就任' } as const;

/** 补选 (nomination → vetting → publicity → seat, R28–R30) and the change history with its notices. */
export function ChangesCard({ committee: c, onChange }: { committee: Committee; onChange(): void }) {
  const [dialog, setDialog] = useState<{ kind: 'nominate' } | { kind: 'vet'; r: Replacement } | null>(null);
  const step = async (path: string, done: string) => {
    try {
      await api.post(path, {});
      toast('success', done);
      onChange();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Card
      size="small"
      title="补选与成员变更"
      style={{ marginTop: 12 }}
      extra={
        c.canReport && (
          <Button size="small" onClick={() => setDialog({ kind: 'nominate' })} data-testid="replacement-nominate">
            提名补选业主代表
          </Button>
        )
      }
    >
      {c.replacements.length > 0 && (
        <Table<Replacement>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.replacements}
          scroll={{ x: 560 }}
          columns={[
            { title: '人选', render: (_, r) => `${r.name}（${SEAT_LABEL[r.seat]}）` },
            { title: '提名', render: (_, r) => CHANNEL[r.channel] },
            {
              title: '进度',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Tag data-testid={`replacement-${r.id}-state`}>{STATE[r.state]}</Tag>
                  {r.publicityEnds && r.state === 'publicity' && <span className="muted">公示至{formatDateZh(r.publicityEnds)}</span>}
                  {r.objections.total > 0 && (
                    <span className="muted">
                      异议{r.objections.total}件{r.objections.open ? `，${r.objections.open}件待核查` : ''}
                    </span>
                  )}
                </Space>
              ),
            },
            {
              title: '',
              render: (_, r) => (
                <Space>
                  {c.canSupervise && r.state === 'nominated' && (
                    <Button size="small" onClick={() => setDialog({ kind: 'vet', r })} data-testid={`replacement-${r.id}-vet`}>
                      审核
                    </Button>
                  )}
                  {c.canReport && r.state === 'vetted' && (
                    <Button
                      size="small"
                      onClick={() => step(`/api/committee-replacements/${r.id}/publicize`, '已公示')}
                      data-testid={`replacement-${r.id}-publicize`}
                    >
                      公示
                    </Button>
                  )}
                  {c.canSupervise && r.state === 'publicity' && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => step(`/api/committee-replacements/${r.id}/seat`, '已就任')}
                      data-testid={`replacement-${r.id}-seat`}
                    >
                      就任
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      <List
        size="small"
        header="成员变更"
        dataSource={c.changes}
        locale={{ emptyText: '尚无成员变更' }}
        renderItem={(x) => (
          <List.Item data-testid={`change-${x.id}`}>
            {formatDateZh(x.changedOn)} {x.name}
            {CHANGE[x.kind]}
            {x.reason ? `（${x.reason}）` : ''}
            {x.noticeId && (
              <Link to={`/notices/${x.noticeId}`} style={{ marginLeft: 8 }}>
                成员变更公告
              </Link>
            )}
          </List.Item>
        )}
      />
      {dialog?.kind === 'nominate' && <NominateModal committee={c} onClose={() => setDialog(null)} onDone={onChange} />}
      {dialog?.kind === 'vet' && (
        <VetModal replacementId={dialog.r.id} name={dialog.r.name} onClose={() => setDialog(null)} onDone={onChange} />
      )}
    </Card>
  );
}
