import { Result, Space, Steps, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import { errorMessage, showError, toast } from '../shared/feedback';
import { formatFileSize } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import { CheckResult } from './CheckResult';
import { ImportHistory } from './ImportHistory';
import { TargetCard } from './TargetCard';
import { UploadCard } from './UploadCard';
import type { CommitMode, ImportBatch, ImportKind } from './types';
import { MAX_BYTES, uploadFile } from './upload';

/** 批量导入: choose kind and place → template → upload and check → confirm → result; past batches below. */
export default function ImportsPage() {
  const { can, me } = useSession();
  const mobile = useIsMobile();
  const kinds: ImportKind[] = useMemo(
    () => [...(can('registry.manage') ? (['roll', 'people'] as const) : []), ...(can('company.manage') ? (['companies'] as const) : [])],
    [can],
  );
  const [kind, setKind] = useState<ImportKind>(kinds[0] ?? 'roll');
  const [nodeId, setNodeId] = useState<number | undefined>();
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [busy, setBusy] = useState<'upload' | CommitMode | null>(null);
  const [history, setHistory] = useState<ImportBatch[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);

  const loadHistory = useCallback(async () => {
    try {
      setHistoryError(null);
      setHistory((await api.get<{ items: ImportBatch[] }>('/api/imports', { limit: 50 })).items);
    } catch (e) {
      setHistoryError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const upload = async (file: File) => {
    if (!nodeId) return toast('warning', '请先选择导入位置');
    if (!/\.xlsx$/i.test(file.name)) return toast('error', `「${file.name}」不是Excel工作簿(.xlsx)文件，请在Excel中“另存为”.xlsx后上传`);
    if (file.size > MAX_BYTES) return toast('error', `「${file.name}」有 ${formatFileSize(file.size)}，超过20 MB，请拆分后分别导入`);
    setBusy('upload');
    setBatch(null);
    try {
      setBatch(await uploadFile(file, kind, nodeId, me?.csrfToken ?? null));
      void loadHistory();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  // The digest stands for the list of title changes the user ticked; the server refuses a commit whose list is not that one.
  const commit = async (mode: CommitMode, confirmDigest: string | null): Promise<boolean> => {
    if (!batch) return false;
    setBusy(mode);
    try {
      const done = await api.post<ImportBatch>(`/api/imports/${batch.id}/commit`, { mode, ...(confirmDigest ? { confirmDigest } : {}) });
      setBatch(done);
      toast('success', String(done.result?.message ?? '已导入'));
      void loadHistory();
      return true;
    } catch (e) {
      showError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const open = async (id: number) => {
    try {
      const b = await api.get<ImportBatch>(`/api/imports/${id}`);
      setKind(b.kind);
      setNodeId(b.nodeId);
      setBatch(b);
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } catch (e) {
      showError(e);
    }
  };

  const discard = async (id: number) => {
    try {
      await api.delete(`/api/imports/${id}`);
      if (batch?.id === id) setBatch(null);
      toast('success', '已放弃该批次');
      void loadHistory();
    } catch (e) {
      showError(e);
    }
  };

  if (kinds.length === 0) return <Result status="403" title="您没有批量导入的权限" />;
  const step = !nodeId ? 0 : !batch ? 1 : batch.status === 'checked' ? 2 : 3;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        批量导入
      </Typography.Title>
      <Steps
        size="small"
        direction={mobile ? 'vertical' : 'horizontal'}
        current={step}
        items={[{ title: '选择类型和位置' }, { title: '上传并检查' }, { title: '确认导入' }, { title: '完成' }]}
      />
      <TargetCard
        kinds={kinds}
        kind={kind}
        nodeId={nodeId}
        onKind={(k) => {
          setKind(k);
          setNodeId(undefined);
          setBatch(null);
        }}
        onNode={(id) => {
          setNodeId(id);
          setBatch(null);
        }}
      />
      <UploadCard nodeId={nodeId} disabled={busy !== null} checking={busy === 'upload'} onFile={(f) => void upload(f)} />
      {batch && <CheckResult key={batch.id} batch={batch} busy={busy} onCommit={commit} onDiscard={(id) => void discard(id)} />}
      <ImportHistory
        history={history}
        error={historyError}
        onReload={() => void loadHistory()}
        onOpen={(id) => void open(id)}
        onDiscard={(id) => void discard(id)}
      />
    </Space>
  );
}
