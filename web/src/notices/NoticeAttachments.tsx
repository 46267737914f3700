import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, List, Popconfirm, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';
import type { NoticeDetail } from './types';

export interface Attachment {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
}

/** What the server takes (it checks the content too): PDF, JPEG/PNG, Word and Excel files up to 5 MB. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';
const MAX_BYTES = 5 * 1024 * 1024;

export const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('无法读取文件'));
    reader.readAsDataURL(file);
  });
}

/** Attachments of a notice: listed for download; added and removed while it is a draft. */
export function NoticeAttachments({
  notice,
  onChange,
}: {
  notice: NoticeDetail & { attachments?: Attachment[] };
  onChange(d: NoticeDetail): void;
}) {
  const [busy, setBusy] = useState(false);
  const attachments = notice.attachments ?? [];
  const editable = notice.status === 'draft' && (notice.actions ?? []).includes('update');
  if (!editable && attachments.length === 0) return null;

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) return toast('error', '附件不能超过 5 MB');
    setBusy(true);
    try {
      const contentType =
        file.type ||
        (file.name.endsWith('.docx')
          ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
          : file.name.endsWith('.xlsx')
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : '');
      const d = await api.post<NoticeDetail>(`/api/notices/${notice.id}/attachments`, {
        fileName: file.name,
        contentType,
        dataBase64: await toBase64(file),
      });
      onChange(d);
      toast('success', `已上传「${file.name}」`);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (a: Attachment) => {
    try {
      onChange(await api.delete<NoticeDetail>(`/api/notices/${notice.id}/attachments/${a.id}`));
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      size="small"
      title={`附件（${attachments.length}）`}
      data-testid="notice-attachments"
      extra={
        editable && (
          <Upload accept={ACCEPT} showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
            <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="attachment-upload">
              上传附件
            </Button>
          </Upload>
        )
      }
    >
      {attachments.length === 0 ? (
        <span className="muted">可上传 PDF、图片、Word 或 Excel 文件（每个不超过 5 MB）；发布后附件随公告冻结。</span>
      ) : (
        <List
          size="small"
          dataSource={attachments}
          renderItem={(a) => (
            <List.Item
              key={a.id}
              actions={
                editable
                  ? [
                      <Popconfirm
                        key="del"
                        title={`删除附件「${a.fileName}」？`}
                        okText="删除"
                        cancelText="取消"
                        onConfirm={() => void remove(a)}
                      >
                        <Button type="link" danger size="small" icon={<DeleteOutlined />} data-testid={`attachment-delete-${a.id}`}>
                          删除
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <a href={`/api/notices/${notice.id}/attachments/${a.id}`} data-testid={`attachment-${a.id}`}>
                <PaperClipOutlined /> {a.fileName}
              </a>
              <span className="muted" style={{ marginLeft: 8 }}>
                {sizeText(a.size)}
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
