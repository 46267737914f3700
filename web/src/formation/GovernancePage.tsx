import { ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import type { GovernanceStatusCode } from '../../../core/formation';
import { api } from '../api';
import { useSession } from '../auth/session';
import { errorMessage, toast } from '../shared/feedback';
import { todayInChina } from '../shared/format';
import { PlanCard, ProfileCard } from './GovernanceCards';
import type { EstateAction } from './GovernanceActions';
import { GovernanceEstates, STATUS_FILTERS } from './GovernanceEstates';
import { OwnersCommitteeModal, PlanModal, SetStatusModal, StartCaseModal } from './GovernanceModals';
import type { Governance, GovernanceEstate, OverdueItem, ProfilesOut } from './types';
import './formation.css';

type Dialog =
  | { kind: EstateAction; estate: GovernanceEstate }
  | { kind: 'plan'; streetId: number; plan: ProfilesOut['streets'][number]['plan'] }
  | null;

/** The count of estates by status; a click filters the list below. */
function StatusSummary({
  summary,
  status,
  onStatus,
}: {
  summary: Record<string, number> | undefined;
  status: string;
  onStatus(s: GovernanceStatusCode | 'all'): void;
}) {
  return (
    <Row gutter={[12, 12]} className="gov-summary" data-testid="governance-summary" style={{ marginBottom: 12 }}>
      {STATUS_FILTERS.map((s) => (
        <Col key={s.status} xs={8} sm={8} md={4}>
          <Card
            size="small"
            className={status === s.status ? 'gov-summary-active' : undefined}
            onClick={() => onStatus(status === s.status ? 'all' : s.status)}
            data-testid={`governance-summary-${s.status}`}
          >
            <Statistic
              title={s.label}
              value={summary?.[s.status] ?? 0}
              styles={{ content: { color: s.status === 'committeeExpired' && (summary?.[s.status] ?? 0) > 0 ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function OverdueCard({ items }: { items: OverdueItem[] }) {
  return (
    <Card
      size="small"
      title={
        <span className="gov-overdue">
          <WarningOutlined /> 逾期事项（{items.length}）
        </span>
      }
      data-testid="governance-overdue"
    >
      <List
        size="small"
        dataSource={items}
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
  );
}

/** 小区治理与组建: every estate's governance status, the plan's deadline, and the formation cases. */
export default function GovernancePage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const today = todayInChina();
  const [data, setData] = useState<Governance | null>(null);
  const [profiles, setProfiles] = useState<ProfilesOut | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<GovernanceStatusCode | 'needsPmc' | 'all'>('all');
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
  const manageStreet = profiles?.streets.find((s) => s.canManage) ?? null;
  const planStreet = data?.plan ? (profiles?.streets.find((s) => s.streetId === data.plan!.streetId) ?? null) : null;
  const canEditPlan = can('governance.manage') && (planStreet ? planStreet.canManage : manageStreet !== null);
  const close = () => setDialog(null);

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

      <StatusSummary summary={data?.summary} status={status} onStatus={setStatus} />

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
            {data && data.overdue.length > 0 && <OverdueCard items={data.overdue} />}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          {profiles && profiles.streets.length > 0 && <ProfileCard data={profiles} onChanged={reload} />}
        </Col>
      </Row>

      <GovernanceEstates
        estates={data?.estates ?? []}
        loading={loading}
        status={status}
        onStatus={setStatus}
        planDeadline={data?.plan?.deadline ?? null}
        today={today}
        onAction={(kind, estate) => setDialog({ kind, estate })}
      />

      {dialog?.kind === 'status' && (
        <SetStatusModal
          estate={dialog.estate}
          onClose={close}
          onDone={() => {
            toast('success', '已更新治理状态');
            reload();
          }}
        />
      )}
      {dialog?.kind === 'start' && (
        <StartCaseModal
          estate={dialog.estate}
          onClose={close}
          onDone={(c) => {
            toast('success', '已启动组建，请发布组建公告');
            navigate(`/formation/${c.id}`);
          }}
        />
      )}
      {dialog?.kind === 'oc' && (
        <OwnersCommitteeModal
          estate={dialog.estate}
          onClose={close}
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
          onClose={close}
          onDone={() => {
            toast('success', '已保存实施方案');
            reload();
          }}
        />
      )}
    </div>
  );
}
