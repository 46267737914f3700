import { Button, Card, Form, List, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { fileToUpload } from '../shared/upload';
import type { MeetingDetail } from './types';

type File = MeetingDetail['files'][number];
const MEETING = -1;

function Files({ files, meetingId }: { files: File[]; meetingId: number }) {
  if (!files.length) return null;
  return (
    <Space wrap size={4}>
      {files.map((f) => (
        <a key={f.id} href={`/api/committee-meetings/${meetingId}/files/${f.id}`} data-testid={`cmeeting-file-${f.id}`}>
          📎{f.fileName}
        </a>
      ))}
    </Space>
  );
}

/** 议题与会议材料 (R32: the notice carries the agenda and its attachments): files per agenda item, uploaded and downloaded here. */
export function AgendaCard({ meeting: d, onChange }: { meeting: MeetingDetail; onChange(m: MeetingDetail): void }) {
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<globalThis.File | null>(null);
  const [form] = Form.useForm<{ item: number }>();
  const general = d.files.filter((f) => f.agendaIndex == null);
  return (
    <Card
      size="small"
      title="议题与材料"
      extra={
        d.canManage &&
        d.state !== 'cancelled' && (
          <Button size="small" onClick={() => setOpen(true)} data-testid="cmeeting-upload">
            上传材料
          </Button>
        )
      }
    >
      <List
        size="small"
        dataSource={d.agenda}
        data-testid="cmeeting-agenda"
        renderItem={(a, i) => (
          <List.Item>
            <Space direction="vertical" size={2}>
              <span>{`${i + 1}. ${a}`}</span>
              <Files files={d.files.filter((f) => f.agendaIndex === i)} meetingId={d.id} />
            </Space>
          </List.Item>
        )}
      />
      {general.length > 0 && (
        <div style={{ marginTop: 8 }}>
          会议材料：
          <Files files={general} meetingId={d.id} />
        </div>
      )}
      {open && (
        <FormModal<{ item: number }>
          title="上传会议材料"
          open
          form={form}
          testId="upload-form"
          submitText="上传"
          initialValues={{ item: MEETING }}
          onClose={() => {
            setOpen(false);
            setFile(null);
          }}
          onSubmit={async (v) => {
            if (!file) throw new Error('请选择文件');
            const body = { file: await fileToUpload(file), agendaIndex: v.item === MEETING ? null : v.item };
            onChange(await api.post<MeetingDetail>(`/api/committee-meetings/${d.id}/files`, body));
            setFile(null);
          }}
        >
          <Form.Item name="item" label="所属议题">
            <Select
              data-testid="upload-form-item"
              options={[{ value: MEETING, label: '整个会议' }, ...d.agenda.map((a, i) => ({ value: i, label: `${i + 1}. ${a}` }))]}
            />
          </Form.Item>
          <Form.Item label="文件（不超过 5 MB）" required>
            <input type="file" data-testid="upload-form-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
