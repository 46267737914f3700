import {
  ArrowLeftOutlined,
  CheckOutlined,
  CloseOutlined,
  FileWordOutlined,
  FlagOutlined,
  MessageOutlined,
  PlusOutlined,
  ReloadOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  StopOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Result,
  Row,
  Skeleton,
  Space,
  Steps,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { CASE_ACTIONS, type CaseAction } from '../../../core/formation';
import { PARTY_STATUS_LABEL, type PartyStatus } from '../../../core/registry';
import { api, isApiError } from '../api';
import { useSession } from '../auth/session';
import { HandoverModal } from './HandoverModal';
import { errorMessage, showError, toast } from '../shared/feedback';
import { formatTime } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import {
  AnnounceModal,
  CancelModal,
  CaseObjectionModal,
  CaseVerifyModal,
  EstablishModal,
  NominationModal,
  SealModal,
  VetModal,
} from './CaseModals';
import { MemberListPanel } from './MemberListPanel';
import {
  OBJECTION_TAG,
  SEAT_LABEL,
  VETTING_TAG,
  type CaseNotice,
  type CaseObjection,
  type FormationCase,
  type Nomination,
  type Seat,
} from './types';
import './formation.css';

type Dialog =
  | { kind: 'announce' }
  | { kind: 'nominate' }
  | { kind: 'vet'; nomination: Nomination; result: 'passed' | 'failed' }
  | { kind: 'objection' }
  | { kind: 'verify'; objection: CaseObjection }
  | { kind: 'establish' }
  | { kind: 'seal'; seal: 'apply' | 'record' }
  | { kind: 'cancel' }
  | null;

const CALENDAR_WARNING = '期限所在年份的工作日历尚未录入，届满日按周一至周五推算，录入后可能变化';

const STATE_COLOR: Record<string, string> = {
  started: 'default',
  nominating: 'processing',
  vetting: 'processing',
  listing: 'processing',
  publicizing: 'purple',
  established: 'success',
  cancelled: 'error',
};

const when = (at: string) => (at.length > 10 ? formatTime(at) : formatDateZh(at));

/**
 * A button for one step of the state machine: shown to those holding the step's permission,
 * disabled (with the server's reason) while the step may not run.
 */
function StepButton({
  c,
  action,
  testId,
  onClick,
  children,
  showReason,
  ...props
}: {
  c: FormationCase;
  action: CaseAction;
  testId: string;
  onClick(): void;
  children: ReactNode;
  showReason?: boolean;
} & Omit<ButtonProps, 'onClick' | 'children'>) {
  const { can } = useSession();
  const state = c.actions.find((a) => a.action === action);
  if (!state || !can(CASE_ACTIONS[action].permission)) return null;
  const reason = state.allowed ? null : state.reason;
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 4, maxWidth: '100%' }}>
      <Tooltip title={showReason ? null : reason}>
        <Button {...props} disabled={!state.allowed} onClick={onClick} data-testid={testId}>
          {children}
        </Button>
      </Tooltip>
      {showReason && reason && (
        <span className="case-reason" data-testid={`${testId}-reason`}>
          {reason}
        </span>
      )}
    </span>
  );
}

function NoticeLine({ notice, testId }: { notice: CaseNotice; testId: string }) {
  return (
    <div data-testid={testId}>
      <Space wrap size={8}>
        <Link to={`/notices/${notice.id}`} data-testid={`${testId}-link`}>
          {notice.title}
        </Link>
        <Button size="small" icon={<FileWordOutlined />} href={`/api/notices/${notice.id}/document.docx`} data-testid={`${testId}-docx`}>
          下载公文
        </Button>
      </Space>
      <div className="muted" style={{ fontSize: 13, marginTop: 4 }}>
        {notice.publishDate && `${formatDateZh(notice.publishDate)}张贴`}
        {notice.endDate && (
          <span data-testid={`${testId}-end`}>
            ，公示期至<strong>{formatDateZh(notice.endDate)}</strong>
          </span>
        )}
      </div>
      {notice.calendarComplete === false && (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} title={CALENDAR_WARNING} data-testid={`${testId}-calendar`} />
      )}
    </div>
  );
}

/** 组建案件: where the case is, what comes next and who acts, and one panel per stage. */
export default function CasePage() {
  const params = useParams();
  const id = params.caseId && /^\d+$/.test(params.caseId) ? Number(params.caseId) : null;
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const { can } = useSession();
  const [c, setCase] = useState<FormationCase | null>(null);
  const [error, setError] = useState<{ status: number; message: string } | null>(null);
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [handover, setHandover] = useState(false);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    api.get<FormationCase>(`/api/formation/cases/${id}`).then(
      (d) => {
        if (!live) return;
        setCase(d);
        setError(null);
      },
      (e: unknown) => {
        if (!live) return;
        setError({ status: isApiError(e) ? e.status : 0, message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [id, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  if (id === null || error?.status === 404)
    return (
      <Result
        status="404"
        title="组建案件不存在"
        subTitle={error?.message ?? '组建案件不存在或您无权查看'}
        extra={
          <Button onClick={() => navigate('/governance')} data-testid="case-back">
            返回小区治理
          </Button>
        }
      />
    );
  if (error && !c) return <Alert type="error" showIcon title="无法加载组建案件" description={error.message} data-testid="case-error" />;
  if (!c || c.id !== id)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  const done = (message: string) => (next: FormationCase) => {
    toast('success', message);
    setCase(next);
  };

  async function step(key: string, path: string, message: string) {
    setBusy(key);
    try {
      done(message)(await api.post<FormationCase>(`/api/formation/cases/${c!.id}/${path}`));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }

  const act = (a: CaseAction) => c.actions.find((x) => x.action === a);
  const today = c.today;
  const finished = c.step >= c.steps.length;
  const nextLate = c.next?.due ? c.next.due < today : false;
  const uncovered =
    (c.state === 'nominating' && c.announcement?.calendarComplete === false) ||
    (c.state === 'publicizing' && c.listNotice?.calendarComplete === false);
  const mayVet = can('formation.vet') && !!act('vet')?.allowed;
  const showNominations = c.state !== 'started' || c.nominations.length > 0;
  const showList = ['listing', 'publicizing', 'established'].includes(c.state) || c.list.length > 0;
  const showEstablish = c.state === 'publicizing' || c.state === 'established' || c.committee !== null;
  const openObjections = c.objections.filter((o) => o.status === 'open').length;
  const upheld = c.objections.filter((o) => o.status === 'upheld').length;

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
                  onClick={() => setDialog({ kind: 'vet', nomination: n, result: 'passed' })}
                  data-testid={`vet-pass-${n.id}`}
                >
                  通过
                </Button>
                <Button
                  size="small"
                  danger
                  icon={<CloseOutlined />}
                  onClick={() => setDialog({ kind: 'vet', nomination: n, result: 'failed' })}
                  data-testid={`vet-fail-${n.id}`}
                >
                  不通过
                </Button>
              </Space>
            )}
          </div>
        );
      },
    },
  ];

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
          <Button
            size="small"
            type="primary"
            onClick={() => setDialog({ kind: 'verify', objection: o })}
            data-testid={`objection-verify-${o.id}`}
          >
            核查
          </Button>
        ) : null,
    },
  ];

  const stages = (
    <Space orientation="vertical" size={mobile ? 12 : 16} style={{ width: '100%' }}>
      {/* 公告 (R27) */}
      <Card size="small" title="组建公告（R27）" data-testid="case-announcement-panel">
        {c.announcement ? (
          <NoticeLine notice={c.announcement} testId="case-announcement" />
        ) : (
          <Space orientation="vertical" size={8}>
            <span className="muted">
              公告写明委员条件、报名和推荐方式、起始日期，在小区内张贴，公示不少于{c.profile.announcementPeriod.days}
              {c.profile.announcementPeriod.unit === 'workdays' ? '个工作日' : '日'}。
            </span>
            <StepButton
              c={c}
              action="announce"
              type="primary"
              icon={<SendOutlined />}
              testId="case-announce"
              onClick={() => setDialog({ kind: 'announce' })}
            >
              发布组建公告
            </StepButton>
          </Space>
        )}
      </Card>

      {/* 报名推荐 与 把关 (R28, R35, R37) */}
      {showNominations && (
        <Card
          size="small"
          title={`报名推荐与把关（${c.nominations.length}人）`}
          data-testid="case-nominations-panel"
          extra={
            <Space wrap size={8}>
              <StepButton
                c={c}
                action="nominate"
                icon={<PlusOutlined />}
                testId="case-nominate"
                onClick={() => setDialog({ kind: 'nominate' })}
              >
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
              onClick={() => void step('close', 'close-nominations', '已截止报名，请党组织把关')}
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
              onClick={() => void step('open', 'open-list', '把关完成，请确定委员名单')}
            >
              把关完成，确定名单
            </StepButton>
          </Space>
        </Card>
      )}

      {/* 委员名单 (R22–R25) */}
      {showList && <MemberListPanel c={c} onChange={setCase} />}

      {/* 名单公示与异议 (R29, R30) */}
      {c.listNotice && (
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
              <Button icon={<MessageOutlined />} onClick={() => setDialog({ kind: 'objection' })} data-testid="objection-file">
                登记书面异议
              </Button>
            )
          }
        >
          <NoticeLine notice={c.listNotice} testId="case-list-notice" />
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
                onClick={() => void step('revise', 'revise-list', '已退回确定名单，请调整后重新公示')}
              >
                异议成立，调整名单
              </StepButton>
            </div>
          )}
        </Card>
      )}

      {/* 成立 与 印章 (R31, R33, R34) */}
      {showEstablish && (
        <Card size="small" title="成立与印章（R31）" data-testid="case-establish-panel">
          {c.committee ? (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <Descriptions
                size="small"
                bordered
                column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
                items={[
                  {
                    key: 'cert',
                    label: '成立证明',
                    children: (
                      <Space wrap size={8}>
                        <span data-testid="case-certificate-no">{c.committee.certificateNo}</span>
                        <Button
                          size="small"
                          icon={<FileWordOutlined />}
                          href={`/api/formation/cases/${c.id}/certificate.docx`}
                          data-testid="case-certificate"
                        >
                          下载成立证明
                        </Button>
                      </Space>
                    ),
                  },
                  { key: 'date', label: '成立日期', children: formatDateZh(c.committee.establishedOn) },
                  {
                    key: 'term',
                    label: '任期（R33）',
                    children: c.committee.termEnd ? (
                      <span className={c.committee.termEnd < today && !c.committee.dissolvedOn ? 'case-overdue' : undefined}>
                        至{formatDateZh(c.committee.termEnd)}
                        {c.committee.termEnd < today && !c.committee.dissolvedOn && '，已届满，请重新组建'}
                      </span>
                    ) : (
                      '不设任期'
                    ),
                  },
                  {
                    key: 'sealApplied',
                    label: '印章申请',
                    children: c.committee.sealAppliedOn ? (
                      <span data-testid="case-seal-applied">{formatDateZh(c.committee.sealAppliedOn)}</span>
                    ) : (
                      <span className="muted">未申请</span>
                    ),
                  },
                  {
                    key: 'sealRecorded',
                    label: '印章备案',
                    children: c.committee.sealRecordedOn ? (
                      <span data-testid="case-seal-recorded">{formatDateZh(c.committee.sealRecordedOn)}</span>
                    ) : (
                      <span className="muted">未备案</span>
                    ),
                  },
                ]}
              />
              {!c.committee.dissolvedOn && (
                <Space wrap size={8} align="start">
                  {!c.committee.sealAppliedOn && (
                    <StepButton
                      c={c}
                      action="applySeal"
                      type="primary"
                      showReason
                      testId="seal-apply"
                      onClick={() => setDialog({ kind: 'seal', seal: 'apply' })}
                    >
                      登记印章申请
                    </StepButton>
                  )}
                  {!c.committee.sealRecordedOn && (
                    <StepButton
                      c={c}
                      action="recordSeal"
                      showReason
                      testId="seal-record"
                      onClick={() => setDialog({ kind: 'seal', seal: 'record' })}
                    >
                      登记印章备案
                    </StepButton>
                  )}
                </Space>
              )}
              {c.committee.dissolvedOn && (
                <Alert
                  type="info"
                  showIcon
                  data-testid="case-dissolved"
                  title={`物管会已于${formatDateZh(c.committee.dissolvedOn)}停止履职（R34）`}
                  description={
                    <div>
                      <div>{c.committee.dissolutionReason}</div>
                      {c.committee.handover?.documentsOn ? (
                        <div data-testid="case-handover">
                          资料已于{formatDateZh(c.committee.handover.documentsOn)}移交
                          {c.committee.handover.sealOn ? `，印章已于${formatDateZh(c.committee.handover.sealOn)}移交` : ''}
                          {c.committee.handover.note ? `（${c.committee.handover.note}）` : ''}
                        </div>
                      ) : (
                        can('governance.manage') && (
                          <Button
                            size="small"
                            style={{ marginTop: 8 }}
                            onClick={() => setHandover(true)}
                            data-testid="case-handover-record"
                          >
                            登记资料、印章移交
                          </Button>
                        )
                      )}
                      {handover && (
                        <HandoverModal
                          c={c}
                          onClose={() => setHandover(false)}
                          onDone={() => {
                            setHandover(false);
                            setVersion((v) => v + 1);
                          }}
                        />
                      )}
                    </div>
                  }
                />
              )}
              <Table
                rowKey="personId"
                size="small"
                pagination={false}
                data-testid="case-committee-members"
                dataSource={c.committee.members}
                columns={[
                  { title: '姓名', dataIndex: 'name', key: 'name' },
                  { title: '职务', key: 'seat', render: (_: unknown, m) => SEAT_LABEL[m.seat as Seat] ?? m.seat },
                  {
                    title: '任职',
                    key: 'ended',
                    render: (_: unknown, m) => (m.endedOn ? <span className="muted">{formatDateZh(m.endedOn)}离任</span> : '在任'),
                  },
                ]}
              />
            </Space>
          ) : (
            <Space orientation="vertical" size={8}>
              <span className="muted">名单公示期满且全部异议核查完毕后，由街道办事处核发成立证明。</span>
              <StepButton
                c={c}
                action="establish"
                type="primary"
                showReason
                icon={<SafetyCertificateOutlined />}
                testId="case-establish"
                onClick={() => setDialog({ kind: 'establish' })}
              >
                核发成立证明
              </StepButton>
            </Space>
          )}
        </Card>
      )}
    </Space>
  );

  const side = (
    <Space orientation="vertical" size={mobile ? 12 : 16} style={{ width: '100%' }}>
      <Card size="small" title="下一步" data-testid="case-next">
        {c.next ? (
          <div>
            <div style={{ fontWeight: 600 }} data-testid="case-next-label">
              <FlagOutlined style={{ marginRight: 6 }} />
              {c.next.label}
            </div>
            <div className="muted" style={{ marginTop: 4 }} data-testid="case-next-actor">
              待{c.next.actor}办理
            </div>
            {c.next.due && (
              <div className={nextLate ? 'case-overdue' : undefined} style={{ marginTop: 4 }} data-testid="case-next-due">
                {nextLate ? '已逾期，期限为' : '期限：'}
                {formatDateZh(c.next.due)}
              </div>
            )}
            {uncovered && (
              <Alert type="warning" showIcon style={{ marginTop: 8 }} title={CALENDAR_WARNING} data-testid="case-calendar-warning" />
            )}
          </div>
        ) : (
          <span className="muted">{c.state === 'cancelled' ? '组建已终止' : '组建已完成'}</span>
        )}
      </Card>
      <Card size="small" title="办理记录" data-testid="case-timeline">
        {c.timeline.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
        ) : (
          <Timeline
            items={[...c.timeline].reverse().map((t, i) => ({
              key: `${t.at}-${i}`,
              title: (
                <span className="muted" style={{ fontSize: 12 }}>
                  {when(t.at)}
                </span>
              ),
              content: (
                <span>
                  {t.label}
                  {t.actor && <span className="muted">（{t.actor}）</span>}
                </span>
              ),
            }))}
          />
        )}
      </Card>
    </Space>
  );

  return (
    <Space orientation="vertical" size={mobile ? 12 : 16} style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { key: 'gov', title: <Link to="/governance">小区治理与组建</Link> },
          { key: 'this', title: `${c.estate.name}物管会组建` },
        ]}
      />
      <Card size={mobile ? 'small' : 'default'}>
        <div className="case-head">
          <div style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-title">
              {c.estate.name}物业管理委员会组建
            </Typography.Title>
            <Space size={4} wrap style={{ marginTop: 6 }}>
              <Tag color={STATE_COLOR[c.state] ?? 'default'} data-testid="case-state">
                {c.stateLabel}
              </Tag>
              <span className="muted" style={{ fontSize: 13 }}>
                {[c.estate.streetName, c.estate.communityName].filter(Boolean).join(' · ')}
              </span>
              <Tooltip title="本案件按启动时的规则配置办理，之后更换配置不影响本案件">
                <Tag data-testid="case-profile">{c.profile.name}</Tag>
              </Tooltip>
            </Space>
          </div>
          <Space wrap size={8}>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label="刷新" data-testid="case-reload" />
            <StepButton
              c={c}
              action="cancel"
              danger
              icon={<StopOutlined />}
              testId="case-cancel"
              onClick={() => setDialog({ kind: 'cancel' })}
            >
              终止组建
            </StepButton>
          </Space>
        </div>
        <Steps
          style={{ marginTop: 16 }}
          size="small"
          orientation={mobile ? 'vertical' : 'horizontal'}
          current={Math.min(c.step, c.steps.length - 1)}
          status={c.state === 'cancelled' ? 'error' : finished ? 'finish' : 'process'}
          items={c.steps.map((title) => ({ title }))}
          data-testid="case-steps"
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          {stages}
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          {side}
        </Col>
      </Row>
      <Button
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate('/governance')}
        data-testid="case-back"
        style={{ alignSelf: 'flex-start' }}
      >
        返回小区治理
      </Button>

      {dialog?.kind === 'announce' && <AnnounceModal c={c} onClose={() => setDialog(null)} onDone={done('组建公告已发布')} />}
      {dialog?.kind === 'nominate' && <NominationModal c={c} onClose={() => setDialog(null)} onDone={done('已登记报名推荐')} />}
      {dialog?.kind === 'vet' && (
        <VetModal
          c={c}
          nomination={dialog.nomination}
          result={dialog.result}
          onClose={() => setDialog(null)}
          onDone={done(dialog.result === 'passed' ? '已记录把关通过' : '已记录把关不通过')}
        />
      )}
      {dialog?.kind === 'objection' && (
        <CaseObjectionModal
          c={c}
          onClose={() => setDialog(null)}
          onDone={() => {
            toast('success', '已登记书面异议');
            reload();
          }}
        />
      )}
      {dialog?.kind === 'verify' && (
        <CaseVerifyModal
          objection={dialog.objection}
          onClose={() => setDialog(null)}
          onDone={() => {
            toast('success', '已提交核查结论，核查结果已公示');
            reload();
          }}
        />
      )}
      {dialog?.kind === 'establish' && (
        <EstablishModal c={c} onClose={() => setDialog(null)} onDone={done('已核发成立证明，物管会已成立')} />
      )}
      {dialog?.kind === 'seal' && (
        <SealModal
          c={c}
          kind={dialog.seal}
          onClose={() => setDialog(null)}
          onDone={done(dialog.seal === 'apply' ? '已登记印章申请' : '已登记印章备案')}
        />
      )}
      {dialog?.kind === 'cancel' && <CancelModal c={c} onClose={() => setDialog(null)} onDone={done('组建已终止')} />}
    </Space>
  );
}
