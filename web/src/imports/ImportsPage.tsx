import { DeleteOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Popconfirm,
  Result,
  Row,
  Segmented,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  TreeSelect,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { NODE_KIND_LABEL } from '../../../core/org';
import { api, ApiError } from '../api';
import { useSession } from '../auth/session';
import type { OrgTree, OrgTreeItem } from '../org/tree';
import { useOrgTree } from '../org/useOrgTree';
import { errorMessage, showError, toast } from '../shared/feedback';
import { formatFileSize, formatTime } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import { COUNT_LABEL, KIND_HINT, KIND_LABEL, KIND_NODES, STATUS_LABEL, type ImportBatch, type ImportKind, type RowProblem } from './types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 20 * 1024 * 1024;

interface PickOption {
  value: number;
  title: string;
  disabled?: boolean;
  selectable?: boolean;
  children?: PickOption[];
}

/** The caller's tree down to the kind of node an import goes to; other nodes only give the way there. */
function targetOptions(tree: OrgTree, kinds: string[]): PickOption[] {
  const walk = (items: OrgTreeItem[]): PickOption[] => {
    const out: PickOption[] = [];
    for (const it of items) {
      if (!it.primary || it.node.kind === 'building' || it.node.kind === 'grid' || it.node.kind === 'company') continue;
      const children = walk(it.children);
      const target = kinds.includes(it.node.kind) && it.node.inScope;
      if (!target && children.length === 0) continue;
      out.push({
        value: it.node.id,
        title: `${it.node.name}（${NODE_KIND_LABEL[it.node.kind]}）`,
        ...(target ? {} : { disabled: true, selectable: false }),
        ...(children.length ? { children } : {}),
      });
    }
    return out;
  };
  return walk(tree.roots);
}

/** Sends the file itself as the body (no multipart), with the CSRF token, and reads the server's Chinese error. */
async function uploadFile(file: File, kind: ImportKind, nodeId: number, csrf: string | null): Promise<ImportBatch> {
  const url = `/api/imports?kind=${kind}&nodeId=${nodeId}&fileName=${encodeURIComponent(file.name)}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': XLSX, accept: 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  const data = (await res.json().catch(() => null)) as (ImportBatch & { code?: string; message?: string }) | null;
  if (!res.ok) throw new ApiError(res.status, data?.code ?? `HTTP_${res.status}`, data?.message ?? `上传失败（HTTP ${res.status}）`);
  return data!;
}

function Counts({ counts, testId }: { counts: Record<string, number>; testId: string }) {
  const shown = COUNT_LABEL.filter(([k]) => counts[k] !== undefined);
  return (
    <Row gutter={[12, 12]} data-testid={testId}>
      {shown.map(([k, label]) => (
        <Col key={k} xs={12} sm={8} md={6}>
          <Card size="small">
            <Statistic title={label} value={counts[k]} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

const problemColumns: TableColumnsType<RowProblem> = [
  { title: '行号', dataIndex: 'row', width: 70, render: (r: number) => r || '—' },
  { title: '列', dataIndex: 'column', width: 150, render: (c: string) => c || '整行' },
  { title: '问题', dataIndex: 'message' },
];

/** 批量导入: choose kind and place → template → upload and check → confirm → result; past batches below. */
export default function ImportsPage() {
  const { can, me } = useSession();
  const mobile = useIsMobile();
  const { tree, error: treeError } = useOrgTree();
  const kinds: ImportKind[] = useMemo(
    () => [...(can('registry.manage') ? (['roll', 'people'] as const) : []), ...(can('company.manage') ? (['companies'] as const) : [])],
    [can],
  );
  const [kind, setKind] = useState<ImportKind>(kinds[0] ?? 'roll');
  const [nodeId, setNodeId] = useState<number | undefined>();
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [busy, setBusy] = useState<'upload' | 'all' | 'validOnly' | null>(null);
  const [history, setHistory] = useState<ImportBatch[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);

  const options = useMemo(() => (tree ? targetOptions(tree, KIND_NODES[kind]) : []), [tree, kind]);

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

  const commit = async (mode: 'all' | 'validOnly') => {
    if (!batch) return;
    setBusy(mode);
    try {
      const done = await api.post<ImportBatch>(`/api/imports/${batch.id}/commit`, { mode });
      setBatch(done);
      toast('success', String(done.result?.message ?? '已导入'));
      void loadHistory();
    } catch (e) {
      showError(e);
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

  const step = !nodeId ? 0 : !batch ? 1 : batch.status === 'checked' ? 2 : 3;
  const checked = batch?.status === 'checked' ? batch : null;
  const result = batch?.status === 'committed' ? batch : null;

  const historyColumns: TableColumnsType<ImportBatch> = [
    { title: '上传时间', dataIndex: 'createdAt', width: 170, render: (t: string) => formatTime(t) },
    { title: '类型', dataIndex: 'kind', width: 110, render: (k: ImportKind) => KIND_LABEL[k] },
    { title: '导入位置', dataIndex: 'nodeName' },
    { title: '文件', dataIndex: 'fileName', ellipsis: true },
    { title: '行数', dataIndex: 'rows', width: 80 },
    {
      title: '错误行',
      dataIndex: 'errorRows',
      width: 80,
      render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: ImportBatch['status']) => (
        <Tag color={s === 'committed' ? 'green' : s === 'checked' ? 'blue' : 'default'}>{STATUS_LABEL[s]}</Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, b) => (
        <Space size={4} wrap>
          <Button size="small" type="link" onClick={() => void open(b.id)} data-testid={`import-open-${b.id}`}>
            查看
          </Button>
          <Button size="small" type="link" href={`/api/imports/${b.id}/report`} icon={<DownloadOutlined />}>
            报告
          </Button>
          {b.actions.includes('discard') && (
            <Popconfirm
              title="放弃这个未导入的批次？"
              okText="放弃"
              cancelText="取消"
              onConfirm={() => void discard(b.id)}
              okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
            >
              <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid={`import-discard-${b.id}`}>
                放弃
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  if (kinds.length === 0) return <Result status="403" title="您没有批量导入的权限" />;

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

      <Card size="small" title="1. 选择导入类型和位置">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented<ImportKind>
            value={kind}
            onChange={(k) => {
              setKind(k);
              setNodeId(undefined);
              setBatch(null);
            }}
            options={kinds.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
            data-testid="import-kind"
          />
          <Typography.Text type="secondary">{KIND_HINT[kind]}</Typography.Text>
          {treeError && <Alert type="error" showIcon message={treeError} />}
          <Space wrap>
            <TreeSelect<number>
              value={nodeId}
              onChange={(v) => {
                setNodeId(v ?? undefined);
                setBatch(null);
              }}
              treeData={options}
              treeDefaultExpandAll
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder={`选择${KIND_NODES[kind].map((k) => NODE_KIND_LABEL[k]).join('或')}`}
              loading={!tree}
              style={{ width: mobile ? '100%' : 360 }}
              popupMatchSelectWidth={false}
              data-testid="import-node"
            />
            <Button icon={<DownloadOutlined />} href={`/api/imports/templates/${kind}`} data-testid="import-template">
              下载{KIND_LABEL[kind]}模板
            </Button>
          </Space>
        </Space>
      </Card>

      <Card size="small" title="2. 上传填好的Excel文件并检查">
        <Upload.Dragger
          accept=".xlsx"
          multiple={false}
          showUploadList={false}
          disabled={!nodeId || busy !== null}
          beforeUpload={(f) => {
            void upload(f);
            return false;
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {nodeId ? (busy === 'upload' ? '正在检查，请稍候…' : '点击或拖入Excel(.xlsx)文件') : '请先在上方选择导入位置'}
          </p>
          <p className="ant-upload-hint">只检查、不写入：检查通过后由您确认导入。文件不超过20 MB。</p>
        </Upload.Dragger>
      </Card>

      {batch && (
        <Card
          size="small"
          title={`3. 检查结果：${batch.fileName}（${batch.nodeName}）`}
          extra={
            <Button icon={<DownloadOutlined />} href={`/api/imports/${batch.id}/report`} data-testid="import-report">
              下载检查报告
            </Button>
          }
        >
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Row gutter={[12, 12]}>
              <Col xs={8} sm={6}>
                <Statistic title="数据行" value={batch.rows} />
              </Col>
              <Col xs={8} sm={6}>
                <Statistic title="无错误的行" value={batch.validRows} valueStyle={{ color: '#389e0d' }} />
              </Col>
              <Col xs={8} sm={6}>
                <Statistic title="有错误的行" value={batch.errorRows} valueStyle={batch.errorRows ? { color: '#cf1322' } : undefined} />
              </Col>
              <Col xs={8} sm={6}>
                <Statistic title="将产生的变更" value={batch.changes} />
              </Col>
            </Row>
            {checked && <Counts counts={checked.summary} testId="import-summary" />}
            {checked && checked.changes === 0 && checked.errorRows === 0 && (
              <Alert type="info" showIcon message="文件内容与系统现有数据一致，导入不会产生任何变更" />
            )}
            {batch.errors && batch.errors.length > 0 && (
              <>
                <Alert
                  type="error"
                  showIcon
                  message={`发现${batch.errorCount}处错误，涉及${batch.errorRows}行${batch.errorCount > batch.errors.length ? `（下表显示前${batch.errors.length}处，完整列表请下载检查报告）` : ''}`}
                  description="可以按报告修改后重新上传；也可以只导入无错误的行。同一房屋任一行有错误时，该房屋的各行都暂不导入。"
                />
                <Table<RowProblem>
                  size="small"
                  rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
                  columns={problemColumns}
                  dataSource={batch.errors}
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  scroll={{ x: 520 }}
                  data-testid="import-errors"
                />
              </>
            )}
            {batch.warnings && batch.warnings.length > 0 && (
              <Alert
                type="warning"
                showIcon
                message={`提示（${batch.warningCount}）：不影响导入`}
                description={
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {batch.warnings.slice(0, 10).map((w) => (
                      <li key={`${w.row}-${w.message}`}>
                        第{w.row}行：{w.message}
                      </li>
                    ))}
                    {batch.warnings.length > 10 && <li>……其余见检查报告</li>}
                  </ul>
                }
              />
            )}
            {checked && checked.actions.includes('commit') && (
              <Space wrap>
                <Button
                  type="primary"
                  disabled={checked.errorRows > 0 || busy !== null}
                  loading={busy === 'all'}
                  onClick={() => void commit('all')}
                  data-testid="import-commit-all"
                >
                  全部导入（{checked.rows}行）
                </Button>
                {checked.errorRows > 0 && (
                  <Button
                    disabled={checked.validRows === 0 || busy !== null}
                    loading={busy === 'validOnly'}
                    onClick={() => void commit('validOnly')}
                    data-testid="import-commit-valid"
                  >
                    只导入无错误的行（{checked.validRows}行，跳过{checked.errorRows}行）
                  </Button>
                )}
                <Button onClick={() => void discard(checked.id)} disabled={busy !== null}>
                  放弃
                </Button>
              </Space>
            )}
            {result?.result && (
              <Result
                status="success"
                title={String(result.result.message ?? '已导入')}
                subTitle={result.committedAt ? `导入时间：${formatTime(result.committedAt)}` : undefined}
                extra={
                  <Counts
                    counts={
                      Object.fromEntries(Object.entries(result.result).filter(([, v]) => typeof v === 'number')) as Record<string, number>
                    }
                    testId="import-result-counts"
                  />
                }
                data-testid="import-result"
              />
            )}
            {batch.status === 'discarded' && <Alert type="info" showIcon message="该批次已放弃，未写入任何数据" />}
          </Space>
        </Card>
      )}

      <Card
        size="small"
        title="导入记录"
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={() => void loadHistory()}>
            刷新
          </Button>
        }
      >
        {historyError ? (
          <Alert type="error" showIcon message={historyError} />
        ) : history && history.length === 0 ? (
          <Empty description="还没有导入记录" />
        ) : (
          <Table<ImportBatch>
            size="small"
            rowKey="id"
            loading={!history}
            columns={historyColumns}
            dataSource={history ?? []}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            scroll={{ x: 900 }}
            data-testid="import-history"
          />
        )}
      </Card>
    </Space>
  );
}
