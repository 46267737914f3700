import { Button, Card, Checkbox, Empty, Form, Input, Progress, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { RESOLUTION_STATE_LABEL } from '../../../core/committee';
import { ITEM_LABEL } from '../../../core/decisions';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { showError, toast } from '../shared/feedback';
import { fileToUpload } from '../shared/upload';
import type { MeetingDetail, Resolution } from './types';

interface Props {
  meeting: MeetingDetail;
  onChange(next: MeetingDetail): void;
  reload(): void;
}

/** Resolutions: adopted by the signatures of more than half of ALL members (R32); a 278 matter goes to the owners. */
export function ResolutionsCard({ meeting: d, onChange, reload }: Props) {
  const [dialog, setDialog] = useState<{ kind: 'propose' } | { kind: 'paper'; r: Resolution } | null>(null);
  const navigate = useNavigate();
  const act = async (path: string, done: string, after?: (x: { decisionId?: number }) => void) => {
    try {
      const x = await api.post<{ decisionId?: number }>(path, {});
      toast('success', done);
      if (after) after(x);
      else reload();
    } catch (e) {
      showError(e);
    }
  };
  const canSign = (r: Resolution) => d.me && !d.me.suspendedOn && !r.iSigned && r.state === 'open' && r.items.length === 0;
  return (
    <Card
      size="small"
      title="决议与签字"
      extra={
        d.canManage &&
        d.state === 'held' &&
        d.quorum.quorate && (
          <Button size="small" type="primary" onClick={() => setDialog({ kind: 'propose' })} data-testid="cmeeting-propose">
            提出决议
          </Button>
        )
      }
    >
      {d.resolutions.length === 0 && <Empty description={d.state === 'held' ? '尚无决议' : '会议召开并达到法定人数后形成决议'} />}
      {d.resolutions.map((r, i) => (
        <div key={r.id} style={{ marginBottom: 16 }} data-testid={`cres-${r.id}`}>
          <Space wrap>
            <Typography.Text strong>
              决议{i + 1}：{r.title}
            </Typography.Text>
            <Tag color={r.state === 'adopted' ? 'green' : r.state === 'toOwners' ? 'purple' : 'blue'} data-testid={`cres-${r.id}-state`}>
              {RESOLUTION_STATE_LABEL[r.state]}
            </Tag>
          </Space>
          <Typography.Paragraph style={{ margin: '4px 0' }}>{r.text}</Typography.Paragraph>
          {r.items.length > 0 ? (
            <Typography.Paragraph type="warning" data-testid={`cres-${r.id}-278`}>
              属于{r.itemLabels.join('、')}，依法由业主共同决定，委员会不能通过。
              {r.decisionId && <Link to={`/decisions/${r.decisionId}`}>查看业主共同决定草案</Link>}
            </Typography.Paragraph>
          ) : (
            <>
              <Progress
                percent={Math.round((100 * r.adoption.signed) / Math.max(1, r.adoption.members))}
                success={{ percent: 0 }}
                format={() => `${r.adoption.signed}/${r.adoption.members}`}
                status={r.adoption.adopted ? 'success' : 'active'}
              />
              <Typography.Text type="secondary" data-testid={`cres-${r.id}-count`}>
                全体委员{r.adoption.members}人，已签字{r.adoption.signed}人，超过半数（至少{r.adoption.needed}人）签字方为通过
              </Typography.Text>
              <div className="muted">{r.signatures.map((x) => `${x.name}${x.via === 'paper' ? '（纸质）' : ''}`).join('、')}</div>
            </>
          )}
          <Space wrap style={{ marginTop: 4 }}>
            {canSign(r) && (
              <Button
                type="primary"
                onClick={() => act(`/api/committee-resolutions/${r.id}/sign`, '已签字')}
                data-testid={`cres-${r.id}-sign`}
              >
                签字同意
              </Button>
            )}
            {d.canManage && r.state === 'open' && r.items.length === 0 && (
              <Button size="small" onClick={() => setDialog({ kind: 'paper', r })} data-testid={`cres-${r.id}-paper`}>
                录入纸质签字
              </Button>
            )}
            {d.canManage && r.state === 'open' && r.items.length > 0 && (
              <Button
                size="small"
                type="primary"
                onClick={() =>
                  act(`/api/committee-resolutions/${r.id}/to-owners`, '已生成业主共同决定草案', (x) =>
                    navigate(`/decisions/${x.decisionId}`),
                  )
                }
                data-testid={`cres-${r.id}-to-owners`}
              >
                转为业主共同决定草案
              </Button>
            )}
          </Space>
        </div>
      ))}
      {dialog?.kind === 'propose' && <ProposeModal meeting={d} onClose={() => setDialog(null)} onDone={onChange} />}
      {dialog?.kind === 'paper' && <PaperModal meeting={d} resolution={dialog.r} onClose={() => setDialog(null)} onDone={reload} />}
    </Card>
  );
}

type ProposeValues = { title: string; text: string; items?: number[] };

function ProposeModal({ meeting, onClose, onDone }: { meeting: MeetingDetail; onClose(): void; onDone(next: MeetingDetail): void }) {
  const [form] = Form.useForm<ProposeValues>();
  return (
    <FormModal<ProposeValues>
      title="提出决议"
      open
      form={form}
      testId="propose-form"
      onClose={onClose}
      onSubmit={async (v) =>
        onDone(
          await api.post<MeetingDetail>(`/api/committee-meetings/${meeting.id}/resolutions`, {
            title: v.title.trim(),
            text: v.text.trim(),
            items: v.items ?? [],
          }),
        )
      }
    >
      <Form.Item name="title" label="决议标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
        <Input maxLength={200} data-testid="propose-form-title" />
      </Form.Item>
      <Form.Item name="text" label="决议内容" rules={[{ required: true, whitespace: true, message: '请填写内容' }]}>
        <Input.TextArea rows={3} maxLength={5000} data-testid="propose-form-text" />
      </Form.Item>
      <Form.Item name="items" label="涉及民法典第二百七十八条的事项（如有，须由业主共同决定）">
        <Select
          mode="multiple"
          allowClear
          options={Object.entries(ITEM_LABEL).map(([k, v]) => ({ value: Number(k), label: v }))}
          data-testid="propose-form-items"
        />
      </Form.Item>
    </FormModal>
  );
}

function PaperModal({
  meeting,
  resolution,
  onClose,
  onDone,
}: {
  meeting: MeetingDetail;
  resolution: Resolution;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<{ memberIds: number[] }>();
  const [file, setFile] = useState<File | null>(null);
  const signed = new Set(resolution.signatures.map((s) => s.memberId));
  return (
    <FormModal<{ memberIds: number[] }>
      title={`录入纸质签字：${resolution.title}`}
      open
      form={form}
      testId="paper-form"
      onClose={onClose}
      onSubmit={async (v) => {
        if (!file) throw new Error('请上传签字页扫描件');
        await api.post(`/api/committee-resolutions/${resolution.id}/paper`, { memberIds: v.memberIds, scan: await fileToUpload(file) });
        toast('success', '已录入纸质签字');
        onDone();
      }}
    >
      <Form.Item name="memberIds" label="在签字页上签字的委员" rules={[{ required: true, message: '请选择委员' }]}>
        <Checkbox.Group
          options={meeting.members.filter((m) => !signed.has(m.id)).map((m) => ({ value: m.id, label: m.name, disabled: m.suspended }))}
          data-testid="paper-form-members"
        />
      </Form.Item>
      <Form.Item label="签字页扫描件（PDF 或 JPEG/PNG 图片）" required>
        <input
          type="file"
          accept=".pdf,.jpg,.jpeg,.png"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          data-testid="paper-form-scan"
        />
      </Form.Item>
    </FormModal>
  );
}
