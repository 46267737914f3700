import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { modal, showError } from '../shared/feedback';
import { compareNames } from '../shared/format';
import { ClassTag } from './ClassTag';
import { OverrideModal, PilotModal } from './ClassModals';
import type { ClassificationData, ClassifiedEstate } from './types';

/** Asks, then runs a DELETE and reloads. */
function confirmDelete(title: string, path: string, onDone: () => void) {
  modal().confirm({
    title,
    okText: '确定',
    cancelText: '取消',
    okButtonProps: { 'data-testid': 'confirm-ok' } as Record<string, string>,
    onOk: () => api.delete(path).then(onDone, showError),
  });
}

/** The estates with their class and its reason (街道调整 marked), pilot flag and survey date; the street's buttons. */
export function EstateClassTable({ data, onChanged }: { data: ClassificationData; onChanged(): void }) {
  const [filter, setFilter] = useState<string>('all');
  const [dialog, setDialog] = useState<{ kind: 'override' | 'pilot'; estate: ClassifiedEstate } | null>(null);
  const shown = useMemo(
    () =>
      data.estates
        .filter((e) => filter === 'all' || (filter === 'pilot' ? e.pilot : e.classCode === filter))
        .sort((a, b) => compareNames(a.communityName, b.communityName) || compareNames(a.name, b.name)),
    [data.estates, filter],
  );
  const options = [
    { value: 'all', label: `全部小区（${data.estates.length}）` },
    ...data.counts.map((c) => ({ value: c.code, label: `${c.label}（${c.estates}）` })),
    { value: 'pilot', label: `试点（${data.pilots.length}）` },
  ];
  return (
    <Card size="small" title="各小区分类" data-testid="estate-classes">
      <Select value={filter} onChange={setFilter} options={options} style={{ width: 220, marginBottom: 12 }} data-testid="class-filter" />
      <Table<ClassifiedEstate>
        size="small"
        rowKey="id"
        dataSource={shown}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        onRow={(e) => ({ 'data-testid': `class-row-${e.id}` }) as object}
        columns={[
          {
            title: '小区',
            key: 'name',
            width: 160,
            render: (_: unknown, e) => (
              <div>
                <Link to={`/estates/${e.id}/survey`} data-testid={`class-survey-${e.id}`}>
                  {e.name}
                </Link>
                {e.pilot && (
                  <Tag color="magenta" style={{ marginLeft: 6 }}>
                    试点
                  </Tag>
                )}
                <div className="muted" style={{ fontSize: 12 }}>
                  {e.communityName}
                </div>
              </div>
            ),
          },
          { title: '治理状态', dataIndex: 'statusLabel', width: 130 },
          { title: '分类及理由', key: 'class', render: (_: unknown, e) => <ClassTag c={e} testId={`class-tag-${e.id}`} showReason /> },
          {
            title: '调查摸底',
            key: 'surveyedOn',
            width: 110,
            render: (_: unknown, e) => e.surveyedOn ?? <span className="muted">未填报</span>,
          },
          ...(data.canManage && data.classes
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, e: ClassifiedEstate) => (
                    <Space orientation="vertical" size={2}>
                      {e.overridden ? (
                        <Button
                          size="small"
                          type="link"
                          onClick={() =>
                            confirmDelete(`取消对“${e.name}”的分类调整，恢复按规则分类？`, `/api/estates/${e.id}/class-override`, onChanged)
                          }
                        >
                          取消调整
                        </Button>
                      ) : (
                        <Button
                          size="small"
                          type="link"
                          onClick={() => setDialog({ kind: 'override', estate: e })}
                          data-testid={`class-override-${e.id}`}
                        >
                          调整分类
                        </Button>
                      )}
                      {e.pilot ? (
                        <Button
                          size="small"
                          type="link"
                          onClick={() => confirmDelete(`取消“${e.name}”的试点？`, `/api/estates/${e.id}/pilot`, onChanged)}
                        >
                          取消试点
                        </Button>
                      ) : (
                        <Button
                          size="small"
                          type="link"
                          onClick={() => setDialog({ kind: 'pilot', estate: e })}
                          data-testid={`class-pilot-${e.id}`}
                        >
                          设为试点
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog?.kind === 'override' && data.classes && (
        <OverrideModal estate={dialog.estate} classes={data.classes} onClose={() => setDialog(null)} onDone={onChanged} />
      )}
      {dialog?.kind === 'pilot' && <PilotModal estate={dialog.estate} onClose={() => setDialog(null)} onDone={onChanged} />}
    </Card>
  );
}
