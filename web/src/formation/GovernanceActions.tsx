import { PlayCircleOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { GovernanceEstate } from './types';

export type EstateAction = 'start' | 'status' | 'oc';

/** An estate's buttons, stacked so that the column stays narrow (fixed at the right of the table). */
export function Actions({ e, onAction }: { e: GovernanceEstate; onAction(kind: EstateAction, e: GovernanceEstate): void }) {
  const navigate = useNavigate();
  const caseId = e.caseId ?? e.committee?.caseId ?? null;
  return (
    <Space orientation="vertical" size={4} className="gov-actions">
      {caseId !== null && e.actions.includes('openCase') && (
        <Button size="small" type="link" onClick={() => navigate(`/formation/${caseId}`)} data-testid={`governance-open-${e.id}`}>
          查看案件
        </Button>
      )}
      {/* Issue 18: the status is found by the survey (调查摸底, R26) rather than typed */}
      <Button size="small" type="link" onClick={() => navigate(`/estates/${e.id}/survey`)} data-testid={`governance-survey-${e.id}`}>
        调查摸底
      </Button>
      {e.actions.includes('startCase') && (
        <Button
          size="small"
          type="primary"
          icon={<PlayCircleOutlined />}
          onClick={() => onAction('start', e)}
          data-testid={`governance-start-${e.id}`}
        >
          启动组建
        </Button>
      )}
      {e.actions.includes('setStatus') && (
        <Button size="small" icon={<SettingOutlined />} onClick={() => onAction('status', e)} data-testid={`governance-set-status-${e.id}`}>
          设置状态
        </Button>
      )}
      {e.actions.includes('enterOwnersCommittee') && (
        <Button size="small" icon={<TeamOutlined />} onClick={() => onAction('oc', e)} data-testid={`governance-oc-${e.id}`}>
          登记业委会
        </Button>
      )}
    </Space>
  );
}
