import { Alert, Checkbox, DatePicker, Form, Input, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  JOINT_NOMINATION_MIN_OWNERS,
  NOMINATION_CHANNEL_LABEL,
  NOMINATION_CHANNELS,
  type NominationChannel,
} from '../../../core/formation';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { todayInChina } from '../shared/format';
import { ObjectionModal, VerifyObjectionModal } from '../notices/ObjectionModals';
import { BackdateFields, backdatePayload, type BackdateValues } from '../notices/BackdateFields';
import type { CaseObjection, FormationCase, Nomination } from './types';

const dateText = (d: Dayjs) => d.format('YYYY-MM-DD');

interface PersonItem {
  id: number;
  name: string;
  idNumberMasked: string | null;
  nodeName?: string;
  address?: string | null;
}

const personLabel = (p: PersonItem) => `${p.name}${p.idNumberMasked ? `（${p.idNumberMasked}）` : ''}${p.address ? ` ${p.address}` : ''}`;

/** People from the registry, searched by name or the last 4 digits of the ID number / mobile. */
function usePeopleSearch(nodeId: number | undefined, enabled = true) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<PersonItem[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<number, PersonItem>());
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setLoading(true);
    const t = setTimeout(() => {
      api.get<{ items: PersonItem[] }>('/api/people', { q: q.trim() || undefined, nodeId, pageSize: 50 }).then(
        (r) => {
          if (!live) return;
          for (const p of r.items) known.current.set(p.id, p);
          setItems(r.items);
          setLoading(false);
        },
        () => {
          if (!live) return;
          setItems([]);
          setLoading(false);
        },
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, nodeId, enabled]);
  return { items, loading, setQ, known: known.current };
}

interface AnnounceValues extends BackdateValues {
  title?: string;
  body?: string;
  publishDate: Dayjs;
}

/** 发布组建公告 (R27): title and body may be left empty for the standard template. */
export function AnnounceModal({ c, onClose, onDone }: { c: FormationCase; onClose(): void; onDone(c: FormationCase): void }) {
  const [form] = Form.useForm<AnnounceValues>();
  const today = todayInChina();
  const period = c.profile.announcementPeriod;
  const picked = Form.useWatch('publishDate', form);
  return (
    <FormModal<AnnounceValues>
      title="发布组建公告"
      open
      form={form}
      width={680}
      testId="case-announce"
      submitText="发布公告"
      initialValues={{ publishDate: dayjs(today) }}
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(
          await api.post<FormationCase>(`/api/formation/cases/${c.id}/announce`, {
            ...(v.title?.trim() ? { title: v.title.trim() } : {}),
            ...(v.body?.trim() ? { body: v.body.trim() } : {}),
            publishDate: dateText(v.publishDate),
            backdate: await backdatePayload(dateText(v.publishDate), today, v),
          }),
        );
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={`公告在${c.estate.name}张贴，公示不少于${period.days}${period.unit === 'workdays' ? '个工作日' : '日'}（R27），自张贴次日起算；公示期内接受报名和推荐。`}
      />
      <Form.Item
        name="publishDate"
        label="张贴日期"
        rules={[{ required: true, message: '请选择张贴日期' }]}
        extra="今天；已张贴的纸质公告可补录为实际张贴日"
      >
        <DatePicker
          style={{ width: '100%' }}
          allowClear={false}
          disabledDate={(d) => dateText(d) > today}
          data-testid="case-announce-date"
        />
      </Form.Item>
      <BackdateFields date={picked ? dateText(picked) : null} today={today} testId="case-announce" />
      <Form.Item name="title" label="标题" rules={[{ max: 200, message: '标题不能超过 200 个字' }]}>
        <Input maxLength={200} placeholder={`留空则为“关于组建${c.estate.name}物业管理委员会的公告”`} data-testid="case-announce-title" />
      </Form.Item>
      <Form.Item
        name="body"
        label="正文"
        rules={[{ max: 20000, message: '正文不能超过 20000 个字' }]}
        extra="留空则使用标准公告文本（委员条件、报名和推荐方式、起始日期）；如需修改，请填写完整正文。"
      >
        <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={20000} data-testid="case-announce-body" />
      </Form.Item>
    </FormModal>
  );
}

interface NominationValues {
  personId: number;
  channel: NominationChannel;
  ownerRepresentative: boolean;
  statement?: string;
  signerIds?: number[];
}

/** 登记报名推荐 (R28): self, party organisation, residents' committee, or ≥10 owners jointly. */
export function NominationModal({ c, onClose, onDone }: { c: FormationCase; onClose(): void; onDone(c: FormationCase): void }) {
  const [form] = Form.useForm<NominationValues>();
  const channel = Form.useWatch('channel', form);
  const signerIds = Form.useWatch('signerIds', form) ?? [];
  const [wide, setWide] = useState(false);
  const people = usePeopleSearch(wide ? undefined : c.estate.id);
  const joint = channel === 'jointOwners';
  const signers = usePeopleSearch(c.estate.id, joint);
  const already = useMemo(() => new Set(c.nominations.map((n) => n.person.id)), [c.nominations]);
  const enough = signerIds.length >= JOINT_NOMINATION_MIN_OWNERS;
  const signerOptions = useMemo(() => {
    const shown = new Map(signers.items.map((p) => [p.id, p]));
    for (const id of signerIds) if (!shown.has(id)) shown.set(id, signers.known.get(id) ?? { id, name: `人员${id}`, idNumberMasked: null });
    return [...shown.values()].map((p) => ({ value: p.id, label: personLabel(p) }));
  }, [signers.items, signers.known, signerIds]);

  return (
    <FormModal<NominationValues>
      title="登记报名推荐"
      open
      form={form}
      width={680}
      testId="nomination"
      submitText="登记"
      initialValues={{ channel: 'self', ownerRepresentative: true, signerIds: [] }}
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(
          await api.post<FormationCase>(`/api/formation/cases/${c.id}/nominations`, {
            personId: v.personId,
            channel: v.channel,
            ownerRepresentative: v.ownerRepresentative,
            ...(v.statement?.trim() ? { statement: v.statement.trim() } : {}),
            signerIds: v.channel === 'jointOwners' ? (v.signerIds ?? []) : [],
          }),
        );
      }}
    >
      <Form.Item
        name="personId"
        label="候选人"
        rules={[{ required: true, message: '请从人员名册中选择候选人' }]}
        extra={
          <Checkbox checked={wide} onChange={(e) => setWide(e.target.checked)} data-testid="nomination-form-wide">
            在全部范围内查找（社区党组织、居委会推荐的人选可能不住在本小区）
          </Checkbox>
        }
      >
        <Select
          showSearch={{ filterOption: false, onSearch: people.setQ }}
          loading={people.loading}
          placeholder="输入姓名或身份证号后4位查找"
          options={people.items.map((p) => ({ value: p.id, label: personLabel(p), disabled: already.has(p.id) }))}
          notFoundContent={people.loading ? '查找中…' : '人员名册中没有找到，请先在人员名册登记'}
          data-testid="nomination-form-person"
        />
      </Form.Item>
      <Form.Item name="channel" label="推荐方式" rules={[{ required: true, message: '请选择推荐方式' }]}>
        <Select
          options={NOMINATION_CHANNELS.map((ch) => ({ value: ch, label: NOMINATION_CHANNEL_LABEL[ch] }))}
          data-testid="nomination-form-channel"
        />
      </Form.Item>
      <Form.Item
        name="ownerRepresentative"
        valuePropName="checked"
        extra="业主代表须是本小区现业主（R23、R28）；社区党组织、居委会推荐的非业主人选请取消勾选"
      >
        <Checkbox data-testid="nomination-form-owner-rep">作为业主代表</Checkbox>
      </Form.Item>
      {joint && (
        <Form.Item
          name="signerIds"
          label={
            <span>
              联名业主{' '}
              <Tag color={enough ? 'success' : 'warning'} data-testid="nomination-form-signer-count">
                已选 {signerIds.length} 人
              </Tag>
            </span>
          }
          rules={[
            {
              validator: (_, v: number[] | undefined) =>
                (v?.length ?? 0) >= JOINT_NOMINATION_MIN_OWNERS
                  ? Promise.resolve()
                  : Promise.reject(new Error(`联名推荐须有不少于${JOINT_NOMINATION_MIN_OWNERS}名本小区业主（R28）`)),
            },
          ]}
          extra={`须不少于${JOINT_NOMINATION_MIN_OWNERS}名本小区现业主（R28）；同一业主（含一人多套房、共有人）只计一人（R3），由系统核对。`}
        >
          <Select
            mode="multiple"
            showSearch={{ filterOption: false, onSearch: signers.setQ }}
            loading={signers.loading}
            placeholder="输入姓名查找本小区业主"
            options={signerOptions}
            data-testid="nomination-form-signers"
          />
        </Form.Item>
      )}
      <Form.Item
        name="statement"
        label={joint || channel === 'self' ? '报名（推荐）理由' : '推荐理由'}
        rules={[{ max: 1000, message: '不能超过 1000 字' }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} data-testid="nomination-form-statement" />
      </Form.Item>
    </FormModal>
  );
}

interface VetValues {
  reason?: string;
}

/** 把关: the party organisation's pass/fail, with a reason (required when failing). */
export function VetModal({
  c,
  nomination,
  result,
  onClose,
  onDone,
}: {
  c: FormationCase;
  nomination: Nomination;
  result: 'passed' | 'failed';
  onClose(): void;
  onDone(c: FormationCase): void;
}) {
  const [form] = Form.useForm<VetValues>();
  const failed = result === 'failed';
  return (
    <FormModal<VetValues>
      title={`${failed ? '把关不通过' : '把关通过'}：${nomination.person.name}`}
      open
      form={form}
      testId="vet"
      danger={failed}
      submitText={failed ? '确认不通过' : '确认通过'}
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(
          await api.post<FormationCase>(`/api/formation/cases/${c.id}/nominations/${nomination.id}/vet`, {
            result,
            ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
          }),
        );
      }}
    >
      {nomination.problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="系统核对发现以下情况"
          description={
            <ul className="case-problems" style={{ color: 'inherit' }}>
              {nomination.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form.Item
        name="reason"
        label="把关意见"
        rules={[
          { required: failed, whitespace: true, message: '把关不通过须写明理由' },
          { max: 500, message: '把关意见不能超过 500 字' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} data-testid="vet-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** 登记书面异议 (R30) on the current member-list notice: the notices capability's form, with the case's verification period. */
export function CaseObjectionModal({ c, onClose, onDone }: { c: FormationCase; onClose(): void; onDone(): void }) {
  return (
    <ObjectionModal
      notice={c.listNotice!}
      paper
      verifyWorkdays={c.profile.objectionVerifyWorkdays}
      onClose={onClose}
      onDone={() => onDone()}
    />
  );
}

/** 核查异议 (R30): the conclusion is published at once; an upheld objection sends the list back. */
export function CaseVerifyModal({ objection, onClose, onDone }: { objection: CaseObjection; onClose(): void; onDone(): void }) {
  return (
    <VerifyObjectionModal
      objection={objection}
      upheldNote="须调整名单并重新公示"
      testId="verify"
      onClose={onClose}
      onDone={() => onDone()}
    />
  );
}

interface DateNoteValues {
  date: Dayjs;
  note?: string;
}

/** 印章: the application (with the certificate number, R31) and the record date. */
export function SealModal({
  c,
  kind,
  onClose,
  onDone,
}: {
  c: FormationCase;
  kind: 'apply' | 'record';
  onClose(): void;
  onDone(c: FormationCase): void;
}) {
  const [form] = Form.useForm<DateNoteValues>();
  const today = todayInChina();
  const earliest = kind === 'apply' ? c.committee?.establishedOn : (c.committee?.sealAppliedOn ?? undefined);
  return (
    <FormModal<DateNoteValues>
      title={kind === 'apply' ? '登记印章申请' : '登记印章备案'}
      open
      form={form}
      testId="seal"
      submitText="登记"
      initialValues={{ date: dayjs(today) }}
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(
          await api.post<FormationCase>(`/api/formation/cases/${c.id}/seal/${kind}`, {
            date: dateText(v.date),
            ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          }),
        );
      }}
    >
      {c.committee && (
        <p className="muted" style={{ marginTop: 0 }}>
          凭成立证明（{c.committee.certificateNo}）{kind === 'apply' ? '申请刻制印章（R31）' : '登记印章刻制备案日期'}。
        </p>
      )}
      <Form.Item name="date" label={kind === 'apply' ? '申请日期' : '备案日期'} rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker
          style={{ width: '100%' }}
          allowClear={false}
          disabledDate={(d) => dateText(d) > today || (!!earliest && dateText(d) < earliest)}
          data-testid="seal-date"
        />
      </Form.Item>
      <Form.Item name="note" label="备注" rules={[{ max: 200, message: '备注不能超过 200 字' }]}>
        <Input maxLength={200} data-testid="seal-note" />
      </Form.Item>
    </FormModal>
  );
}

/** 核发成立证明: the committee becomes live on this date. */
export function EstablishModal({ c, onClose, onDone }: { c: FormationCase; onClose(): void; onDone(c: FormationCase): void }) {
  const [form] = Form.useForm<{ date: Dayjs }>();
  const today = todayInChina();
  const after = c.listNotice?.endDate ?? null;
  return (
    <FormModal<{ date: Dayjs }>
      title="核发成立证明"
      open
      form={form}
      testId="establish"
      submitText="核发"
      initialValues={{ date: dayjs(today) }}
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(await api.post<FormationCase>(`/api/formation/cases/${c.id}/establish`, { date: dateText(v.date) }));
      }}
    >
      <p className="muted" style={{ marginTop: 0 }}>
        核发后，物管会及其委员、主任{c.profile.termYears ? `、任期（${c.profile.termYears}年，R33）` : ''}
        即登记生效，小区治理状态变为“物管会运行中”。
      </p>
      <Form.Item name="date" label="成立日期" rules={[{ required: true, message: '请选择成立日期' }]}>
        <DatePicker
          style={{ width: '100%' }}
          allowClear={false}
          disabledDate={(d) => dateText(d) > today || (after !== null && dateText(d) <= after)}
          data-testid="establish-date"
        />
      </Form.Item>
    </FormModal>
  );
}

/** 终止组建, with the reason kept in the case history. */
export function CancelModal({ c, onClose, onDone }: { c: FormationCase; onClose(): void; onDone(c: FormationCase): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      title="终止组建"
      open
      form={form}
      testId="cancel"
      danger
      submitText="终止组建"
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(await api.post<FormationCase>(`/api/formation/cases/${c.id}/cancel`, { reason: v.reason.trim() }));
      }}
    >
      <Form.Item
        name="reason"
        label="终止原因"
        rules={[
          { required: true, whitespace: true, message: '请填写终止原因' },
          { max: 500, message: '终止原因不能超过 500 字' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} data-testid="cancel-reason" />
      </Form.Item>
    </FormModal>
  );
}
