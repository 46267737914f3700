import { List, Tabs, Typography } from 'antd';
import type { ReactElement } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useSession } from '../auth/session';
import { useApi } from '../shared/useApi';
import { RollupTab } from './RollupTab';

function MyEstates() {
  const r = useApi<{ items: { id: number; name: string }[] }>('/api/disclosures/my-estates');
  return (
    <List
      loading={!r.data && !r.error}
      dataSource={r.data?.items ?? []}
      data-testid="my-estates"
      renderItem={(e) => (
        <List.Item>
          <Link to={`/disclosures/${e.id}`} data-testid={`my-estate-${e.id}`}>
            {e.name}
          </Link>
        </List.Item>
      )}
    />
  );
}

/** 物业监督台 "十公开" (issue 15): the estates whose items the caller keeps, and the roll-up for the street and community. */
export default function DisclosuresPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tabs = [
    can('disclosure.edit') && { key: 'mine', label: '我负责的小区', children: <MyEstates /> },
    can('disclosure.read') && { key: 'rollup', label: '完整及时情况', children: <RollupTab /> },
  ].filter((x): x is { key: string; label: string; children: ReactElement } => Boolean(x));
  const active = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab')! : tabs[0]?.key;
  return (
    <div data-testid="disclosures-page">
      <Typography.Title level={4}>物业监督台 · 十公开</Typography.Title>
      <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={tabs} destroyOnHidden />
    </div>
  );
}
