import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';
import { DeadlineText } from './GovernanceCells';
import { daysBetween, profileLines } from './profile';
import type { ProfilesOut } from './types';
import { ReportMonthSetting } from '../committees/ReportMonthSetting';

export /** The street's implementation plan (R42): deadline, phases, days left. */
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

export /** 规则配置: the profile each street runs new cases under. */
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
        <ReportMonthSetting />
        <p className="muted" style={{ margin: 0, fontSize: 12 }}>
          每个组建案件在启动时保存当时的规则配置；更换配置只影响此后启动的案件，不影响正在办理或已完成的案件。
        </p>
      </Space>
    </Card>
  );
}
