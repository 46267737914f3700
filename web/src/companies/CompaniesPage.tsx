import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, List, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, withQuery } from '../api';
import { useSession } from '../auth/session';
import { errorMessage, toast } from '../shared/feedback';
import { useIsMobile } from '../shared/useIsMobile';
import { CompanyDetailView } from './CompanyDetail';
import { RegisterCompanyModal } from './CompanyModals';
import { PartyStatusTag } from './PartyStatusTag';
import type { Company, CompanyList } from './types';

interface Checks {
  companies: { id: number; name: string; partyBuildingStatus: string }[];
  projects: { contractId: number; companyId: number; companyName: string; estateName: string; partyBuildingStatus: string }[];
}

/** 物业企业: the registry list with R39 party-building status, or one company when its id is in the URL. */
export default function CompaniesPage() {
  const params = useParams();
  const id = params.companyId && /^\d+$/.test(params.companyId) ? Number(params.companyId) : null;
  if (params.companyId && id === null) return <Alert type="error" showIcon title="企业编号不正确" />;
  return id !== null ? <CompanyDetailView key={id} id={id} /> : <CompanyListView />;
}

function CompanyListView() {
  const { me, can } = useSession();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<CompanyList | null>(null);
  const [checks, setChecks] = useState<Checks | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const [registering, setRegistering] = useState(false);

  /** Streets where the caller may register a company. */
  const streets = useMemo(
    () =>
      (me?.roles ?? []).filter((r) => r.role === 'streetAdmin' && r.nodeKind === 'street').map((r) => ({ id: r.nodeId, name: r.nodeName })),
    [me],
  );

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<CompanyList>('/api/companies', { q, page }).then(
      (r) => {
        if (!live) return;
        setData(r);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [q, page, version]);

  useEffect(() => {
    let live = true;
    api.get<Checks>('/api/companies/checks').then(
      (r) => live && setChecks(r),
      () => live && setChecks(null),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const shouldEstablish = checks?.companies.filter((c) => c.partyBuildingStatus === 'shouldEstablish') ?? [];
  const projectsShould = checks?.projects.filter((p) => p.partyBuildingStatus === 'shouldEstablish') ?? [];
  const needInstructor = (checks?.companies.length ?? 0) - shouldEstablish.length;

  const columns: TableColumnsType<Company> = [
    {
      title: '企业名称',
      key: 'name',
      render: (_: unknown, c) => (
        <Link to={`/companies/${c.id}`} data-testid={`company-link-${c.id}`}>
          {c.name}
        </Link>
      ),
    },
    {
      title: '统一社会信用代码',
      dataIndex: 'uscc',
      key: 'uscc',
      width: 190,
      render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
    },
    {
      title: '服务小区',
      key: 'estates',
      render: (_: unknown, c) =>
        c.estatesServed.length ? c.estatesServed.map((e) => e.name).join('、') : <span className="muted">无</span>,
    },
    { title: '在履行合同', dataIndex: 'contractsCurrent', key: 'contracts', width: 100, align: 'right' },
    { title: '人员', dataIndex: 'staffCount', key: 'staff', width: 70, align: 'right' },
    {
      title: '党员（正式/预备）',
      key: 'members',
      width: 130,
      align: 'right',
      render: (_: unknown, c) => `${c.fullMembers} / ${c.probationaryMembers}`,
    },
    {
      title: '党建（R39）',
      key: 'party',
      width: 220,
      render: (_: unknown, c) => (
        <PartyStatusTag status={c.partyBuildingStatus} label={c.partyBuildingLabel} testId={`company-status-${c.id}`} />
      ),
    },
  ];

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4}>物业企业</Typography.Title>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="名称或信用代码"
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ width: mobile ? 180 : 240 }}
            data-testid="companies-search"
          />
          <Button icon={<ReloadOutlined />} onClick={() => setVersion((v) => v + 1)} aria-label="刷新" data-testid="companies-reload" />
          <Button
            icon={<DownloadOutlined />}
            href={withQuery('/api/companies/export.xlsx', { q })}
            download="物业企业列表.xlsx"
            data-testid="companies-export"
          >
            导出 Excel
          </Button>
          {can('company.manage') && streets.length > 0 && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="company-register">
              登记企业
            </Button>
          )}
        </Space>
      </div>
      {(shouldEstablish.length > 0 || projectsShould.length > 0 || needInstructor > 0) && (
        <Alert
          type={shouldEstablish.length || projectsShould.length ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="companies-checks"
          title="党建提示（R39）"
          description={
            <div>
              {shouldEstablish.length > 0 && <div>应建未建的企业：{shouldEstablish.map((c) => c.name).join('、')}</div>}
              {projectsShould.length > 0 && (
                <div>应建未建的项目：{projectsShould.map((p) => `${p.companyName}·${p.estateName}`).join('、')}</div>
              )}
              {needInstructor > 0 && <div>未建党组织、待选派党建指导员的企业：{needInstructor} 家</div>}
            </div>
          }
        />
      )}
      {error && <Alert type="error" showIcon title="无法加载物业企业" description={error} style={{ marginBottom: 12 }} />}
      <Card size={mobile ? 'small' : 'default'} data-testid="companies-list">
        {mobile ? (
          <List<Company>
            loading={loading}
            dataSource={data?.items ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无物业企业" /> }}
            pagination={
              data && data.total > data.pageSize
                ? { current: page, pageSize: data.pageSize, total: data.total, onChange: setPage, size: 'small' }
                : false
            }
            renderItem={(c) => (
              <List.Item key={c.id} data-testid={`company-row-${c.id}`}>
                <div style={{ width: '100%' }}>
                  <Link to={`/companies/${c.id}`} data-testid={`company-link-${c.id}`}>
                    {c.name}
                  </Link>
                  <div style={{ margin: '4px 0' }}>
                    <PartyStatusTag status={c.partyBuildingStatus} label={c.partyBuildingLabel} testId={`company-status-${c.id}`} />
                  </div>
                  <div className="muted">
                    合同 {c.contractsCurrent} 份 · 人员 {c.staffCount} · 党员 {c.fullMembers}/{c.probationaryMembers}
                  </div>
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<Company>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            onRow={(c) => ({ 'data-testid': `company-row-${c.id}` }) as HTMLAttributes<HTMLTableRowElement>}
            pagination={
              data && data.total > data.pageSize
                ? { current: page, pageSize: data.pageSize, total: data.total, onChange: setPage, showSizeChanger: false }
                : false
            }
            locale={{ emptyText: '暂无物业企业' }}
          />
        )}
      </Card>
      {registering && (
        <RegisterCompanyModal
          streets={streets}
          onClose={() => setRegistering(false)}
          onDone={(c) => {
            setRegistering(false);
            toast('success', `已登记“${c.name}”`);
            navigate(`/companies/${c.id}`);
          }}
        />
      )}
    </div>
  );
}
