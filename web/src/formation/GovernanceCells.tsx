import { Progress, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { CASE_STEPS } from '../../../core/formation';
import { todayInChina } from '../shared/format';
import { STATUS_COLOR, type GovernanceEstate } from './types';

/** The cells of an estate's row on 小区治理与组建 (table on a desktop, list on a phone). */

export function DeadlineText({ days }: { days: number | null }) {
  if (days === null) return <span className="muted">—</span>;
  if (days < 0) return <span className="gov-overdue">已超期{-days}天</span>;
  return <span className={days <= 30 ? 'case-reason' : undefined}>剩{days}天</span>;
}

/**
 * Where the estate's formation stands: the case under way (its step), the finished case of a running
 * committee (已成立, issue 13: not 未启动), 未启动 where a committee is still needed, — otherwise.
 */
export function CaseProgress({ e }: { e: GovernanceEstate }) {
  const open = e.actions.includes('openCase');
  if (e.caseId === null || e.step === null) {
    if (e.committee)
      return (
        <div data-testid={`governance-progress-${e.id}`}>
          {open && e.committee.caseId !== null ? (
            <Link to={`/formation/${e.committee.caseId}`} data-testid={`governance-case-${e.id}`}>
              已成立
            </Link>
          ) : (
            <span>已成立</span>
          )}
          <Progress percent={100} steps={CASE_STEPS.length} size="small" showInfo={false} />
        </div>
      );
    return (
      <span className="muted" data-testid={`governance-progress-${e.id}`}>
        {e.needsPmc ? '未启动' : '—'}
      </span>
    );
  }
  const total = CASE_STEPS.length;
  const done = Math.min(e.step, total);
  return (
    <div data-testid={`governance-progress-${e.id}`}>
      {open ? (
        <Link to={`/formation/${e.caseId}`} data-testid={`governance-case-${e.id}`}>
          {e.caseStateLabel ?? '组建案件'}
        </Link>
      ) : (
        <span>{e.caseStateLabel ?? '组建案件'}</span>
      )}
      <Progress percent={Math.round((done / total) * 100)} steps={total} size="small" showInfo={false} />
      <span className="muted" style={{ fontSize: 12 }}>
        {done}/{total}
      </span>
    </div>
  );
}

export function NextStep({ e, today }: { e: GovernanceEstate; today: string }) {
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

export function CommitteeTerm({ e }: { e: GovernanceEstate }) {
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
        {e.committee.nonCompliant && (
          <div className="gov-overdue" style={{ fontSize: 12 }} data-testid={`governance-noncompliant-${e.id}`}>
            构成不合规（{e.committee.nonCompliant.failures.map((f) => f.rule).join('、')}）
            {e.committee.nonCompliant.deadline ? `，${formatDateZh(e.committee.nonCompliant.deadline)}前整改` : ''}
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

export function StatusTag({ e }: { e: GovernanceEstate }) {
  return (
    <Tag color={STATUS_COLOR[e.status]} data-testid={`governance-status-${e.id}`}>
      {e.statusLabel}
    </Tag>
  );
}

export function ReasonText({ e }: { e: GovernanceEstate }) {
  if (e.reasonLabel) return <span style={{ fontSize: 13 }}>{e.reasonLabel}</span>;
  if (e.note)
    return (
      <span className="muted" style={{ fontSize: 13 }}>
        {e.note}
      </span>
    );
  return <span className="muted">—</span>;
}
