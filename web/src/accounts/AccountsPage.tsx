import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ROLE_LABEL } from '../../../core/access';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useOrgTree } from '../org/useOrgTree';
import { errorMessage, showError, toast } from '../shared/feedback';
import { useIsMobile } from '../shared/useIsMobile';
import { CreateAccountModal, EditAccountModal, ResetPasswordModal } from './AccountModals';
import type { Account } from './types';

type Dialog = { kind: 'create' } | { kind: 'edit'; account: Account } | { kind: 'reset'; account: Account } | null;

/** 账号管理: the accounts whose posts all lie within the caller's scope. */
export default function AccountsPage() {
  const { me } = useSession();
  const mobile = useIsMobile();
  const { tree } = useOrgTree();
  const [items, setItems] = useState<Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<{ items: Account[] }>('/api/accounts').then(
      (r) => {
        if (!live) return;
        setItems(r.items);
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
  }, [version]);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!items || !q) return items ?? [];
    return items.filter((a) =>
      [a.username, a.displayName, a.mobile ?? '', ...a.roles.map((r) => `${ROLE_LABEL[r.role]}${r.nodeName}`)].some((s) =>
        s.toLowerCase().includes(q),
      ),
    );
  }, [items, filter]);

  const reload = () => setVersion((v) => v + 1);

  async function setDisabled(a: Account, disabled: boolean) {
    try {
      await api.patch<Account>(`/api/accounts/${a.id}`, { disabled });
      toast('success', disabled ? `已停用 ${a.displayName}` : `已启用 ${a.displayName}`);
      reload();
    } catch (e) {
      showError(e);
    }
  }

  const actionsCell = (a: Account) => {
    const self = a.id === me?.id;
    return (
      <Space size={0} wrap>
        {a.actions.includes('update') && (
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setDialog({ kind: 'edit', account: a })}
            data-testid={`account-edit-${a.id}`}
          >
            编辑
          </Button>
        )}
        {a.actions.includes('resetPassword') && (
          <Button
            type="link"
            size="small"
            icon={<KeyOutlined />}
            onClick={() => setDialog({ kind: 'reset', account: a })}
            data-testid={`account-reset-${a.id}`}
          >
            重置密码
          </Button>
        )}
        {a.actions.includes('update') && !self && (
          <Popconfirm
            title={a.disabled ? `启用 ${a.displayName} 的账号？` : `停用 ${a.displayName} 的账号？`}
            description={a.disabled ? '启用后可正常登录' : '停用后该账号立即退出登录且无法再登录'}
            okText={a.disabled ? '启用' : '停用'}
            cancelText="取消"
            okButtonProps={{ danger: !a.disabled, 'data-testid': 'confirm-ok' }}
            onConfirm={() => setDisabled(a, !a.disabled)}
          >
            <Button
              type="link"
              size="small"
              danger={!a.disabled}
              icon={a.disabled ? <CheckCircleOutlined /> : <StopOutlined />}
              data-testid={`account-toggle-${a.id}`}
            >
              {a.disabled ? '启用' : '停用'}
            </Button>
          </Popconfirm>
        )}
      </Space>
    );
  };

  const rolesCell = (a: Account) => (
    <Space size={[0, 4]} wrap>
      {a.roles.map((r) => (
        <Tag key={`${r.role}:${r.nodeId}`}>
          {ROLE_LABEL[r.role]} · {r.nodeName}
        </Tag>
      ))}
    </Space>
  );

  const statusCell = (a: Account) => (
    <Space size={[0, 4]} wrap>
      {a.disabled ? <Tag color="default">已停用</Tag> : <Tag color="success">正常</Tag>}
      {a.mustChangePassword && !a.disabled && <Tag color="warning">待改密</Tag>}
    </Space>
  );

  // On a phone one column holds the person, their posts and state; the actions sit below.
  const phoneColumns: TableColumnsType<Account> = [
    {
      title: '账号',
      key: 'account',
      render: (_: unknown, a: Account) => (
        <div className="account-cell">
          <div>
            <strong>{a.displayName}</strong> <span className="muted">{a.username}</span>
          </div>
          {a.mobile && <div className="muted">{a.mobile}</div>}
          <div style={{ marginTop: 4 }}>
            {rolesCell(a)} {statusCell(a)}
          </div>
          <div style={{ marginTop: 4, marginLeft: -8 }}>{actionsCell(a)}</div>
        </div>
      ),
    },
  ];

  const columns: TableColumnsType<Account> = [
    { title: '用户名', dataIndex: 'username', key: 'username', width: 120 },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName', width: 160 },
    {
      title: '手机号',
      dataIndex: 'mobile',
      key: 'mobile',
      width: 130,
      render: (v: string | null) => v ?? <span className="muted">—</span>,
    },
    { title: '角色', key: 'roles', render: (_: unknown, a: Account) => rolesCell(a) },
    { title: '状态', key: 'status', width: 110, render: (_: unknown, a: Account) => statusCell(a) },
    { title: '操作', key: 'actions', width: 230, fixed: 'right', render: (_: unknown, a: Account) => actionsCell(a) },
  ];

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4}>账号管理</Typography.Title>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="搜索用户名、姓名、手机号、角色"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            style={{ width: mobile ? '100%' : 260 }}
            data-testid="accounts-search"
          />
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label="刷新" data-testid="accounts-reload" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="account-create">
            新建账号
          </Button>
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Card size={mobile ? 'small' : 'default'}>
        <div data-testid="accounts-table">
          <Table<Account>
            rowKey="id"
            size="middle"
            columns={mobile ? phoneColumns : columns}
            dataSource={shown}
            loading={loading}
            scroll={mobile ? undefined : { x: 900 }}
            pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个账号`, hideOnSinglePage: true, simple: mobile }}
            rowClassName={(a) => (a.disabled ? 'row-disabled' : '')}
            locale={{ emptyText: filter ? '没有匹配的账号' : '暂无账号' }}
          />
        </div>
      </Card>
      {dialog?.kind === 'create' && (
        <CreateAccountModal
          tree={tree}
          open
          onClose={() => setDialog(null)}
          onDone={(a) => {
            toast('success', `已新建账号 ${a.username}，请将初始密码告知本人`);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <EditAccountModal
          account={dialog.account}
          self={dialog.account.id === me?.id}
          tree={tree}
          open
          onClose={() => setDialog(null)}
          onDone={() => {
            toast('success', '已保存');
            reload();
          }}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPasswordModal
          account={dialog.account}
          open
          onClose={() => setDialog(null)}
          onDone={() => {
            toast('success', `已重置 ${dialog.account.displayName} 的密码，请告知本人用新密码登录后修改`);
            reload();
          }}
        />
      )}
    </div>
  );
}
