import { DatePicker, Form, Input, Select } from 'antd';
import { todayInChina } from '../shared/format';
import dayjs, { type Dayjs } from 'dayjs';
import { NODE_KIND_LABEL, type NodeKind } from '../../../core/org';
import { POST_ROLE_CODES, POST_ROLES, postNodeKind, type PostRole } from '../../../core/registry';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useOrgTree } from '../org/useOrgTree';
import { FormModal } from '../shared/FormModal';
import { usePartyOrgs } from './PersonModal';
import { RegistryNodePicker } from './RegistryNodePicker';
import type { Post } from './types';

interface Values {
  role: PostRole;
  nodeId?: number;
  partyOrgId?: number;
  startedOn: Dayjs;
  endedOn?: Dayjs | null;
  note?: string;
}

const BODY_LABEL = { partyOrg: '党组织', community: '社区（居委会）', grid: '网格', building: '楼栋', company: '物业企业' } as const;

/** 任职: a post at a party organisation (party office) or at a community, grid, building or company. */
export function AddPostModal({
  personId,
  open,
  onClose,
  onSaved,
}: {
  personId: number;
  open: boolean;
  onClose(): void;
  onSaved(p: Post): void;
}) {
  const [form] = Form.useForm<Values>();
  const { can } = useSession();
  const { tree } = useOrgTree();
  const orgs = usePartyOrgs(open).filter((o) => o.actions.includes('update'));
  const role = Form.useWatch('role', form);
  const isParty = role ? POST_ROLES[role].body === 'partyOrg' : false;
  const nodeKind = role ? (postNodeKind(role) as NodeKind | null) : null;
  const roles = POST_ROLE_CODES.filter((r) => (POST_ROLES[r].body === 'partyOrg' ? can('party.manage') : can('registry.manage')));
  const groups = (Object.keys(BODY_LABEL) as (keyof typeof BODY_LABEL)[])
    .map((body) => ({
      label: BODY_LABEL[body],
      options: roles.filter((r) => POST_ROLES[r].body === body).map((r) => ({ value: r, label: POST_ROLES[r].label })),
    }))
    .filter((g) => g.options.length > 0);

  async function submit(v: Values) {
    const post = await api.post<Post>(`/api/people/${personId}/posts`, {
      role: v.role,
      ...(isParty ? { partyOrgId: v.partyOrgId } : { nodeId: v.nodeId }),
      startedOn: v.startedOn.format('YYYY-MM-DD'),
      endedOn: v.endedOn ? v.endedOn.format('YYYY-MM-DD') : null,
      note: v.note?.trim() || null,
    });
    onSaved(post);
  }

  return (
    <FormModal<Values>
      title="任职"
      open={open}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      testId="post-form"
      initialValues={{ startedOn: dayjs(todayInChina()) }}
    >
      <Form.Item name="role" label="职务" rules={[{ required: true, message: '请选择职务' }]}>
        <Select options={groups} showSearch={{ optionFilterProp: 'label' }} data-testid="post-form-role" />
      </Form.Item>
      {role && isParty && (
        <Form.Item name="partyOrgId" label="党组织" rules={[{ required: true, message: '请选择党组织' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={orgs.map((o) => ({ value: o.id, label: `${o.name}（${o.nodeName}）` }))}
            data-testid="post-form-party-org"
          />
        </Form.Item>
      )}
      {role && nodeKind && (
        <Form.Item
          name="nodeId"
          label={`任职${NODE_KIND_LABEL[nodeKind]}`}
          rules={[{ required: true, message: `请选择${NODE_KIND_LABEL[nodeKind]}` }]}
        >
          <RegistryNodePicker tree={tree} kinds={[nodeKind]} testId="post-form-node" placeholder={`选择${NODE_KIND_LABEL[nodeKind]}`} />
        </Form.Item>
      )}
      <Form.Item name="startedOn" label="任职日期" rules={[{ required: true, message: '请选择任职日期' }]}>
        <DatePicker style={{ width: '100%' }} data-testid="post-form-started" />
      </Form.Item>
      <Form.Item
        name="endedOn"
        label="离任日期"
        extra="现任不填；补录历任时填写"
        dependencies={['startedOn']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_r, v: Dayjs | null | undefined) => {
              const start = getFieldValue('startedOn') as Dayjs | undefined;
              if (v && start && v.isBefore(start, 'day')) throw new Error('离任日期不能早于任职日期');
            },
          }),
        ]}
      >
        <DatePicker style={{ width: '100%' }} data-testid="post-form-ended" />
      </Form.Item>
      <Form.Item name="note" label="备注" rules={[{ max: 200, message: '备注不能超过 200 个字' }]}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

/** 离任: ends a post on a date (not before it started). */
export function EndPostModal({ post, onClose, onSaved }: { post: Post | null; onClose(): void; onSaved(p: Post): void }) {
  const [form] = Form.useForm<{ endedOn: Dayjs }>();
  return (
    <FormModal<{ endedOn: Dayjs }>
      title={post ? `离任：${post.bodyName}${post.roleLabel}` : '离任'}
      open={post !== null}
      form={form}
      onClose={onClose}
      testId="post-end"
      initialValues={{ endedOn: dayjs(todayInChina()) }}
      onSubmit={async (v) => onSaved(await api.patch<Post>(`/api/posts/${post!.id}`, { endedOn: v.endedOn.format('YYYY-MM-DD') }))}
    >
      <Form.Item
        name="endedOn"
        label="离任日期"
        extra={post ? `任职日期 ${post.startedOn}` : undefined}
        rules={[
          { required: true, message: '请选择离任日期' },
          {
            validator: async (_r, v: Dayjs | undefined) => {
              if (v && post && v.format('YYYY-MM-DD') < post.startedOn) throw new Error('离任日期不能早于任职日期');
            },
          },
        ]}
      >
        <DatePicker style={{ width: '100%' }} data-testid="post-end-date" />
      </Form.Item>
    </FormModal>
  );
}
