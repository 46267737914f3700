import { FileWordOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Tooltip } from 'antd';
import type { ButtonProps } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { CASE_ACTIONS, type CaseAction } from '../../../core/formation';
import { useSession } from '../auth/session';
import { modal } from '../shared/feedback';
import type { CaseNotice, FormationCase } from './types';

export const CALENDAR_WARNING = '期限所在年份的工作日历尚未录入，届满日按周一至周五推算，录入后可能变化';

/**
 * Asks before a step that cannot be taken back (issue 13: 截止报名, 把关完成, 确定名单并公示): what
 * happens and what can no longer be done; the step runs only on 确认.
 */
export function confirmStep(title: string, content: ReactNode, run: () => Promise<void>) {
  modal().confirm({
    title,
    content,
    okText: '确认',
    cancelText: '取消',
    okButtonProps: { 'data-testid': 'case-step-confirm' } as ButtonProps,
    cancelButtonProps: { 'data-testid': 'case-step-cancel' } as ButtonProps,
    onOk: run,
  });
}

export /**
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

export function NoticeLine({ notice, testId }: { notice: CaseNotice; testId: string }) {
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
