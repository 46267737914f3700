import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Empty, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { PERSON_TAG_LABEL, type PersonTag } from '../../../core/registry';
import { api } from '../api';
import { errorMessage, showError, toast } from '../shared/feedback';
import { useIsMobile } from '../shared/useIsMobile';
import { useSession } from '../auth/session';
import { PartyStatusTag } from './PartyStatusTag';
import { NegativeListModal } from './NegativeListModal';
import { PersonModal } from './PersonModal';
import { AddPostModal, EndPostModal } from './PostModal';
import type { PersonDetail, Post } from './types';

/** One person: identity (masked, with audited reveal), posts current and past, cross appointments. */
export function PersonDrawer({ personId, onClose, onChanged }: { personId: number | null; onClose(): void; onChanged(): void }) {
  const mobile = useIsMobile();
  const [person, setPerson] = useState<PersonDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<{ mobile?: string; idNumber?: string }>({});
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Post | null>(null);
  const [negative, setNegative] = useState(false);
  const { can } = useSession();

  const load = useCallback(async () => {
    if (personId === null) return;
    try {
      setPerson(await api.get<PersonDetail>(`/api/people/${personId}`));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [personId]);

  useEffect(() => {
    setPerson(null);
    setRevealed({});
    void load();
  }, [load]);

  const changed = () => {
    void load();
    onChanged();
  };

  async function reveal(field: 'mobile' | 'idNumber') {
    try {
      const r = await api.post<{ value: string }>(`/api/people/${personId}/reveal`, { field });
      setRevealed((v) => ({ ...v, [field]: r.value }));
      toast('info', '已显示完整信息，本次查看已记录');
    } catch (e) {
      showError(e);
    }
  }

  async function remove(post: Post) {
    try {
      await api.delete(`/api/posts/${post.id}`);
      toast('success', '已删除误录的任职');
      changed();
    } catch (e) {
      showError(e);
    }
  }

  const canPost = (p: Post) =>
    p.partyOrgId !== null ? person?.actions.includes('managePartyPosts') : person?.actions.includes('managePosts');
  const columns: TableColumnsType<Post> = [
    {
      title: '职务',
      render: (_, p) => (
        <span>
          {p.bodyName} <b>{p.roleLabel}</b> {!p.current && <Tag>{p.endedOn ? '已离任' : '未到任'}</Tag>}
        </span>
      ),
    },
    { title: '任期', render: (_, p) => `${p.startedOn} 至 ${p.endedOn ?? '今'}` },
    {
      title: '操作',
      width: 130,
      render: (_, p) =>
        canPost(p) ? (
          <Space size={4}>
            {p.endedOn === null && (
              <Button size="small" type="link" onClick={() => setEnding(p)} data-testid={`post-end-${p.id}`}>
                离任
              </Button>
            )}
            <Popconfirm title="删除这条误录的任职？" description="确已离任的请用“离任”，以保留历任记录。" onConfirm={() => remove(p)}>
              <Button size="small" type="link" danger data-testid={`post-delete-${p.id}`}>
                删除
              </Button>
            </Popconfirm>
          </Space>
        ) : null,
    },
  ];

  return (
    <Drawer
      open={personId !== null}
      onClose={onClose}
      size={mobile ? '100%' : 640}
      title={person ? person.name : '人员'}
      extra={
        <Space size={8}>
          {person && can('governance.manage') && (
            <Button danger={!person.negativeNote} onClick={() => setNegative(true)} data-testid="person-negative">
              {person.negativeNote ? '撤销负面清单' : '登记负面清单'}
            </Button>
          )}
          {person && (person.actions.includes('update') || person.actions.includes('updateParty')) ? (
            <Button onClick={() => setEditing(true)} data-testid="person-edit">
              修改
            </Button>
          ) : null}
        </Space>
      }
      data-testid="person-drawer"
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!person && !error && <Spin />}
      {person && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="登记单位">{person.nodeName}</Descriptions.Item>
            <Descriptions.Item label="身份证号">
              <Space wrap>
                <span data-testid="person-id-value">{revealed.idNumber ?? person.idNumberMasked ?? '未登记'}</span>
                {person.actions.includes('revealIdNumber') && !revealed.idNumber && (
                  <Button size="small" icon={<EyeOutlined />} onClick={() => reveal('idNumber')} data-testid="reveal-id">
                    查看完整
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="出生日期">{person.birthDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="手机号">
              <Space wrap>
                <span data-testid="person-mobile-value">{revealed.mobile ?? person.mobileMasked ?? '未登记'}</span>
                {person.actions.includes('revealMobile') && !revealed.mobile && (
                  <Button size="small" icon={<EyeOutlined />} onClick={() => reveal('mobile')} data-testid="reveal-mobile">
                    查看完整
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="政治面貌">
              <PartyStatusTag status={person.partyStatus} />
              {person.partyOrgName && <span className="muted">{person.partyOrgName}</span>}
            </Descriptions.Item>
            <Descriptions.Item label="背景标签">
              {person.tags.length ? person.tags.map((t) => <Tag key={t}>{PERSON_TAG_LABEL[t as PersonTag] ?? t}</Tag>) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="职业">{person.occupation ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="住址">{person.address ?? '—'}</Descriptions.Item>
            {person.negativeNote && <Descriptions.Item label="负面清单">{person.negativeNote}</Descriptions.Item>}
          </Descriptions>

          <Space style={{ marginTop: 20, marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              职务（含历任）
            </Typography.Title>
            {(person.actions.includes('managePosts') || person.actions.includes('managePartyPosts')) && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="post-add">
                任职
              </Button>
            )}
          </Space>
          <Table<Post>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={person.posts}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无任职" /> }}
            scroll={{ x: 'max-content' }}
          />

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            双向进入、交叉任职
          </Typography.Title>
          {person.crossAppointments.length >= 2 ? (
            <div data-testid="person-cross">
              <Typography.Paragraph type="secondary">现同时在 {person.crossAppointments.length} 个机构任职：</Typography.Paragraph>
              {person.crossAppointments.map((c) => (
                <div key={`${c.bodyType}${c.bodyId}`}>
                  {c.bodyName}：{c.roles.join('、')}
                </div>
              ))}
            </div>
          ) : (
            <Typography.Text type="secondary">
              {person.crossAppointments.length === 1 ? `仅在${person.crossAppointments[0]!.bodyName}任职` : '暂无现任职务'}
            </Typography.Text>
          )}
        </>
      )}
      <PersonModal
        open={editing}
        person={person}
        onClose={() => setEditing(false)}
        onSaved={() => {
          toast('success', '已保存');
          changed();
        }}
      />
      {personId !== null && (
        <AddPostModal
          personId={personId}
          open={adding}
          onClose={() => setAdding(false)}
          onSaved={() => {
            toast('success', '已任职');
            changed();
          }}
        />
      )}
      <EndPostModal
        post={ending}
        onClose={() => setEnding(null)}
        onSaved={() => {
          toast('success', '已离任');
          changed();
        }}
      />
      {negative && person && (
        <NegativeListModal
          person={person}
          onClose={() => setNegative(false)}
          onDone={() => {
            setNegative(false);
            changed();
          }}
        />
      )}
    </Drawer>
  );
}
