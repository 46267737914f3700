import { InboxOutlined } from '@ant-design/icons';
import { Card, Upload } from 'antd';

/** Step 2: the file, checked on upload (nothing is written until the user confirms). */
export function UploadCard({
  nodeId,
  disabled,
  checking,
  onFile,
}: {
  nodeId: number | undefined;
  disabled: boolean;
  checking: boolean;
  onFile(file: File): void;
}) {
  const text = !nodeId ? '请先在上方选择导入位置' : checking ? '正在检查，请稍候…' : '点击或拖入Excel(.xlsx)文件';
  return (
    <Card size="small" title="2. 上传填好的Excel文件并检查">
      <Upload.Dragger
        accept=".xlsx"
        multiple={false}
        showUploadList={false}
        disabled={!nodeId || disabled}
        beforeUpload={(f) => {
          onFile(f);
          return false;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{text}</p>
        <p className="ant-upload-hint">只检查、不写入：检查通过后由您确认导入。文件不超过20 MB。</p>
      </Upload.Dragger>
    </Card>
  );
}
