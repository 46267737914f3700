import { Alert, Button, Card, Descriptions, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { TICKET_ACTIONS, type TicketAction } from '../../../core/tickets';
import { useSession } from '../auth/session';
import { toast } from '../shared/feedback';
import { formatTime } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import { StepModal } from './StepModal';
import { TicketStateTag } from './TicketStateTag';
import { TicketTimeline } from './TicketTimeline';
import type { TicketDetail } from './types';
import { useApi } from '../shared/useApi';
import './tickets.css';

const due = (iso: string, late: boolean, done: string | null) => (
  <span>
    {formatTime(iso).slice(0, 16)}
    {done ? (
      <Tag color={late ? 'red' : 'green'} style={{ marginLeft: 6 }}>
        {late ? '超时' : '按时'}
      </Tag>
    ) : late ? (
      <Tag color="red" style={{ marginLeft: 6 }}>
        已超时
      </Tag>
    ) : null}
  </span>
);

/** One ticket: where, what, its clocks, its photos and history, and the steps the caller may take (from the server). */
export default function TicketDetailPage() {
  const id = Number(useParams().id);
  const mobile = useIsMobile();
  const { data: t, error, reload } = useApi<TicketDetail>(`/api/tickets/${id}`);
  const [step, setStep] = useState<TicketAction | null>(null);
  const { can } = useSession();
  const needsDepartments = !!t?.actions.some((a) => a === 'dispatch' || a === 'transfer') && can('service.manage');
  const { data: depts } = useApi<{ items: { id: number; name: string }[] }>(
    needsDepartments ? `/api/communities/${t!.communityId}/departments` : null,
  );
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!t) return <Card loading />;
  return (
    <Card className="tk-page" title={<span data-testid="ticket-title">{t.title}</span>} extra={<span className="muted">编号 {t.id}</span>}>
      <div style={{ marginBottom: 12 }} data-testid="ticket-status">
        <TicketStateTag
          state={t.state}
          label={t.stateLabel}
          overdue={t.escalationLevel > 0 && !['closed', 'withdrawn', 'finished', 'revisit'].includes(t.state)}
          escalation={t.escalationLabel}
        />
        {t.paused && <Tag color="purple">计时暂停</Tag>}
        {t.satisfactionLabel && <Tag color="green">评价：{t.satisfactionLabel}</Tag>}
      </div>
      {t.calendarWarning && <Alert type="warning" showIcon title={t.calendarWarning} style={{ marginBottom: 12 }} />}
      {t.actions.length > 0 && (
        <div className="tk-actions" style={{ marginBottom: 16 }}>
          {t.actions.map((a) => (
            <Button
              key={a}
              type={a === 'withdraw' ? 'default' : 'primary'}
              danger={a === 'withdraw'}
              onClick={() => setStep(a)}
              data-testid={`ticket-step-${a}`}
            >
              {TICKET_ACTIONS[a].label}
            </Button>
          ))}
        </div>
      )}
      <Descriptions column={mobile ? 1 : 2} size="small" bordered>
        <Descriptions.Item label="类型">{t.kindName}</Descriptions.Item>
        <Descriptions.Item label="来源">{t.channelLabel}</Descriptions.Item>
        <Descriptions.Item label="位置">
          {t.estateName} {t.place}
        </Descriptions.Item>
        <Descriptions.Item label="网格">{t.gridName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="提出">
          {t.raiser} · {formatTime(t.raisedAt).slice(0, 16)}
        </Descriptions.Item>
        {t.caller && (
          <Descriptions.Item label="来电人">
            {t.caller.name} {t.caller.phone}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="承办">
          <span data-testid="ticket-handler">{t.handler}</span>
        </Descriptions.Item>
        <Descriptions.Item label={`响应时限（${t.respondLimit}）`}>{due(t.respondDueAt, t.respondLate, t.respondedAt)}</Descriptions.Item>
        <Descriptions.Item label={`办结时限（${t.finishLimit}）`}>
          <span data-testid="ticket-finish-due">{due(t.finishDueAt, t.finishLate, t.finishedAt)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="停止计时">{t.clockStops.length ? t.clockStops.join('、') : '不停表'}</Descriptions.Item>
        <Descriptions.Item label="描述" span={mobile ? 1 : 2}>
          {t.description}
        </Descriptions.Item>
      </Descriptions>
      {t.photos.length > 0 && (
        <div className="tk-photos" data-testid="ticket-photos">
          {t.photos.map((p) => (
            <a key={p} href={`/api/ticket-photos/${p}`} target="_blank" rel="noopener">
              <img src={`/api/ticket-photos/${p}`} alt="诉求照片" data-testid="ticket-photo" />
            </a>
          ))}
        </div>
      )}
      <h3 style={{ marginTop: 20 }}>办理记录</h3>
      <TicketTimeline events={t.events} />
      {step && (
        <StepModal
          ticket={t}
          action={step}
          departments={needsDepartments ? (depts?.items ?? []) : []}
          onClose={() => setStep(null)}
          onDone={() => {
            toast('success', `已${TICKET_ACTIONS[step].label}`);
            setStep(null);
            reload();
          }}
        />
      )}
    </Card>
  );
}
