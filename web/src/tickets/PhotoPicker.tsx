import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { MAX_TICKET_PHOTOS } from '../../../core/tickets';
import { api } from '../api';
import { showError } from '../shared/feedback';
import { fileToUpload } from '../shared/upload';

/**
 * Photos taken or chosen on the phone, uploaded one by one as they are picked (the server removes
 * their location data before storing them); the form sends only their ids.
 */
export function PhotoPicker({ value = [], onChange, testId }: { value?: number[]; onChange?: (ids: number[]) => void; testId: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  async function pick(files: FileList | null) {
    if (!files?.length) return;
    setBusy(true);
    const ids = [...value];
    try {
      for (const f of [...files].slice(0, MAX_TICKET_PHOTOS - ids.length)) {
        const r = await api.post<{ id: number }>('/api/ticket-photos', await fileToUpload(f));
        ids.push(r.id);
      }
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
      onChange?.(ids);
      if (input.current) input.current.value = '';
    }
  }
  return (
    <div data-testid={testId}>
      <Space wrap>
        {value.map((id) => (
          <div key={id} className="tk-thumb">
            <img src={`/api/ticket-photos/${id}`} alt="照片" data-testid={`${testId}-thumb`} />
            <Button
              size="small"
              type="text"
              icon={<DeleteOutlined />}
              aria-label="移除照片"
              onClick={() => onChange?.(value.filter((x) => x !== id))}
            />
          </div>
        ))}
        {value.length < MAX_TICKET_PHOTOS && (
          <Button icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid={`${testId}-add`}>
            拍照或选择照片
          </Button>
        )}
      </Space>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png"
        multiple
        hidden
        onChange={(e) => void pick(e.target.files)}
        data-testid={`${testId}-input`}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        最多 {MAX_TICKET_PHOTOS} 张，JPEG 或 PNG，每张 5 MB 以内；保存时自动去除照片中的位置信息。
      </Typography.Text>
    </div>
  );
}
