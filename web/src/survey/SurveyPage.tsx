import { Alert, Card, Descriptions, Space, Spin, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { useApi } from '../shared/useApi';
import { ClassTag } from './ClassTag';
import { SurveyForm } from './SurveyForm';
import { SurveyHistory } from './SurveyHistory';
import type { SurveyPageData } from './types';

/** What the platform already knows of the estate (from the registry, companies and committees). */
function Known({ d }: { d: SurveyPageData }) {
  const k = d.known;
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="survey-known">
      <Descriptions.Item label="治理状态">
        <span data-testid="survey-status">{d.governance.statusLabel}</span>
        {d.governance.reasonLabel && <span data-testid="survey-reason">（R26：{d.governance.reasonLabel}）</span>}
      </Descriptions.Item>
      <Descriptions.Item label="分类">
        <ClassTag c={d.class} testId="survey-class" showReason />
      </Descriptions.Item>
      <Descriptions.Item label="物业企业">
        {k.company
          ? `${k.company.name}（${k.company.partyOrg ?? (k.company.instructor ? `党建指导员 ${k.company.instructor}` : '无党组织')}）`
          : '平台未登记'}
      </Descriptions.Item>
      <Descriptions.Item label="网格员">{k.gridWorkers.map((g) => `${g.name}（${g.grid}）`).join('、') || '平台未登记'}</Descriptions.Item>
      <Descriptions.Item label="业委会">
        {k.ownersCommittee
          ? `${formatDateZh(k.ownersCommittee.producedOn)}产生，${k.ownersCommittee.members} 人${k.ownersCommittee.termEnd ? `，任期至${formatDateZh(k.ownersCommittee.termEnd)}` : ''}`
          : '平台未登记'}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 调查摸底 of one estate (issue 18 §1): what is known, the form to confirm, every survey kept. */
export default function SurveyPage() {
  const id = Number(useParams().id);
  const r = useApi<SurveyPageData>(`/api/estates/${id}/survey`);
  const d = r.data;
  return (
    <div data-testid="survey-page">
      <Typography.Title level={4}>调查摸底{d ? `：${d.estate.communityName ?? ''} ${d.estate.name}` : ''}</Typography.Title>
      {r.error && <Alert type="error" showIcon title={r.error} />}
      {!d && !r.error && <Spin />}
      {d && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title="平台已知情况" extra={<Link to="/survey">小区分类</Link>}>
            <Known d={d} />
          </Card>
          {d.governance.decidedByFormation && (
            <Alert type="info" showIcon title={`本小区${d.governance.statusLabel}，治理状态由组建流程决定；调查摸底照常保存。`} />
          )}
          {d.canFill && <SurveyForm key={d.history[0]?.id ?? 0} page={d} onDone={r.reload} />}
          <SurveyHistory history={d.history} />
        </Space>
      )}
    </div>
  );
}
