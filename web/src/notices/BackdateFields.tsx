import { Alert, Form, Input } from 'antd';
import { formatDateZh } from '../../../core/dates';
import { FormModal } from '../shared/FormModal';
import { fileToUpload, type Upload } from '../shared/upload';

/** What a form with a posting day holds for a 补录 (issue 13). */
export interface BackdateValues {
  backdateReason?: string;
  backdatePhoto?: File | null;
}

/**
 * A legal period runs from the day the public could see the notice: a posting day before today is
 * only the recording of a paper notice already posted (补录), with the reason and a photo of the
 * posted paper. Shown when the chosen day is before today; the server checks the limit.
 */
export function BackdateFields({ date, today, testId }: { date: string | null; today: string; testId: string }) {
  if (!date || date >= today) return null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid={`${testId}-backdate-note`}
        title={`补录：张贴日期${formatDateZh(date)}早于今天`}
        description="公示期自公众能看到公告之日起算。只有已在小区现场张贴的纸质公告可以按实际张贴日补录（最多追溯几日，见规则配置），须写明原因并上传张贴现场照片；公告将标注“补录”。否则请按今天发布。"
      />
      <Form.Item name="backdateReason" label="补录原因" rules={[{ required: true, whitespace: true, message: '请填写补录原因' }]}>
        <Input.TextArea rows={2} count={{ show: true, max: 500 }} data-testid={`${testId}-backdate-reason`} />
      </Form.Item>
      <Form.Item name="backdatePhoto" label="张贴现场照片（JPEG/PNG）" rules={[{ required: true, message: '请上传张贴现场照片' }]}>
        <PhotoInput testId={`${testId}-backdate-photo`} />
      </Form.Item>
    </>
  );
}

/** The API's `backdate` for the chosen day: null when posted today. */
export async function backdatePayload(date: string, today: string, v: BackdateValues): Promise<{ reason: string; photo: Upload } | null> {
  if (date >= today || !v.backdatePhoto) return null;
  return { reason: (v.backdateReason ?? '').trim(), photo: await fileToUpload(v.backdatePhoto) };
}

/** A file input as a form control: it reports the picked file; a file input's value cannot be set. */
function PhotoInput({ onChange, testId }: { value?: File | null; onChange?: (f: File | null) => void; testId: string }) {
  return <input type="file" accept=".jpg,.jpeg,.png" onChange={(e) => onChange?.(e.target.files?.[0] ?? null)} data-testid={testId} />;
}

/**
 * The 补录 questions on their own, for a step whose posting day is picked beside its button (the
 * member list): asked when the day is before today, before the step runs.
 */
export function BackdateModal({
  date,
  today,
  testId,
  onClose,
  onSubmit,
}: {
  date: string;
  today: string;
  testId: string;
  onClose(): void;
  onSubmit(backdate: { reason: string; photo: Upload }): Promise<void>;
}) {
  const [form] = Form.useForm<BackdateValues>();
  return (
    <FormModal<BackdateValues>
      title="补录已张贴的纸质公告"
      open
      form={form}
      testId={`${testId}-backdate`}
      submitText="补录并发布"
      onClose={onClose}
      onSubmit={async (v) => {
        const b = await backdatePayload(date, today, v);
        if (b) await onSubmit(b);
      }}
    >
      <BackdateFields date={date} today={today} testId={testId} />
    </FormModal>
  );
}
