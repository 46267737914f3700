import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import type { FormInstance } from 'antd';
import { ROLES, ROLE_LABEL, ROLE_SCOPE_KIND, type Role } from '../../../core/access';
import { NODE_KIND_LABEL, type NodeKind } from '../../../core/org';
import { api } from '../api';
import { passwordProblem } from '../auth/types';
import { FormModal } from '../shared/FormModal';
import { compareNames } from '../shared/format';
import type { OrgTree } from '../org/tree';
import type { Account } from './types';

interface RoleRow {
  role?: Role;
  nodeId?: number;
}

interface AccountFormValues {
  username: string;
  displayName: string;
  mobile?: string;
  password: string;
  roles: RoleRow[];
}

const MOBILE = /^1[3-9]\d{9}$/;

const passwordRules = [
  { required: true, message: '请输入密码' },
  {
    validator: (_r: unknown, v: string | undefined) => {
      const p = v ? passwordProblem(v) : null;
      return p ? Promise.reject(new Error(p)) : Promise.resolve();
    },
  },
];

/** Nodes a role of this kind may be bound to: in the caller's view, of the role's node kind. */
function nodeOptions(tree: OrgTree | null, role: Role | undefined, keep?: { nodeId: number; nodeName: string; nodeKind: NodeKind }[]) {
  if (!role) return [];
  const kinds = ROLE_SCOPE_KIND[role];
  const nodes = tree ? [...tree.byId.values()].filter((n) => n.inScope && kinds.includes(n.kind)) : [];
  const opts = nodes
    .map((n) => {
      const parent = n.parentId !== null ? tree!.byId.get(n.parentId) : undefined;
      const label = parent && parent.kind !== 'street' && !n.name.startsWith(parent.name) ? `${parent.name} / ${n.name}` : n.name;
      return { value: n.id, label };
    })
    .sort((a, b) => compareNames(a.label, b.label));
  // An existing post on a node the tree does not show (e.g. a company) stays selectable.
  for (const k of keep ?? [])
    if (!opts.some((o) => o.value === k.nodeId) && kinds.includes(k.nodeKind)) opts.push({ value: k.nodeId, label: k.nodeName });
  return opts;
}

function RolesField({ form, tree, keep }: { form: FormInstance; tree: OrgTree | null; keep?: Account['roles'] }) {
  const rows = (Form.useWatch('roles', form) as RoleRow[] | undefined) ?? [];
  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_r, v: RoleRow[] | undefined) => {
            if (!v || v.length === 0) throw new Error('至少分配一个角色');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label="角色与岗位所在节点" required>
          {fields.map((field, i) => {
            const role = rows[i]?.role;
            return (
              <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' }}>
                <Form.Item
                  name={[field.name, 'role']}
                  rules={[{ required: true, message: '请选择角色' }]}
                  style={{ flex: '1 1 150px', marginBottom: 8 }}
                >
                  <Select
                    placeholder="角色"
                    options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
                    onChange={() => form.setFieldValue(['roles', field.name, 'nodeId'], undefined)}
                    data-testid={`account-form-role-${i}`}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'nodeId']}
                  rules={[{ required: true, message: '请选择岗位所在节点' }]}
                  style={{ flex: '2 1 200px', marginBottom: 8 }}
                >
                  <Select
                    placeholder={role ? `选择${ROLE_SCOPE_KIND[role].map((k) => NODE_KIND_LABEL[k as NodeKind]).join('或')}` : '先选择角色'}
                    disabled={!role}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={nodeOptions(tree, role, keep)}
                    notFoundContent="您的范围内没有可选的节点"
                    data-testid={`account-form-node-${i}`}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  onClick={() => remove(field.name)}
                  disabled={fields.length <= 1}
                  aria-label="移除该角色"
                  data-testid={`account-form-remove-role-${i}`}
                />
              </div>
            );
          })}
          <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />} block data-testid="account-form-add-role">
            添加角色
          </Button>
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
}

const toRoles = (rows: RoleRow[]) => rows.map((r) => ({ role: r.role!, nodeId: r.nodeId! }));

export function CreateAccountModal({
  tree,
  open,
  onClose,
  onDone,
}: {
  tree: OrgTree | null;
  open: boolean;
  onClose(): void;
  onDone(a: Account): void;
}) {
  const [form] = Form.useForm<AccountFormValues>();
  return (
    <FormModal<AccountFormValues>
      title="新建账号"
      open={open}
      form={form}
      width={600}
      initialValues={{ roles: [{}] }}
      testId="account-form"
      onClose={onClose}
      onSubmit={async (v) => {
        const created = await api.post<Account>('/api/accounts', {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          mobile: v.mobile?.trim() || null,
          password: v.password,
          roles: toRoles(v.roles),
        });
        onDone(created);
      }}
    >
      <Form.Item
        name="username"
        label="用户名"
        extra="字母开头，由字母、数字、下划线组成，3–32 位；登录时也可用手机号"
        rules={[
          { required: true, whitespace: true, message: '请输入用户名' },
          { pattern: /^[a-zA-Z][a-zA-Z0-9_]{2,31}$/, message: '用户名须以字母开头，由字母、数字、下划线组成，3–32 位' },
        ]}
      >
        <Input maxLength={32} autoComplete="off" data-testid="account-form-username" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label="姓名"
        rules={[
          { required: true, whitespace: true, message: '请输入姓名' },
          { max: 40, message: '姓名不能超过 40 个字' },
        ]}
      >
        <Input maxLength={40} data-testid="account-form-display-name" />
      </Form.Item>
      <Form.Item name="mobile" label="手机号" rules={[{ pattern: MOBILE, message: '手机号应为 11 位中国大陆手机号，如 13800138000' }]}>
        <Input maxLength={11} inputMode="numeric" placeholder="可选" data-testid="account-form-mobile" />
      </Form.Item>
      <Form.Item
        name="password"
        label="初始密码"
        extra="首次登录后须修改；至少 8 位，包含字母、数字、符号中的至少两类"
        rules={passwordRules}
      >
        <Input.Password maxLength={128} autoComplete="new-password" data-testid="account-form-password" />
      </Form.Item>
      <RolesField form={form} tree={tree} />
    </FormModal>
  );
}

interface EditValues {
  displayName: string;
  mobile?: string;
  roles: RoleRow[];
}

export function EditAccountModal({
  account,
  self,
  tree,
  open,
  onClose,
  onDone,
}: {
  account: Account;
  self: boolean;
  tree: OrgTree | null;
  open: boolean;
  onClose(): void;
  onDone(a: Account): void;
}) {
  const [form] = Form.useForm<EditValues>();
  return (
    <FormModal<EditValues>
      title={`编辑账号 ${account.username}`}
      open={open}
      form={form}
      width={600}
      initialValues={{
        displayName: account.displayName,
        mobile: account.mobile ?? '',
        roles: account.roles.map((r) => ({ role: r.role, nodeId: r.nodeId })),
      }}
      testId="account-form"
      onClose={onClose}
      onSubmit={async (v) => {
        const body: Record<string, unknown> = {};
        if (v.displayName.trim() !== account.displayName) body.displayName = v.displayName.trim();
        const mobile = v.mobile?.trim() || null;
        if (mobile !== account.mobile) body.mobile = mobile;
        if (!self) {
          const roles = toRoles(v.roles);
          const same =
            roles.length === account.roles.length &&
            roles.every((r, i) => r.role === account.roles[i]!.role && r.nodeId === account.roles[i]!.nodeId);
          if (!same) body.roles = roles;
        }
        onDone(Object.keys(body).length ? await api.patch<Account>(`/api/accounts/${account.id}`, body) : account);
      }}
    >
      <Form.Item label="用户名">
        <Input value={account.username} disabled />
      </Form.Item>
      <Form.Item
        name="displayName"
        label="姓名"
        rules={[
          { required: true, whitespace: true, message: '请输入姓名' },
          { max: 40, message: '姓名不能超过 40 个字' },
        ]}
      >
        <Input maxLength={40} data-testid="account-form-display-name" />
      </Form.Item>
      <Form.Item name="mobile" label="手机号" rules={[{ pattern: MOBILE, message: '手机号应为 11 位中国大陆手机号，如 13800138000' }]}>
        <Input maxLength={11} inputMode="numeric" placeholder="可选" data-testid="account-form-mobile" />
      </Form.Item>
      {self ? (
        <p className="muted">不能修改自己的角色，请由其他管理员操作。</p>
      ) : (
        <RolesField form={form} tree={tree} keep={account.roles} />
      )}
    </FormModal>
  );
}

export function ResetPasswordModal({
  account,
  open,
  onClose,
  onDone,
}: {
  account: Account;
  open: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  return (
    <FormModal<{ password: string; confirm: string }>
      title={`重置 ${account.displayName}（${account.username}）的密码`}
      open={open}
      form={form}
      testId="reset-password"
      fieldMap={{ password: 'password' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/accounts/${account.id}/reset-password`, { password: v.password });
        onDone();
      }}
    >
      <p className="muted">重置后该账号的登录会话将失效，用户须用新密码登录并立即修改密码。</p>
      <Form.Item name="password" label="新密码" rules={passwordRules}>
        <Input.Password maxLength={128} autoComplete="new-password" data-testid="reset-password-input" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="确认新密码"
        dependencies={['password']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_r, v: string | undefined) =>
              !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Input.Password maxLength={128} autoComplete="new-password" data-testid="reset-password-confirm" />
      </Form.Item>
    </FormModal>
  );
}
