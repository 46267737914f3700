import { CheckOutlined, CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Space, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { PARTY_STATUS_LABEL, type PartyStatus } from '../../../core/registry';
import { useIsMobile } from '../shared/useIsMobile';
import { confirmStep, StepButton } from './CaseParts';
import { VETTING_TAG, type FormationCase, type Nomination } from './types';

/** 报名推荐与把关 (R28, R35, R37): the candidates, their vetting, and the two steps that close the stage. */
export function NominationsPanel({
  c,
  mayVet,
  busy,
  onVet,
  onNominate,
  onStep,
}: {
  c: FormationCase;
  mayVet: boolean;
  busy: string | null;
  onVet(n: Nomination, result: 'passed' | 'failed'): void;
  onNominate(): void;
  onStep(key: string, path: string, message: string): Promise<void>;
}) {
  const mobile = useIsMobile();
  const nominationColumns: TableColumnsType<Nomination> = [
    {
      title: '候选人',
      key: 'person',
      render: (_: unknown, n) => (
        <div>
          <strong>{n.person.name}</strong>
          {n.person.partyStatus !== 'none' && (
            <Tag color="red" style={{ marginLeft: 6 }}>
              {PARTY_STATUS_LABEL[n.person.partyStatus as PartyStatus] ?? '党员'}
            </Tag>
          )}
          <div className="muted" style={{ fontSize: 12 }}>
            {[n.person.occupation, n.person.address].filter(Boolean).join(' · ')}
          </div>
          {n.statement && (
            <div className="muted case-pre" style={{ fontSize: 12 }}>
              {n.statement}
            </div>
          )}
        </div>
      ),
    },
    {
      title: '推荐方式',
      key: 'channel',
      width: 190,
      render: (_: unknown, n) => (
        <div>
          <div>{n.channelLabel}</div>
          {n.channel === 'jointOwners' && (
            <Tooltip title={n.signers.map((s) => s.name).join('、')}>
              <span className="muted" style={{ fontSize: 12 }} data-testid={`nomination-signers-${n.id}`}>
                联名{n.signers.length}人，计{n.distinctSigners}名业主（R3）
              </span>
            </Tooltip>
          )}
        </div>
      ),
    },
    {
      title: '业主代表',
      key: 'rep',
      width: 90,
      render: (_: unknown, n) => (n.ownerRepresentative ? <Tag color="blue">业主代表</Tag> : <span className="muted">否</span>),
    },
    {
      title: '把关',
      key: 'vetting',
      width: 260,
      render: (_: unknown, n) => {
        const tag = VETTING_TAG[n.vetting] ?? { label: n.vetting, color: 'default' };
        return (
          <div>
            <Tag color={tag.color} data-testid={`nomination-vetting-${n.id}`}>
              {tag.label}
            </Tag>
            {n.vettingReason && (
              <div className="muted" style={{ fontSize: 12 }}>
                {n.vettingReason}
              </div>
            )}
            {n.problems.length > 0 && (
              <ul className="case-problems" data-testid={`nomination-problems-${n.id}`}>
                {n.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
            {mayVet && (
              <Space size={4} style={{ marginTop: 4 }}>
                <Button
                  size="small"
                  icon={<CheckOutlined />}
                  type={n.vetting === 'passed' ? 'primary' : 'default'}
                  onClick={() => onVet(n, 'passed')}
                  data-testid={`vet-pass-${n.id}`}
                >
                  通过
                </Button>
                <Button size="small" danger icon={<CloseOutlined />} onClick={() => onVet(n, 'failed')} data-testid={`vet-fail-${n.id}`}>
                  不通过
                </Button>
              </Space>
            )}
          </div>
        );
      },
    },
  ];

  return (
    <Card
      size="small"
      title={`报名推荐与把关（${c.nominations.length}人）`}
      data-testid="case-nominations-panel"
      extra={
        <Space wrap size={8}>
          <StepButton c={c} action="nominate" icon={<PlusOutlined />} testId="case-nominate" onClick={onNominate}>
            登记报名推荐
          </StepButton>
        </Space>
      }
    >
      {mobile ? (
        <List<Nomination>
          dataSource={c.nominations}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无报名或推荐" /> }}
          renderItem={(n) => (
            <List.Item key={n.id} data-testid={`nomination-${n.id}`}>
              <div style={{ width: '100%' }}>
                {nominationColumns.map((col) => (
                  <div key={String(col.key)} style={{ marginBottom: 4 }}>
                    {(col as { render: (v: unknown, n: Nomination) => ReactNode }).render(undefined, n)}
                  </div>
                ))}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<Nomination>
          rowKey="id"
          size="small"
          columns={nominationColumns}
          dataSource={c.nominations}
          pagination={false}
          locale={{ emptyText: '尚无报名或推荐' }}
          onRow={(n) => ({ 'data-testid': `nomination-${n.id}` }) as HTMLAttributes<HTMLTableRowElement>}
        />
      )}
      <Space wrap size={12} style={{ marginTop: 12 }} align="start">
        <StepButton
          c={c}
          action="closeNominations"
          showReason
          loading={busy === 'close'}
          testId="case-close-nominations"
          onClick={() =>
            confirmStep('确认截止报名？', '截止后不能再登记报名或推荐，案件进入党组织把关（R28）。此操作不能撤回。', () =>
              onStep('close', 'close-nominations', '已截止报名，请党组织把关'),
            )
          }
        >
          截止报名，进入把关
        </StepButton>
        <StepButton
          c={c}
          action="openList"
          type="primary"
          showReason
          loading={busy === 'open'}
          testId="case-open-list"
          onClick={() =>
            confirmStep(
              '确认把关完成？',
              '之后不能再登记报名或改变把关结论，委员名单只能从通过把关的候选人和社区人员中确定。此操作不能撤回。',
              () => onStep('open', 'open-list', '把关完成，请确定委员名单'),
            )
          }
        >
          把关完成，确定名单
        </StepButton>
      </Space>
    </Card>
  );
}
