import { Button, Card, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { showError, showFormError, toast } from '../shared/feedback';
import { PAPER_CHOICE_LABEL, SPOILED_RULE_LABEL, fileToUpload, type Choice, type DecisionDetail, type PaperChoice } from './types';

/** How a paper entry stands (double entry): label and colour. */
export const OUTCOME: Record<string, [string, string]> = {
  entered: ['已录入', 'blue'],
  matched: ['双人核对一致', 'green'],
  mismatch: ['两次录入不一致', 'red'],
  resolved: ['已复核', 'green'],
};

/**
 * 录入纸质表决票: a paper ballot as staff or a grid worker enter it (double entry, R10 spoiled
 * ballots, R20 proxies, the scan attached). Reached from the decision list's 录入纸质票 too.
 */
export function PaperForm({ d, onSaved }: { d: DecisionDetail; onSaved: () => void }) {
  const [form] = Form.useForm();
  const [units, setUnits] = useState<{ unitId: number; room: string; area: string; voted: boolean; hasVoter: boolean }[]>([]);
  const [scan, setScan] = useState<File | null>(null);
  const [proxy, setProxy] = useState<File | null>(null);
  const [saving, setSaving] = useState(false);
  // Reached from the list's 录入纸质票 (issue 13): the form is what the visit is for.
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (window.location.hash === '#paper-form') card.current?.scrollIntoView({ block: 'start' });
  }, []);
  const search = useCallback(
    (q: string) => {
      api.get<{ items: typeof units }>(`/api/decisions/${d.id}/roll`, { q }).then((r) => setUnits(r.items), showError);
    },
    [d.id],
  );
  useEffect(() => search(''), [search]);

  async function submit(v: { unitId: number; proxyHolder?: string; review?: boolean } & Record<string, unknown>) {
    if (!scan) return toast('warning', '请上传纸质表决票的扫描件');
    setSaving(true);
    try {
      const answers: Record<string, PaperChoice | string[]> = {};
      for (const m of d.motions) {
        const a = v[`a_${m.code}`];
        // R10: an election ballot marked 废票 counts as the decision's rule says, whatever was ticked
        if (m.kind === 'election' && v[`s_${m.code}`]) answers[m.code] = 'spoiled';
        else if (a !== undefined && a !== null) answers[m.code] = a as Choice | string[];
      }
      const r = await api.post<{ outcome: string; room: string }>(`/api/decisions/${d.id}/paper`, {
        unitId: v.unitId,
        answers,
        scan: await fileToUpload(scan),
        proxyHolder: v.proxyHolder || null,
        proxyDocument: proxy ? await fileToUpload(proxy) : null,
        review: Boolean(v.review),
      });
      toast(r.outcome === 'mismatch' ? 'warning' : 'success', `${r.room}：${OUTCOME[r.outcome]![0]}`);
      form.resetFields();
      setScan(null);
      setProxy(null);
      onSaved();
    } catch (e) {
      showFormError(form, e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card ref={card} id="paper-form" title="录入纸质表决票" size="small" data-testid="paper-form">
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="unitId" label="房号" rules={[{ required: true, message: '请选择房屋' }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={search}
            options={units.map((u) => ({
              value: u.unitId,
              label: `${u.room}（${u.area} m²）${u.voted ? ' · 已投票' : ''}${u.hasVoter ? '' : ' · 无表决人'}`,
            }))}
            data-testid="paper-form-unit"
          />
        </Form.Item>
        {d.motions.map((m) => (
          <Form.Item key={m.code} name={`a_${m.code}`} label={m.title}>
            {m.kind === 'choice' ? (
              <Radio.Group>
                {(['yes', 'no', 'abstain', 'spoiled'] as const).map((c) => (
                  <Radio key={c} value={c}>
                    <span data-testid={`paper-${m.code}-${c}`}>{PAPER_CHOICE_LABEL[c]}</span>
                  </Radio>
                ))}
              </Radio.Group>
            ) : (
              <Checkbox.Group options={(m.candidates ?? []).map((c) => ({ value: c.code, label: c.name }))} />
            )}
          </Form.Item>
        ))}
        {d.motions
          .filter((m) => m.kind === 'election')
          .map((m) => (
            <Form.Item key={`s_${m.code}`} name={`s_${m.code}`} valuePropName="checked">
              <Checkbox data-testid={`paper-${m.code}-spoiled`}>「{m.title}」为废票（无法辨认或超过应选名额）</Checkbox>
            </Form.Item>
          ))}
        <div style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary" data-testid="paper-form-spoiled-rule">
            本次表决：{SPOILED_RULE_LABEL[d.rules.spoiled]}（R10）
          </Typography.Text>
        </div>
        <Form.Item label="表决票扫描件（PDF/JPEG/PNG）" required>
          <input
            type="file"
            accept=".pdf,.jpg,.jpeg,.png"
            onChange={(e) => setScan(e.target.files?.[0] ?? null)}
            data-testid="paper-form-scan"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="proxyHolder" label="受托人（委托投票时填写，R20）">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label="书面委托书">
            <input type="file" accept=".pdf,.jpg,.jpeg,.png" onChange={(e) => setProxy(e.target.files?.[0] ?? null)} />
          </Form.Item>
        </Space>
        {d.mismatches > 0 && can(d) && (
          <Form.Item name="review" valuePropName="checked">
            <Checkbox>复核录入（对两次录入不一致的票作出最终录入）</Checkbox>
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="paper-form-submit">
          录入
        </Button>
      </Form>
    </Card>
  );
}

const can = (d: DecisionDetail) => d.actions.includes('publish') || d.actions.includes('close') || d.state === 'closed';
