import { Alert, Card, List, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../shared/useApi';
import { ClassesCard } from './ClassesCard';
import { EstateClassTable } from './EstateClassTable';
import type { ClassificationData } from './types';

/** 小区分类管理 (issue 18 §1): the classes and their measures, every estate's class with its reason, pilots. */
export default function ClassificationPage() {
  const r = useApi<ClassificationData>('/api/survey/classification');
  const d = r.data;
  return (
    <div data-testid="classification-page">
      <Typography.Title level={4}>调查摸底与分类管理</Typography.Title>
      {r.error && <Alert type="error" showIcon title={r.error} />}
      {!d && !r.error && <Spin />}
      {d && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {d.classes && d.streetId !== null && (
            <ClassesCard
              streetId={d.streetId}
              classes={d.classes}
              counts={new Map(d.counts.map((c) => [c.code, c.estates]))}
              canManage={d.canManage}
              onChanged={r.reload}
            />
          )}
          <Card size="small" title={`试点小区（${d.pilots.length}）`} data-testid="pilots">
            <List
              dataSource={d.pilots}
              locale={{ emptyText: '尚未确定试点小区' }}
              renderItem={(e) => (
                <List.Item key={e.id} data-testid={`pilot-${e.id}`}>
                  <List.Item.Meta
                    title={
                      <Link to={`/estates/${e.id}/survey`}>
                        {e.communityName} {e.name}（{e.classLabel}）
                      </Link>
                    }
                    description={e.pilotReason}
                  />
                </List.Item>
              )}
            />
          </Card>
          <EstateClassTable data={d} onChanged={r.reload} />
        </Space>
      )}
    </div>
  );
}
