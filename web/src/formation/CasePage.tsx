import { ArrowLeftOutlined, ReloadOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Result, Row, Skeleton, Space, Steps, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { CaseAction } from '../../../core/formation';
import { api, isApiError } from '../api';
import { useSession } from '../auth/session';
import { errorMessage, showError, toast } from '../shared/feedback';
import { useIsMobile } from '../shared/useIsMobile';
import { EstablishmentPanel } from './CaseEstablishment';
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
import { NominationsPanel } from './CaseNominations';
import { NoticeLine, StepButton } from './CaseParts';
import { PublicityPanel } from './CasePublicity';
import { CaseSide } from './CaseSide';
import { MemberListPanel } from './MemberListPanel';
import type { CaseObjection, FormationCase, Nomination } from './types';
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

const STATE_COLOR: Record<string, string> = {
  started: 'default',
  nominating: 'processing',
  vetting: 'processing',
  listing: 'processing',
  publicizing: 'purple',
  established: 'success',
  cancelled: 'error',
};

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

  async function step(key: string, path: string, message: string): Promise<void> {
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
  const finished = c.step >= c.steps.length;
  const mayVet = can('formation.vet') && !!act('vet')?.allowed;
  const showNominations = c.state !== 'started' || c.nominations.length > 0;
  const showList = ['listing', 'publicizing', 'established'].includes(c.state) || c.list.length > 0;
  const showEstablish = c.state === 'publicizing' || c.state === 'established' || c.committee !== null;

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
        <NominationsPanel
          c={c}
          mayVet={mayVet}
          busy={busy}
          onVet={(nomination, result) => setDialog({ kind: 'vet', nomination, result })}
          onNominate={() => setDialog({ kind: 'nominate' })}
          onStep={step}
        />
      )}

      {/* 委员名单 (R22–R25) */}
      {showList && <MemberListPanel c={c} onChange={setCase} />}

      {/* 名单公示与异议 (R29, R30) */}
      {c.listNotice && (
        <PublicityPanel
          c={c}
          notice={c.listNotice}
          busy={busy}
          onFile={() => setDialog({ kind: 'objection' })}
          onVerify={(objection) => setDialog({ kind: 'verify', objection })}
          onStep={step}
        />
      )}

      {/* 成立 与 印章 (R31, R33, R34) */}
      {showEstablish && (
        <EstablishmentPanel
          c={c}
          onEstablish={() => setDialog({ kind: 'establish' })}
          onSeal={(seal) => setDialog({ kind: 'seal', seal })}
          onChanged={reload}
        />
      )}
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
          <CaseSide c={c} />
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
