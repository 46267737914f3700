import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, List, Popconfirm, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';
import { formatFileSize } from '../shared/format';
import type { NoticeAttachment, NoticeDetail } from './types';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the server takes (it checks the content too), by extension: PDF, JPEG/PNG, Word and Excel. */
const TYPE_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: DOCX,
  xlsx: XLSX,
};
const ACCEPT = Object.keys(TYPE_BY_EXT)
  .map((e) => `.${e}`)
  .join(',');
const MAX_BYTES = 5 * 1024 * 1024;

/** The type the server expects; browsers leave `file.type` empty or vague for Office files on some systems. */
function contentTypeOf(file: File): string | null {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return TYPE_BY_EXT[ext] ?? null;
}

/** The file's bytes as Base64 (without the data: prefix). */
function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('无法读取文件'));
    reader.readAsDataURL(file);
  });
}

/** Attachments of a notice: listed for download; added and removed while it is a draft. */
export function NoticeAttachments({ notice, onChange }: { notice: NoticeDetail; onChange(d: NoticeDetail): void }) {
  const [busy, setBusy] = useState(false);
  const attachments = notice.attachments;
  const editable = notice.status === 'draft' && (notice.actions ?? []).includes('update');
  if (!editable && attachments.length === 0) return null;

  const upload = async (file: File) => {
    const contentType = contentTypeOf(file);
    if (!contentType)
      return toast('error', `不支持「${file.name}」的文件类型，请上传 PDF、JPG/PNG 图片、Word（.docx）或 Excel（.xlsx）文件`);
    if (file.size > MAX_BYTES) return toast('error', `「${file.name}」有 ${formatFileSize(file.size)}，附件不能超过 5 MB`);
    if (file.size === 0) return toast('error', `「${file.name}」是空文件`);
    setBusy(true);
    try {
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

  const remove = async (a: NoticeAttachment) => {
    try {
      onChange(await api.delete<NoticeDetail>(`/api/notices/${notice.id}/attachments/${a.id}`));
      toast('success', `已删除「${a.fileName}」`);
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
          // No multipart: the file is read here and sent as Base64 in JSON, through the CSRF-aware wrapper.
          <Upload
            accept={ACCEPT}
            multiple
            showUploadList={false}
            disabled={busy}
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="attachment-upload">
              上传附件
            </Button>
          </Upload>
        )
      }
    >
      {attachments.length === 0 ? (
        <span className="muted">可上传 PDF、JPG/PNG 图片、Word（.docx）或 Excel（.xlsx）文件，每个不超过 5 MB；发布后附件随公告冻结。</span>
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
                        okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
                        onConfirm={() => remove(a)}
                      >
                        <Button type="link" danger size="small" icon={<DeleteOutlined />} data-testid={`attachment-delete-${a.id}`}>
                          删除
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <span className="notice-attachment">
                <a href={`/api/notices/${notice.id}/attachments/${a.id}`} download={a.fileName} data-testid={`attachment-${a.id}`}>
                  <PaperClipOutlined /> {a.fileName}
                </a>
                <span className="muted">{formatFileSize(a.size)}</span>
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
