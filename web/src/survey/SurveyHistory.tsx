import { Card, Descriptions, Table, Tag } from 'antd';
import { COMMITTEE_STATE_LABEL, COMPANY_PARTY_LABEL, committeeComplete, SURVEY_PROBLEMS } from '../../../core/survey';
import { formatTime } from '../shared/format';
import type { SurveyRecord } from './types';

/** One survey's answers, in words. */
function Answers({ r }: { r: SurveyRecord }) {
  const a = r.answers;
  const complete = committeeComplete(a);
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label="业委会">
        {COMMITTEE_STATE_LABEL[a.ownersCommittee]}
        {a.committeeSeats !== null && `（实有 ${a.committeeMembers}/应有 ${a.committeeSeats}，${complete ? '齐全' : '不齐全'}）`}
      </Descriptions.Item>
      <Descriptions.Item label="业主大会">
        {a.assemblyHeld ? '已成立' : a.assemblyConditions ? `具备条件，确有困难：${a.assemblyDifficulty ?? ''}` : '不具备成立条件'}
        {a.singleOwner && '；单一业主'}
      </Descriptions.Item>
      <Descriptions.Item label="物业企业">
        {a.companyName ?? '无'}（{COMPANY_PARTY_LABEL[a.companyParty]}）
      </Descriptions.Item>
      <Descriptions.Item label="网格员">{a.gridWorkers.join('、') || '未配备'}</Descriptions.Item>
      <Descriptions.Item label="主要问题">{a.problems.map((p) => SURVEY_PROBLEMS[p].label).join('、') || '无'}</Descriptions.Item>
      {a.problemNote && <Descriptions.Item label="问题说明">{a.problemNote}</Descriptions.Item>}
    </Descriptions>
  );
}

/** Every survey of the estate, newest first: who, when, the status it found (and whether it was applied). */
export function SurveyHistory({ history }: { history: SurveyRecord[] }) {
  return (
    <Card title={`历次调查摸底（${history.length}）`} size="small" data-testid="survey-history">
      <Table<SurveyRecord>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={history}
        locale={{ emptyText: '尚未调查摸底' }}
        expandable={{ expandedRowRender: (r) => <Answers r={r} /> }}
        onRow={(r) => ({ 'data-testid': `survey-history-${r.id}` }) as object}
        columns={[
          { title: '填报时间', key: 'at', width: 150, render: (_: unknown, r) => formatTime(r.at) },
          { title: '填报人', dataIndex: 'by', width: 140 },
          {
            title: '认定的治理状态（R26）',
            key: 'status',
            render: (_: unknown, r) => (
              <span>
                {r.statusLabel}
                {r.reasonLabel && `（${r.reasonLabel}）`}
                {!r.governanceApplied && <Tag style={{ marginLeft: 8 }}>由组建流程决定，未改变状态</Tag>}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
