import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Alert, Button, Card, Descriptions, Empty, List, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { PARTY_STATUS_LABEL, type PartyStatus } from '../../../core/registry';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useOrgTree } from '../org/useOrgTree';
import { compareNames, todayInChina } from '../shared/format';
import { errorMessage, toast } from '../shared/feedback';
import { useIsMobile } from '../shared/useIsMobile';
import { AddContractModal, AddStaffModal, EditCompanyModal, EditContractModal, EditStaffModal, PartyModal } from './CompanyModals';
import { PartyStatusTag } from './PartyStatusTag';
import type { CompanyDetail, Contract, StaffPost } from './types';

const PARTY_COLOR: Record<PartyStatus, string | undefined> = { full: 'red', probationary: 'volcano', none: undefined };

function PartyMember({ status }: { status: PartyStatus }) {
  return status === 'none' ? (
    <span className="muted">{PARTY_STATUS_LABEL.none}</span>
  ) : (
    <Tag color={PARTY_COLOR[status]}>{PARTY_STATUS_LABEL[status]}</Tag>
  );
}

const period = (c: { startedOn: string; endedOn: string | null }) =>
  `${formatDateZh(c.startedOn)} 至 ${c.endedOn ? formatDateZh(c.endedOn) : '未定'}`;

type Dialog =
  | { kind: 'edit' }
  | { kind: 'contract' }
  | { kind: 'endContract'; contract: Contract }
  | { kind: 'staff' }
  | { kind: 'editStaff'; post: StaffPost }
  | { kind: 'party'; contract?: Contract };

/** One company: registration, contracts (projects), staff list and party building (R39). */
export function CompanyDetailView({ id, onChanged }: { id: number; onChanged?: () => void }) {
  const { can } = useSession();
  const mobile = useIsMobile();
  const { tree } = useOrgTree();
  const [company, setCompany] = useState<CompanyDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    api.get<CompanyDetail>(`/api/companies/${id}`).then(
      (c) => {
        if (!live) return;
        setCompany(c);
        setError(null);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [id, version]);

  const reload = useCallback(() => {
    setVersion((v) => v + 1);
    onChanged?.();
  }, [onChanged]);
  const updated = useCallback(
    (c: CompanyDetail, text: string) => {
      setCompany(c);
      toast('success', text);
      onChanged?.();
    },
    [onChanged],
  );

  const estates = useMemo(
    () =>
      tree
        ? [...tree.byId.values()]
            .filter((n) => n.kind === 'estate' && n.inScope)
            .map((n) => ({ id: n.id, name: n.name }))
            .sort((a, b) => compareNames(a.name, b.name))
        : [],
    [tree],
  );

  if (error) return <Alert type="error" showIcon title="无法加载物业企业" description={error} data-testid="company-error" />;
  if (!company) return <Skeleton active />;

  const act = new Set(company.actions);
  const canParty = act.has('party') && can('party.manage');

  const contractColumns: TableColumnsType<Contract> = [
    {
      title: '小区（项目）',
      key: 'estate',
      render: (_: unknown, c) => (
        <Space size={4} wrap>
          <span>{c.estateName}</span>
          {!c.current && <Tag>{c.startedOn > dayjs(todayInChina()).format('YYYY-MM-DD') ? '未开始' : '已终止'}</Tag>}
        </Space>
      ),
    },
    { title: '合同期', key: 'period', render: (_: unknown, c) => period(c) },
    {
      title: '项目经理',
      key: 'pm',
      width: 100,
      render: (_: unknown, c) => c.projectManager?.name ?? <span className="muted">未指定</span>,
    },
    {
      title: '党员（正式/预备）',
      key: 'members',
      width: 130,
      render: (_: unknown, c) => `${c.fullMembers} / ${c.probationaryMembers}`,
    },
    {
      title: '党建（R39）',
      key: 'party',
      render: (_: unknown, c) => (
        <Space size={4} wrap>
          <PartyStatusTag status={c.partyBuildingStatus} label={c.partyBuildingLabel} testId={`contract-party-${c.id}`} />
          {c.partyOrg && <span className="muted">{c.partyOrg.name}</span>}
          {c.instructor && <span className="muted">指导员：{c.instructor.name}</span>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_: unknown, c) => (
        <Space size={0} wrap>
          {act.has('update') && (
            <Button
              type="link"
              size="small"
              onClick={() => setDialog({ kind: 'endContract', contract: c })}
              data-testid={`contract-edit-${c.id}`}
            >
              {c.endedOn ? '修改' : '结束/修改'}
            </Button>
          )}
          {canParty && (
            <Button
              type="link"
              size="small"
              onClick={() => setDialog({ kind: 'party', contract: c })}
              data-testid={`contract-party-edit-${c.id}`}
            >
              党建
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const staffColumns: TableColumnsType<StaffPost> = [
    { title: '姓名', key: 'name', render: (_: unknown, s) => s.person.name },
    { title: '职务', dataIndex: 'roleLabel', key: 'role', width: 110 },
    { title: '所在项目', key: 'estate', render: (_: unknown, s) => s.estateName ?? <span className="muted">企业本部</span> },
    { title: '政治面貌', key: 'party', width: 100, render: (_: unknown, s) => <PartyMember status={s.person.partyStatus} /> },
    { title: '身份证号', key: 'id', render: (_: unknown, s) => s.person.idNumberMasked ?? <span className="muted">未登记</span> },
    { title: '手机', key: 'mobile', width: 120, render: (_: unknown, s) => s.person.mobileMasked ?? '' },
    { title: '任职起始', key: 'start', width: 130, render: (_: unknown, s) => formatDateZh(s.startedOn) },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_: unknown, s) =>
        act.has('report') && (
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'editStaff', post: s })} data-testid={`staff-edit-${s.postId}`}>
            修改
          </Button>
        ),
    },
  ];

  return (
    <div data-testid="company-detail">
      <div className="page-header">
        <Space wrap>
          <Link to="/companies" aria-label="返回列表" data-testid="company-back">
            <ArrowLeftOutlined />
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {company.name}
          </Typography.Title>
          <PartyStatusTag status={company.partyBuildingStatus} label={company.partyBuildingLabel} testId="company-party-status" />
        </Space>
        {act.has('update') && (
          <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })} data-testid="company-edit">
            修改登记信息
          </Button>
        )}
      </div>

      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={mobile ? 1 : 3}>
          <Descriptions.Item label="统一社会信用代码">
            <span style={{ fontFamily: 'monospace' }}>{company.uscc}</span>
          </Descriptions.Item>
          <Descriptions.Item label="法定代表人">{company.legalRepresentative ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{company.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="地址">{company.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="登记街道">{company.streetName}</Descriptions.Item>
          <Descriptions.Item label="当前服务小区">
            {company.estatesServed.length ? company.estatesServed.map((e) => e.name).join('、') : '无'}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        size="small"
        title="党建信息（R39）"
        style={{ marginBottom: 16 }}
        extra={
          canParty && (
            <Button size="small" onClick={() => setDialog({ kind: 'party' })} data-testid="company-party-edit">
              维护党建信息
            </Button>
          )
        }
        data-testid="company-party"
      >
        {company.shouldEstablish && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={`应建未建：现有正式党员 ${company.fullMembers} 名（≥3 名），尚未建立党组织`}
            data-testid="company-should-establish"
          />
        )}
        <Descriptions size="small" column={mobile ? 1 : 4}>
          <Descriptions.Item label="人员">{company.staffCount} 名</Descriptions.Item>
          <Descriptions.Item label="正式党员">{company.fullMembers} 名</Descriptions.Item>
          <Descriptions.Item label="预备党员">{company.probationaryMembers} 名</Descriptions.Item>
          <Descriptions.Item label="党员占比">
            {company.staffCount ? `${Math.round(((company.fullMembers + company.probationaryMembers) * 100) / company.staffCount)}%` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="党组织">
            {company.partyOrg ? `${company.partyOrg.name}（${company.partyOrg.kindLabel}）` : '未建立'}
          </Descriptions.Item>
          <Descriptions.Item label="党建指导员">
            {company.instructor
              ? `${company.instructor.name}${company.instructor.since ? `（${formatDateZh(company.instructor.since)}起）` : ''}`
              : '未选派'}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        size="small"
        title={`服务合同（在履行 ${company.contractsCurrent} 份）`}
        style={{ marginBottom: 16 }}
        extra={
          act.has('addContract') && (
            <Button
              size="small"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'contract' })}
              data-testid="contract-add"
            >
              登记合同
            </Button>
          )
        }
      >
        {mobile ? (
          <List<Contract>
            dataSource={company.contracts}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无服务合同" /> }}
            renderItem={(c) => (
              <List.Item key={c.id} data-testid={`contract-row-${c.id}`}>
                <div style={{ width: '100%' }}>
                  <Space size={4} wrap>
                    <strong>{c.estateName}</strong>
                    {!c.current && <Tag>非当前</Tag>}
                    <PartyStatusTag status={c.partyBuildingStatus} label={c.partyBuildingLabel} />
                  </Space>
                  <div className="muted">{period(c)}</div>
                  <div className="muted">
                    项目经理：{c.projectManager?.name ?? '未指定'} · 党员 {c.fullMembers}/{c.probationaryMembers}
                  </div>
                  <Space size={0}>
                    {act.has('update') && (
                      <Button type="link" size="small" onClick={() => setDialog({ kind: 'endContract', contract: c })}>
                        结束/修改
                      </Button>
                    )}
                    {canParty && (
                      <Button type="link" size="small" onClick={() => setDialog({ kind: 'party', contract: c })}>
                        党建
                      </Button>
                    )}
                  </Space>
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<Contract>
            rowKey="id"
            size="small"
            columns={contractColumns}
            dataSource={company.contracts}
            pagination={false}
            locale={{ emptyText: '暂无服务合同' }}
            onRow={(c) => ({ 'data-testid': `contract-row-${c.id}` }) as HTMLAttributes<HTMLTableRowElement>}
            rowClassName={(c) => (c.current ? '' : 'row-disabled')}
          />
        )}
      </Card>

      <Card
        size="small"
        title={`在职人员（${company.staffCount} 名）`}
        extra={
          act.has('report') && (
            <Button
              size="small"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'staff' })}
              data-testid="staff-add"
            >
              添加人员
            </Button>
          )
        }
      >
        {mobile ? (
          <List<StaffPost>
            dataSource={company.staff}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无人员" /> }}
            renderItem={(s) => (
              <List.Item key={s.postId} data-testid={`staff-row-${s.postId}`}>
                <div style={{ width: '100%' }}>
                  <Space size={4} wrap>
                    <strong>{s.person.name}</strong>
                    <span>{s.roleLabel}</span>
                    <PartyMember status={s.person.partyStatus} />
                  </Space>
                  <div className="muted">
                    {s.estateName ?? '企业本部'} · {formatDateZh(s.startedOn)}起
                  </div>
                  {act.has('report') && (
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setDialog({ kind: 'editStaff', post: s })}>
                      修改
                    </Button>
                  )}
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<StaffPost>
            rowKey="postId"
            size="small"
            columns={staffColumns}
            dataSource={company.staff}
            pagination={company.staff.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            locale={{ emptyText: '暂无人员' }}
            onRow={(s) => ({ 'data-testid': `staff-row-${s.postId}` }) as HTMLAttributes<HTMLTableRowElement>}
          />
        )}
      </Card>

      {dialog?.kind === 'edit' && (
        <EditCompanyModal company={company} onClose={() => setDialog(null)} onDone={(c) => updated(c, '已保存')} />
      )}
      {dialog?.kind === 'contract' && (
        <AddContractModal
          company={company}
          estates={estates}
          onClose={() => setDialog(null)}
          onDone={(c) => updated(c, '已登记服务合同')}
        />
      )}
      {dialog?.kind === 'endContract' && (
        <EditContractModal
          company={company}
          contract={dialog.contract}
          onClose={() => setDialog(null)}
          onDone={(c) => updated(c, '已保存合同')}
        />
      )}
      {dialog?.kind === 'staff' && (
        <AddStaffModal
          company={company}
          onClose={() => setDialog(null)}
          onDone={() => {
            toast('success', '已添加人员');
            reload();
          }}
        />
      )}
      {dialog?.kind === 'editStaff' && (
        <EditStaffModal
          companyId={company.id}
          post={dialog.post}
          onClose={() => setDialog(null)}
          onDone={() => {
            toast('success', '已保存');
            reload();
          }}
        />
      )}
      {dialog?.kind === 'party' && (
        <PartyModal
          company={company}
          {...(dialog.contract ? { contract: dialog.contract } : {})}
          onClose={() => setDialog(null)}
          onDone={(c) => updated(c, '已保存党建信息')}
        />
      )}
    </div>
  );
}
