import { EditOutlined, PlayCircleOutlined, ReloadOutlined, SettingOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, List, Progress, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { CASE_STEPS, type GovernanceStatusCode } from '../../../core/formation';
import { api } from '../api';
import { useSession } from '../auth/session';
import { errorMessage, showError, toast } from '../shared/feedback';
import { compareNames, todayInChina } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import { OwnersCommitteeModal, PlanModal, SetStatusModal, StartCaseModal } from './GovernanceModals';
import { daysBetween, profileLines } from './profile';
import { STATUS_COLOR, type Governance, type GovernanceEstate, type ProfilesOut } from './types';
import './formation.css';

const SUMMARY: { status: GovernanceStatusCode; label: string }[] = [
  { status: 'pending', label: '待组建' },
  { status: 'formingPmc', label: '组建中' },
  { status: 'pmcRunning', label: '运行中' },
  { status: 'ownersCommittee', label: '业委会' },
  { status: 'notNeeded', label: '不需组建' },
  { status: 'committeeExpired', label: '届满/缺位' },
];

type Dialog =
  | { kind: 'status'; estate: GovernanceEstate }
  | { kind: 'start'; estate: GovernanceEstate }
  | { kind: 'oc'; estate: GovernanceEstate }
  | { kind: 'plan'; streetId: number; plan: ProfilesOut['streets'][number]['plan'] }
  | null;

function DeadlineText({ days }: { days: number | null }) {
  if (days === null) return <span className="muted">—</span>;
  if (days < 0) return <span className="gov-overdue">已超期{-days}天</span>;
  return <span className={days <= 30 ? 'case-reason' : undefined}>剩{days}天</span>;
}

function CaseProgress({ e }: { e: GovernanceEstate }) {
  if (e.caseId === null || e.step === null) return <span className="muted">未启动</span>;
  const total = CASE_STEPS.length;
  const done = Math.min(e.step, total);
  return (
    <div>
      <Link to={`/formation/${e.caseId}`} data-testid={`governance-case-${e.id}`}>
        {e.caseStateLabel ?? '组建案件'}
      </Link>
      <Progress percent={Math.round((done / total) * 100)} steps={total} size="small" showInfo={false} />
      <span className="muted" style={{ fontSize: 12 }}>
        {done}/{total}
      </span>
    </div>
  );
}

function NextStep({ e, today }: { e: GovernanceEstate; today: string }) {
  if (!e.nextStep) return <span className="muted">—</span>;
  const late = e.overdue || (e.nextDue !== null && e.nextDue < today);
  return (
    <div>
      <div>{e.nextStep}</div>
      <div className="muted" style={{ fontSize: 12 }}>
        {e.nextActor && `待${e.nextActor}办理`}
        {e.nextDue && (
          <span className={late ? 'gov-overdue' : undefined}>
            {e.nextActor ? '，' : ''}
            {late ? '已逾期：' : '期限：'}
            {formatDateZh(e.nextDue)}
          </span>
        )}
      </div>
    </div>
  );
}

function CommitteeTerm({ e }: { e: GovernanceEstate }) {
  if (e.committee) {
    return (
      <div>
        <div style={{ fontSize: 12 }}>成立于{formatDateZh(e.committee.establishedOn)}</div>
        {e.committee.termEnd ? (
          <div className={e.committee.termExpired ? 'gov-overdue' : 'muted'} style={{ fontSize: 12 }}>
            任期至{formatDateZh(e.committee.termEnd)}
            {e.committee.termExpired && '，已届满，请重新组建（R33）'}
          </div>
        ) : (
          <div className="muted" style={{ fontSize: 12 }}>
            不设任期
          </div>
        )}
      </div>
    );
  }
  if (e.committeeTermEnd) {
    const expired = e.committeeTermEnd < todayInChina();
    return (
      <span className={expired ? 'gov-overdue' : 'muted'} style={{ fontSize: 12 }}>
        业委会任期至{formatDateZh(e.committeeTermEnd)}
        {expired && '（已届满）'}
      </span>
    );
  }
  return <span className="muted">—</span>;
}

/** The street's implementation plan (R42): deadline, phases, days left. */
function PlanCard({
  plan,
  streetName,
  canEdit,
  onEdit,
  today,
}: {
  plan: { name: string; deadline: string; phases: { name: string; from: string; to: string }[] } | null;
  streetName?: string;
  canEdit: boolean;
  onEdit(): void;
  today: string;
}) {
  const left = plan ? daysBetween(today, plan.deadline) : null;
  return (
    <Card
      size="small"
      title={`实施方案${streetName ? `（${streetName}）` : ''}`}
      data-testid="governance-plan"
      extra={
        canEdit && (
          <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="governance-plan-edit">
            {plan ? '修改' : '制定方案'}
          </Button>
        )
      }
    >
      {plan ? (
        <>
          <div style={{ fontWeight: 600 }}>{plan.name}</div>
          <div style={{ marginTop: 4 }}>
            完成组建期限（R42）：<strong data-testid="governance-plan-deadline">{formatDateZh(plan.deadline)}</strong>
            <span style={{ marginLeft: 8 }} data-testid="governance-plan-left">
              <DeadlineText days={left} />
            </span>
          </div>
          {plan.phases.length > 0 && (
            <div className="gov-phases">
              {plan.phases.map((p) => {
                const current = p.from <= today && today <= p.to;
                return (
                  <div key={`${p.name}-${p.from}`} className={`gov-phase${current ? ' gov-phase-current' : ''}`}>
                    <div>
                      <strong>{p.name}</strong>
                      {current && (
                        <Tag color="processing" style={{ marginLeft: 6 }}>
                          当前阶段
                        </Tag>
                      )}
                    </div>
                    <div className="muted">
                      {formatDateZh(p.from)}—{formatDateZh(p.to)}
                    </div>
                  </div>
                );
              })}
            </div>
          )}
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未制定实施方案（完成组建期限和工作阶段由街道设定）" />
      )}
    </Card>
  );
}

/** 规则配置: the profile each street runs new cases under. */
function ProfileCard({ data, onChanged }: { data: ProfilesOut; onChanged(): void }) {
  const [saving, setSaving] = useState<number | null>(null);
  async function change(streetId: number, profileId: string) {
    setSaving(streetId);
    try {
      await api.put(`/api/governance/streets/${streetId}/profile`, { profileId });
      toast('success', '已更换规则配置，之后启动的组建案件按新配置办理');
      onChanged();
    } catch (e) {
      showError(e);
    } finally {
      setSaving(null);
    }
  }
  return (
    <Card size="small" title="规则配置" data-testid="governance-profiles">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {data.streets.map((s) => {
          const profile = data.profiles.find((p) => p.id === s.profileId);
          return (
            <div key={s.streetId}>
              <Space wrap size={8}>
                {data.streets.length > 1 && <strong>{s.streetName}</strong>}
                <Select
                  value={s.profileId}
                  disabled={!s.canManage}
                  loading={saving === s.streetId}
                  onChange={(v) => void change(s.streetId, v)}
                  options={data.profiles.map((p) => ({ value: p.id, label: p.name }))}
                  style={{ minWidth: 220 }}
                  data-testid={`governance-profile-${s.streetId}`}
                />
              </Space>
              {profile && (
                <ul className="profile-lines" data-testid={`governance-profile-values-${s.streetId}`}>
                  {profileLines(profile).map((l) => (
                    <li key={l.rule}>
                      <span className="profile-rule">{l.rule}</span>
                      {l.text}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
        <p className="muted" style={{ margin: 0, fontSize: 12 }}>
          每个组建案件在启动时保存当时的规则配置；更换配置只影响此后启动的案件，不影响正在办理或已完成的案件。
        </p>
      </Space>
    </Card>
  );
}

/** 小区治理与组建: every estate's governance status, the plan's deadline, and the formation cases. */
export default function GovernancePage() {
  const { can } = useSession();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const today = todayInChina();
  const [data, setData] = useState<Governance | null>(null);
  const [profiles, setProfiles] = useState<ProfilesOut | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<GovernanceStatusCode | 'needsPmc' | 'all'>('all');
  const [community, setCommunity] = useState<string | 'all'>('all');
  const [dialog, setDialog] = useState<Dialog>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<Governance>('/api/governance').then(
      (r) => {
        if (!live) return;
        setData(r);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    api.get<ProfilesOut>('/api/governance/profiles').then(
      (r) => live && setProfiles(r),
      () => live && setProfiles(null),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const reload = () => setVersion((v) => v + 1);

  const communities = useMemo(
    () => [...new Set((data?.estates ?? []).map((e) => e.communityName ?? '（未归属社区）'))].sort(compareNames),
    [data],
  );

  const shown = useMemo(() => {
    const list = (data?.estates ?? []).filter(
      (e) =>
        (status === 'all' || (status === 'needsPmc' ? e.needsPmc : e.status === status)) &&
        (community === 'all' || (e.communityName ?? '（未归属社区）') === community),
    );
    // Estates that still need a PMC first, the closest to (or furthest past) the deadline first.
    return list.sort(
      (a, b) =>
        Number(b.needsPmc) - Number(a.needsPmc) ||
        Number(b.overdue) - Number(a.overdue) ||
        (a.daysToDeadline ?? Infinity) - (b.daysToDeadline ?? Infinity) ||
        compareNames(a.communityName ?? '', b.communityName ?? '') ||
        compareNames(a.name, b.name),
    );
  }, [data, status, community]);

  const manageStreet = profiles?.streets.find((s) => s.canManage) ?? null;
  const planStreet = data?.plan ? (profiles?.streets.find((s) => s.streetId === data.plan!.streetId) ?? null) : null;
  const canEditPlan = can('governance.manage') && (planStreet ? planStreet.canManage : manageStreet !== null);
  const needCount = (data?.estates ?? []).filter((e) => e.needsPmc).length;

  function Actions({ e }: { e: GovernanceEstate }) {
    return (
      <Space size={4} wrap>
        {e.caseId !== null && (
          <Button size="small" type="link" onClick={() => navigate(`/formation/${e.caseId}`)} data-testid={`governance-open-${e.id}`}>
            查看案件
          </Button>
        )}
        {e.actions.includes('startCase') && (
          <Button
            size="small"
            type="primary"
            icon={<PlayCircleOutlined />}
            onClick={() => setDialog({ kind: 'start', estate: e })}
            data-testid={`governance-start-${e.id}`}
          >
            启动组建
          </Button>
        )}
        {e.actions.includes('setStatus') && (
          <Button
            size="small"
            icon={<SettingOutlined />}
            onClick={() => setDialog({ kind: 'status', estate: e })}
            data-testid={`governance-set-status-${e.id}`}
          >
            设置状态
          </Button>
        )}
        {e.actions.includes('enterOwnersCommittee') && (
          <Button
            size="small"
            icon={<TeamOutlined />}
            onClick={() => setDialog({ kind: 'oc', estate: e })}
            data-testid={`governance-oc-${e.id}`}
          >
            登记业委会
          </Button>
        )}
      </Space>
    );
  }

  const statusTag = (e: GovernanceEstate) => (
    <Tag color={STATUS_COLOR[e.status]} data-testid={`governance-status-${e.id}`}>
      {e.statusLabel}
    </Tag>
  );

  const columns: TableColumnsType<GovernanceEstate> = [
    {
      title: '小区',
      key: 'estate',
      width: 170,
      fixed: 'left',
      render: (_: unknown, e) => (
        <div>
          <div>{e.name}</div>
          <div className="muted" style={{ fontSize: 12 }}>
            {e.communityName}
          </div>
        </div>
      ),
    },
    { title: '治理状态', key: 'status', width: 150, render: (_: unknown, e) => statusTag(e) },
    {
      title: '组建原因（R26）',
      key: 'reason',
      width: 170,
      render: (_: unknown, e) =>
        e.reasonLabel ? (
          <span style={{ fontSize: 13 }}>{e.reasonLabel}</span>
        ) : e.note ? (
          <span className="muted" style={{ fontSize: 13 }}>
            {e.note}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    { title: '组建进度', key: 'progress', width: 170, render: (_: unknown, e) => <CaseProgress e={e} /> },
    { title: '下一步', key: 'next', width: 220, render: (_: unknown, e) => <NextStep e={e} today={today} /> },
    { title: '任期', key: 'term', width: 170, render: (_: unknown, e) => <CommitteeTerm e={e} /> },
    { title: '距方案期限', key: 'deadline', width: 110, render: (_: unknown, e) => <DeadlineText days={e.daysToDeadline} /> },
    { title: '操作', key: 'actions', width: 200, render: (_: unknown, e) => <Actions e={e} /> },
  ];

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4}>小区治理与组建</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label="刷新" data-testid="governance-reload" />
        </Space>
      </div>
      {error && (
        <Alert
          type="error"
          showIcon
          title="无法加载小区治理情况"
          description={error}
          style={{ marginBottom: 12 }}
          data-testid="governance-error"
        />
      )}

      <Row gutter={[12, 12]} className="gov-summary" data-testid="governance-summary" style={{ marginBottom: 12 }}>
        {SUMMARY.map((s) => (
          <Col key={s.status} xs={8} sm={8} md={4}>
            <Card
              size="small"
              className={status === s.status ? 'gov-summary-active' : undefined}
              onClick={() => setStatus(status === s.status ? 'all' : s.status)}
              data-testid={`governance-summary-${s.status}`}
            >
              <Statistic
                title={s.label}
                value={data?.summary[s.status] ?? 0}
                styles={{
                  content: { color: s.status === 'committeeExpired' && (data?.summary[s.status] ?? 0) > 0 ? '#cf1322' : undefined },
                }}
              />
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <PlanCard
              plan={data?.plan ?? manageStreet?.plan ?? null}
              streetName={planStreet?.streetName}
              canEdit={canEditPlan}
              today={today}
              onEdit={() => {
                const streetId = data?.plan?.streetId ?? manageStreet?.streetId;
                if (streetId) setDialog({ kind: 'plan', streetId, plan: data?.plan ?? manageStreet?.plan ?? null });
              }}
            />
            {data && data.overdue.length > 0 && (
              <Card
                size="small"
                title={
                  <span className="gov-overdue">
                    <WarningOutlined /> 逾期事项（{data.overdue.length}）
                  </span>
                }
                data-testid="governance-overdue"
              >
                <List
                  size="small"
                  dataSource={data.overdue}
                  renderItem={(o) => (
                    <List.Item key={`${o.estateId}-${o.what}`}>
                      <Space wrap size={4}>
                        {o.caseId !== null ? <Link to={`/formation/${o.caseId}`}>{o.estateName}</Link> : <strong>{o.estateName}</strong>}
                        <span>{o.what}</span>
                        <span className="gov-overdue">期限 {formatDateZh(o.due)}</span>
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          {profiles && profiles.streets.length > 0 && <ProfileCard data={profiles} onChanged={reload} />}
        </Col>
      </Row>

      <Card size={mobile ? 'small' : 'default'} title={`小区（需组建物管会 ${needCount} 个）`} data-testid="governance-estates">
        <div className="gov-filters">
          <Select
            value={status}
            onChange={setStatus}
            style={{ width: 170 }}
            options={[
              { value: 'all', label: '全部状态' },
              { value: 'needsPmc', label: '需组建物管会' },
              ...SUMMARY.map((s) => ({ value: s.status, label: s.label })),
            ]}
            data-testid="governance-filter-status"
          />
          <Select
            value={community}
            onChange={setCommunity}
            style={{ width: 170 }}
            options={[{ value: 'all', label: '全部社区' }, ...communities.map((c) => ({ value: c, label: c }))]}
            data-testid="governance-filter-community"
          />
        </div>
        {mobile ? (
          <List<GovernanceEstate>
            loading={loading}
            dataSource={shown}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的小区" /> }}
            renderItem={(e) => (
              <List.Item key={e.id} data-testid={`governance-estate-${e.id}`}>
                <div className="gov-estate-item">
                  <Space size={4} wrap>
                    <strong>{e.name}</strong>
                    {statusTag(e)}
                    {e.daysToDeadline !== null && <DeadlineText days={e.daysToDeadline} />}
                  </Space>
                  <div className="muted gov-line">
                    {e.communityName}
                    {e.reasonLabel && ` · ${e.reasonLabel}`}
                  </div>
                  {e.caseId !== null && (
                    <div className="gov-line">
                      <CaseProgress e={e} />
                    </div>
                  )}
                  {e.nextStep && (
                    <div className="gov-line">
                      <NextStep e={e} today={today} />
                    </div>
                  )}
                  {(e.committee || e.committeeTermEnd) && (
                    <div className="gov-line">
                      <CommitteeTerm e={e} />
                    </div>
                  )}
                  <div className="gov-line">
                    <Actions e={e} />
                  </div>
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<GovernanceEstate>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={shown}
            loading={loading}
            scroll={{ x: 1420 }}
            pagination={shown.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
            locale={{ emptyText: '没有符合条件的小区' }}
            onRow={(e) => ({ 'data-testid': `governance-estate-${e.id}` }) as HTMLAttributes<HTMLTableRowElement>}
          />
        )}
        {data?.plan && (
          <p className="muted" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
            <Tooltip title="R42：不能成立业委会的小区，应在实施方案期限前成立物管会">
              距方案期限按 {formatDateZh(data.plan.deadline)} 计算。
            </Tooltip>
          </p>
        )}
      </Card>

      {dialog?.kind === 'status' && (
        <SetStatusModal
          estate={dialog.estate}
          onClose={() => setDialog(null)}
          onDone={() => {
            toast('success', '已更新治理状态');
            reload();
          }}
        />
      )}
      {dialog?.kind === 'start' && (
        <StartCaseModal
          estate={dialog.estate}
          onClose={() => setDialog(null)}
          onDone={(c) => {
            toast('success', '已启动组建，请发布组建公告');
            navigate(`/formation/${c.id}`);
          }}
        />
      )}
      {dialog?.kind === 'oc' && (
        <OwnersCommitteeModal
          estate={dialog.estate}
          onClose={() => setDialog(null)}
          onDone={() => {
            toast('success', '已登记业主委员会');
            reload();
          }}
        />
      )}
      {dialog?.kind === 'plan' && (
        <PlanModal
          streetId={dialog.streetId}
          plan={dialog.plan}
          onClose={() => setDialog(null)}
          onDone={() => {
            toast('success', '已保存实施方案');
            reload();
          }}
        />
      )}
    </div>
  );
}
