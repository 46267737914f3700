import { MessageOutlined, RollbackOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { formatDateZh } from '../../../core/dates';
import { useSession } from '../auth/session';
import { useIsMobile } from '../shared/useIsMobile';
import { NoticeLine, StepButton } from './CaseParts';
import { OBJECTION_TAG, type CaseNotice, type CaseObjection, type FormationCase } from './types';

/** 名单公示与异议 (R29, R30): the list notice, the written objections and their verification. */
export function PublicityPanel({
  c,
  notice,
  busy,
  onFile,
  onVerify,
  onStep,
}: {
  c: FormationCase;
  notice: CaseNotice;
  busy: string | null;
  onFile(): void;
  onVerify(o: CaseObjection): void;
  onStep(key: string, path: string, message: string): Promise<void>;
}) {
  const { can } = useSession();
  const mobile = useIsMobile();
  const today = c.today;
  const openObjections = c.objections.filter((o) => o.status === 'open').length;
  const upheld = c.objections.filter((o) => o.status === 'upheld').length;
  const objectionColumns: TableColumnsType<CaseObjection> = [
    {
      title: '异议',
      key: 'content',
      render: (_: unknown, o) => (
        <div>
          <strong>{o.objectorName}</strong>
          <span className="muted" style={{ fontSize: 12, marginLeft: 6 }}>
            {o.channel === 'paper' ? '纸质登记' : '线上提交'}
          </span>
          <div className="case-pre" style={{ fontSize: 13 }}>
            {o.content}
          </div>
          {o.finding && (
            <div className="muted case-pre" style={{ fontSize: 12, marginTop: 4 }} data-testid={`objection-finding-${o.id}`}>
              核查情况：{o.finding}
            </div>
          )}
        </div>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_: unknown, o) => {
        const tag = OBJECTION_TAG[o.status] ?? { label: o.status, color: 'default' };
        return (
          <Tag color={tag.color} data-testid={`objection-status-${o.id}`}>
            {tag.label}
          </Tag>
        );
      },
    },
    {
      title: '核查期限（R30）',
      key: 'due',
      width: 170,
      render: (_: unknown, o) => {
        const late = o.status === 'open' && o.verifyDue < today;
        return (
          <div style={{ fontSize: 13 }}>
            <div className="muted">收到 {formatDateZh(o.receivedOn)}</div>
            <div className={late ? 'case-overdue' : undefined} data-testid={`objection-due-${o.id}`}>
              {late && <WarningOutlined style={{ marginRight: 4 }} />}
              {late ? '已逾期：' : '至 '}
              {formatDateZh(o.verifyDue)}
            </div>
          </div>
        );
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_: unknown, o) =>
        o.status === 'open' && can('objection.verify') ? (
          <Button size="small" type="primary" onClick={() => onVerify(o)} data-testid={`objection-verify-${o.id}`}>
            核查
          </Button>
        ) : null,
    },
  ];

  return (
    <Card
      size="small"
      title={
        <span>
          名单公示与异议（R29、R30）
          {openObjections > 0 && (
            <Tag color="processing" style={{ marginLeft: 8 }}>
              待核查 {openObjections}
            </Tag>
          )}
          {upheld > 0 && <Tag color="error">异议成立 {upheld}</Tag>}
        </span>
      }
      data-testid="case-publicity-panel"
      extra={
        c.state === 'publicizing' &&
        can('objection.file') && (
          <Button icon={<MessageOutlined />} onClick={onFile} data-testid="objection-file">
            登记书面异议
          </Button>
        )
      }
    >
      <NoticeLine notice={notice} testId="case-list-notice" />
      <div style={{ marginTop: 12 }}>
        {mobile ? (
          <List<CaseObjection>
            dataSource={c.objections}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无书面异议" /> }}
            renderItem={(o) => (
              <List.Item key={o.id} data-testid={`objection-${o.id}`}>
                <div style={{ width: '100%' }}>
                  {objectionColumns.map((col) => (
                    <div key={String(col.key)} style={{ marginBottom: 4 }}>
                      {(col as { render: (v: unknown, o: CaseObjection) => ReactNode }).render(undefined, o)}
                    </div>
                  ))}
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<CaseObjection>
            rowKey="id"
            size="small"
            columns={objectionColumns}
            dataSource={c.objections}
            pagination={false}
            locale={{ emptyText: '暂无书面异议' }}
            onRow={(o) => ({ 'data-testid': `objection-${o.id}` }) as HTMLAttributes<HTMLTableRowElement>}
          />
        )}
      </div>
      {c.state === 'publicizing' && (
        <div style={{ marginTop: 12 }}>
          <StepButton
            c={c}
            action="reviseList"
            danger
            icon={<RollbackOutlined />}
            loading={busy === 'revise'}
            testId="case-revise-list"
            onClick={() => void onStep('revise', 'revise-list', '已退回确定名单，请调整后重新公示')}
          >
            异议成立，调整名单
          </StepButton>
        </div>
      )}
    </Card>
  );
}
