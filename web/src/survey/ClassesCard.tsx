import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, List, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { CLASS_RULE_LABEL, CLASS_RULES } from '../../../core/survey';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import type { EstateClassDef } from './types';

const ruleOptions = [
  ...CLASS_RULES.map((r) => ({ value: r, label: `按规则：${CLASS_RULE_LABEL[r]}` })),
  { value: '', label: '无规则（仅由街道调整归入）' },
];

/** The editor of a street's classes and their measures (every rule keeps exactly one class). */
function ClassesModal({
  streetId,
  classes,
  onClose,
  onDone,
}: {
  streetId: number;
  classes: EstateClassDef[];
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<{ classes: (Omit<EstateClassDef, 'rule'> & { rule: string })[] }>();
  return (
    <FormModal
      title="修改分类与分类施策"
      open
      width={760}
      form={form}
      testId="classes-form"
      initialValues={{ classes: classes.map((c) => ({ ...c, rule: c.rule ?? '' })) }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.put(`/api/streets/${streetId}/estate-classes`, {
          classes: v.classes.map((c) => ({ code: c.code, label: c.label, measures: c.measures ?? '', rule: c.rule || null })),
        });
        onDone();
      }}
    >
      <Form.List name="classes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Card key={f.key} size="small" style={{ marginBottom: 8 }} data-testid={`classes-row-${i}`}>
                <Space wrap align="start">
                  <Form.Item name={[f.name, 'code']} label="代码" rules={[{ required: true, message: '请填写代码' }]}>
                    <Input style={{ width: 110 }} maxLength={30} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} label="名称" rules={[{ required: true, message: '请填写名称' }]}>
                    <Input style={{ width: 150 }} maxLength={30} data-testid={`classes-label-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'rule']} label="归入规则">
                    <Select style={{ width: 300 }} options={ruleOptions} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} aria-label="删除分类" />
                </Space>
                <Form.Item name={[f.name, 'measures']} label="分类施策（措施）">
                  <Input.TextArea rows={2} maxLength={2000} data-testid={`classes-measures-${i}`} />
                </Form.Item>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ code: '', label: '', measures: '', rule: '' })} data-testid="classes-add">
              增加分类
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

/** 分类施策: each class with its rule and measures; the street edits them. */
export function ClassesCard({
  streetId,
  classes,
  counts,
  canManage,
  onChanged,
}: {
  streetId: number;
  classes: EstateClassDef[];
  counts: Map<string, number>;
  canManage: boolean;
  onChanged(): void;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <Card
      size="small"
      title="分类与分类施策"
      data-testid="classes-card"
      extra={
        canManage && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="classes-edit">
            修改
          </Button>
        )
      }
    >
      <List
        dataSource={classes}
        renderItem={(c) => (
          <List.Item key={c.code} data-testid={`class-${c.code}`}>
            <List.Item.Meta
              title={
                <Space>
                  {c.label}
                  <Tag>{counts.get(c.code) ?? 0} 个小区</Tag>
                  <span className="muted" style={{ fontSize: 12 }}>
                    {c.rule ? `按规则：${CLASS_RULE_LABEL[c.rule]}` : '仅由街道调整归入'}
                  </span>
                </Space>
              }
              description={c.measures || '（未填写措施）'}
            />
          </List.Item>
        )}
      />
      {editing && <ClassesModal streetId={streetId} classes={classes} onClose={() => setEditing(false)} onDone={onChanged} />}
    </Card>
  );
}
