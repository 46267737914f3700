import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { errorMessage, showError } from '../shared/feedback';
import { useIsMobile } from '../shared/useIsMobile';
import { ActionFilter } from './ActionFilter';
import { AuditTable } from './AuditTable';
import type { AuditEntry, VerifyResult } from './types';
import { VerifyBanner } from './VerifyBanner';
import './audit.css';

const PAGE = 50;

/** 审计日志: newest first, 50 at a time, filtered by action, and a check of the hash chain. */
export default function AuditPage() {
  const mobile = useIsMobile();
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [loading, setLoading] = useState(true);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<string | undefined>(undefined);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<VerifyResult | null>(null);

  const load = useCallback(
    async (beforeId?: number) => {
      setLoading(true);
      try {
        const r = await api.get<{ items: AuditEntry[] }>('/api/audit', { limit: PAGE, beforeId, action });
        setItems((prev) => (beforeId ? [...prev, ...r.items] : r.items));
        setHasMore(r.items.length === PAGE);
        setError(null);
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setLoading(false);
      }
    },
    [action],
  );

  useEffect(() => {
    void load();
  }, [load]);

  async function runVerify() {
    setVerifying(true);
    try {
      setVerify(await api.get<VerifyResult>('/api/audit/verify'));
    } catch (e) {
      showError(e);
    } finally {
      setVerifying(false);
    }
  }

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4}>审计日志</Typography.Title>
        <Space wrap>
          <ActionFilter value={action} onChange={setAction} width={mobile ? 180 : 240} />
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label="刷新" data-testid="audit-reload" />
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={verifying}
            onClick={() => void runVerify()}
            data-testid="audit-verify"
          >
            校验审计链
          </Button>
        </Space>
      </div>
      {verify && <VerifyBanner verify={verify} onClose={() => setVerify(null)} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Card size={mobile ? 'small' : 'default'}>
        <AuditTable items={items} loading={loading} mobile={mobile} />
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          {hasMore ? (
            <Button onClick={() => void load(items[items.length - 1]?.id)} loading={loading} data-testid="audit-load-more">
              加载更多
            </Button>
          ) : (
            items.length > 0 && <span className="muted">已显示全部 {items.length} 条记录</span>
          )}
        </div>
      </Card>
    </div>
  );
}
