import { Descriptions, Form } from 'antd';
import { api } from '../api';
import type { OrgTree } from '../org/tree';
import { FormModal } from '../shared/FormModal';
import { BodyField, KindField, TitleField } from './form/NoticeTextFields';
import { PeriodFields, periodPayload } from './form/PeriodFields';
import { TemplateButton } from './form/TemplateButton';
import type { NoticeFormValues } from './form/types';
import { NodePicker } from './NodePicker';
import type { Notice, NoticeDetail } from './types';

export { ObjectionModal, VerifyObjectionModal } from './ObjectionModals';
export { PublishNoticeModal } from './PublishNoticeModal';

/** 起草公告: a draft for an estate, community or street; its kind is chosen, never assumed. */
export function CreateNoticeModal({
  tree,
  defaultNodeId,
  onClose,
  onDone,
}: {
  tree: OrgTree | null;
  defaultNodeId?: number;
  onClose(): void;
  onDone(n: NoticeDetail): void;
}) {
  const [form] = Form.useForm<NoticeFormValues>();
  return (
    <FormModal<NoticeFormValues>
      title="起草公告"
      open
      form={form}
      width={640}
      testId="notice-form"
      submitText="保存草稿"
      initialValues={{ nodeId: defaultNodeId, periodUnit: 'workdays', periodDays: 5, acceptsObjections: false }}
      onClose={onClose}
      onSubmit={async (v) => {
        const created = await api.post<NoticeDetail>('/api/notices', {
          nodeId: v.nodeId,
          kind: v.kind,
          title: v.title.trim(),
          body: v.body.trim(),
          ...periodPayload(v),
        });
        onDone(created);
      }}
    >
      <Form.Item name="nodeId" label="张贴范围" rules={[{ required: true, message: '请选择小区、社区或街道' }]}>
        <NodePicker tree={tree} testId="notice-form-node" />
      </Form.Item>
      <KindField />
      <Form.Item label="模板" extra="按所选范围和类型套用规范文本（填入小区、社区、街道名称和日期），再按实际修改">
        <TemplateButton />
      </Form.Item>
      <TitleField placeholder="如 关于成立晴康里物业管理委员会的公告" />
      <BodyField />
      <PeriodFields />
    </FormModal>
  );
}

/** 修改草稿: title, body and period; the place and kind of a notice are fixed once drafted. */
export function EditNoticeModal({ notice, onClose, onDone }: { notice: Notice; onClose(): void; onDone(n: NoticeDetail): void }) {
  const [form] = Form.useForm<NoticeFormValues>();
  return (
    <FormModal<NoticeFormValues>
      title="修改草稿"
      open
      form={form}
      width={640}
      testId="notice-form"
      submitText="保存"
      initialValues={{
        kind: notice.kind,
        title: notice.title,
        body: notice.body,
        periodUnit: notice.periodUnit ?? 'none',
        periodDays: notice.periodDays,
        acceptsObjections: notice.acceptsObjections,
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(
          await api.patch<NoticeDetail>(`/api/notices/${notice.id}`, {
            title: v.title.trim(),
            body: v.body.trim(),
            ...periodPayload(v),
          }),
        );
      }}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'node', label: '张贴范围', children: notice.nodeName },
          { key: 'kind', label: '公告类型', children: notice.kindLabel },
        ]}
      />
      <TitleField />
      <BodyField />
      <PeriodFields />
    </FormModal>
  );
}
