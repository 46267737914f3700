import { CheckCircleFilled, CloseCircleFilled, DeleteOutlined, PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Input, Select, Space, Tag, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { checkComposition, type CompositionFailure, type CompositionResult } from '../../../core/composition';
import { CASE_ACTIONS } from '../../../core/formation';
import { DIRECTOR_RULE_LABEL, type RuleProfile, type Share } from '../../../core/rule-profile';
import { api } from '../api';
import { useSession } from '../auth/session';
import { BackdateModal } from '../notices/BackdateFields';
import { showError, toast } from '../shared/feedback';
import type { Upload } from '../shared/upload';
import { compareNames } from '../shared/format';
import { confirmStep } from './CaseParts';
import { periodText } from './profile';
import { BACKGROUND_LABEL, SEAT_LABEL, SEATS, toProposed, type Candidate, type FormationCase, type Seat } from './types';

type Row = { personId: number; seat: Seat };

const shareText = (s: Share) => (s.num === 1 && s.den === 2 ? '二分之一' : `${s.den}分之${s.num}`);
const SEAT_ORDER: Record<Seat, number> = { director: 0, deputyDirector: 1, member: 2 };

function AttributeTags({ c }: { c: Candidate }) {
  return (
    <div className="picker-tags">
      {c.ownerRepresentative && <Tag color="blue">业主代表</Tag>}
      {c.partyMember && <Tag color="red">党员</Tag>}
      {c.communityPartyOrgMember && <Tag color="volcano">社区党组织</Tag>}
      {c.residentsCommitteeRepresentative && <Tag color="green">居委会</Tag>}
      {c.streetAppointee && <Tag color="geekblue">街道指定</Tag>}
      {c.cityManagement && <Tag color="cyan">城管</Tag>}
      {c.backgrounds.map((b) => (
        <Tag key={b} color="gold">
          {BACKGROUND_LABEL[b]}
        </Tag>
      ))}
    </div>
  );
}

function Posts({ c }: { c: Candidate }) {
  if (c.posts.length === 0) return null;
  return <div className="picker-posts">交叉任职：{c.posts.join('；')}</div>;
}

/** ✔/✘ per rule of R22–R25 with the Chinese sentences and the counts. */
export function CompositionView({
  profile,
  result,
  extra,
}: {
  profile: RuleProfile;
  result: CompositionResult;
  extra: CompositionFailure[];
}) {
  const failures = [...result.failures, ...extra];
  const ok = failures.length === 0;
  const n = result.counts.members;
  const { min, max, odd } = profile.size;
  const okText: Record<'R22' | 'R23' | 'R24' | 'R25', string | null> = {
    R22: `委员${n}人，符合${max === null ? `不少于${min}人` : `${min}至${max}人`}${odd ? '的单数' : ''}的要求（R22）`,
    R23: `业主代表${result.counts.ownerRepresentatives}人，不少于委员人数的${shareText(profile.ownerRepresentatives)}（R23）`,
    R24: profile.partyMembers ? `党员委员${result.counts.partyMembers}人，不少于委员人数的${shareText(profile.partyMembers)}（R24）` : null,
    R25: `主任由${DIRECTOR_RULE_LABEL[profile.director]}担任${profile.deputyMustBeOwnerRepresentative ? '，副主任中有业主代表' : ''}（R25）`,
  };
  const rules = (['R22', 'R23', 'R24', 'R25'] as const).filter((r) => okText[r] !== null);
  const c = result.counts;
  return (
    <div className={`composition ${ok ? 'composition-ok-box' : 'composition-fail-box'}`} data-testid="composition-result">
      <div style={{ fontWeight: 600, marginBottom: 4 }} data-testid={ok ? 'composition-ok' : 'composition-fail'}>
        {ok ? '组成符合要求，可以确定名单并公示' : `组成不符合要求（${failures.length}项），名单不能确定`}
      </div>
      {rules.map((r) => {
        const fs = failures.filter((f) => f.rule === r);
        return fs.length === 0 ? (
          <div key={r} className="composition-rule" data-testid={`composition-${r}-ok`}>
            <CheckCircleFilled className="composition-mark-ok" aria-label="符合" />
            <span>{okText[r]}</span>
          </div>
        ) : (
          fs.map((f) => (
            <div key={`${r}-${f.message}`} className="composition-rule" data-testid={`composition-${r}-fail`}>
              <CloseCircleFilled className="composition-mark-fail" aria-label="不符合" />
              <span>{f.message}</span>
            </div>
          ))
        );
      })}
      <div className="composition-counts" data-testid="composition-counts">
        <span>委员 {c.members}</span>
        <span>业主代表 {c.ownerRepresentatives}</span>
        <span>党员 {c.partyMembers}</span>
        <span>社区党组织 {c.communityPartyOrg}</span>
        <span>居委会 {c.residentsCommittee}</span>
        <span>城管 {c.cityManagement}</span>
        <span>两代表一委员 {c.deputy}</span>
        <span>三老 {c.veteran}</span>
        <span>行政执法 {c.lawEnforcement}</span>
      </div>
    </div>
  );
}

/** The live check of a drafted list: the same core function the server enforces. */
export function useComposition(c: FormationCase, rows: Row[]) {
  return useMemo(() => {
    const byId = new Map(c.pool.map((p) => [p.personId, p]));
    const members = rows.map((r) => {
      const p = byId.get(r.personId);
      return p
        ? toProposed(p)
        : {
            personId: r.personId,
            name: `人员${r.personId}`,
            ownerRepresentative: false,
            partyMember: false,
            communityPartyOrgMember: false,
            residentsCommitteeRepresentative: false,
            streetAppointee: false,
            cityManagement: false,
            backgrounds: [],
          };
    });
    const directors = rows.filter((r) => r.seat === 'director');
    const deputies = rows.filter((r) => r.seat === 'deputyDirector').map((r) => r.personId);
    const result = checkComposition(c.profile, members, directors[0]?.personId ?? null, deputies);
    const extra: CompositionFailure[] = [];
    if (directors.length > 1) extra.push({ rule: 'R25', message: `名单中有${directors.length}名主任，主任只能有一名（R25）` });
    const outside = rows.filter((r) => !byId.has(r.personId)).length;
    if (outside > 0) extra.push({ rule: 'R22', message: `有${outside}人不在候选人范围内（未通过把关或已不再任职），请移出名单（R28）` });
    return { result, extra, ok: result.ok && extra.length === 0 };
  }, [c.pool, c.profile, rows]);
}

const fromCase = (c: FormationCase): Row[] =>
  c.list.map((r) => ({ personId: r.personId, seat: (SEATS as string[]).includes(r.seat) ? (r.seat as Seat) : 'member' }));

/** 委员名单: pool → list with seats, the composition check live on every change (R22–R25). */
export function MemberListPanel({ c, onChange }: { c: FormationCase; onChange(c: FormationCase): void }) {
  const { can } = useSession();
  const [rows, setRows] = useState<Row[]>(() => fromCase(c));
  const [busy, setBusy] = useState<'save' | 'approve' | null>(null);
  const [postDate, setPostDate] = useState<Dayjs>(dayjs(c.today));
  const [filter, setFilter] = useState('');
  const [backdating, setBackdating] = useState(false);
  // Reset the draft whenever the server's list changes (saved, approved, revised).
  const serverKey = `${c.state}:${c.listRound}:${JSON.stringify(c.list)}`;
  const [seenKey, setSeenKey] = useState(serverKey);
  if (seenKey !== serverKey) {
    setSeenKey(serverKey);
    setRows(fromCase(c));
  }

  const act = (a: string) => c.actions.find((x) => x.action === a);
  const save = act('saveList');
  const approve = act('approveList');
  const editable = c.state === 'listing' && can(CASE_ACTIONS.saveList.permission) && !!save?.allowed;
  const mayApprove = can(CASE_ACTIONS.approveList.permission) && c.state === 'listing';
  const dirty = JSON.stringify(rows) !== JSON.stringify(fromCase(c));
  const { result, extra, ok } = useComposition(c, rows);
  const byId = useMemo(() => new Map(c.pool.map((p) => [p.personId, p])), [c.pool]);
  const inList = new Set(rows.map((r) => r.personId));
  const pool = c.pool
    .filter((p) => !inList.has(p.personId) && (!filter.trim() || p.name.includes(filter.trim())))
    .sort((a, b) => Number(b.source === 'nomination') - Number(a.source === 'nomination') || compareNames(a.name, b.name));
  const shownRows = [...rows].sort((a, b) => SEAT_ORDER[a.seat] - SEAT_ORDER[b.seat]);

  async function saveList(): Promise<FormationCase | null> {
    try {
      const next = await api.put<FormationCase>(`/api/formation/cases/${c.id}/list`, { members: rows });
      onChange(next);
      return next;
    } catch (e) {
      showError(e);
      return null;
    }
  }

  async function onSave() {
    setBusy('save');
    const next = await saveList();
    setBusy(null);
    if (next) toast('success', '已保存委员名单草稿');
  }

  async function onApprove(backdate: { reason: string; photo: Upload } | null = null) {
    setBusy('approve');
    try {
      if (dirty && editable && !(await saveList())) return;
      // The posting date is the day the list went up on the estate's board: today, or a paper list
      // already posted that is recorded now (补录, with its reason and photo).
      onChange(
        await api.post<FormationCase>(`/api/formation/cases/${c.id}/approve-list`, {
          publishDate: postDate.format('YYYY-MM-DD'),
          backdate,
        }),
      );
      toast('success', '名单已确定，名单公示已发布');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }

  const approveBlocked = !ok
    ? '委员组成不符合要求，请按提示调整名单'
    : approve && !approve.allowed
      ? (approve.reason ?? '当前不能确定名单')
      : null;

  return (
    <>
      <Card
        size="small"
        title={`委员名单${c.listRound > 1 ? `（第${c.listRound}轮）` : ''}`}
        data-testid="case-list-panel"
        extra={
          <Space wrap size={8}>
            {editable && (
              <Button
                icon={<SaveOutlined />}
                disabled={!dirty}
                loading={busy === 'save'}
                onClick={() => void onSave()}
                data-testid="case-save-list"
              >
                保存草稿
              </Button>
            )}
            {mayApprove && (
              <DatePicker
                value={postDate}
                onChange={(d) => d && setPostDate(d)}
                allowClear={false}
                disabledDate={(d) => d.isAfter(dayjs(c.today))}
                placeholder="张贴日期"
                style={{ width: 130 }}
                data-testid="case-list-post-date"
              />
            )}
            {mayApprove && (
              <Tooltip title={approveBlocked}>
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  disabled={approveBlocked !== null}
                  loading={busy === 'approve'}
                  onClick={() =>
                    confirmStep(
                      '确认确定名单并发布名单公示？',
                      `名单公示以${postDate.format('YYYY年M月D日')}为张贴日期发布，公示${periodText(c.profile.memberListPeriod)}（R29），公示期内业主可提出书面异议。发布后名单不能再直接修改，只有异议成立时才能退回调整。`,
                      async () => (postDate.format('YYYY-MM-DD') < c.today ? setBackdating(true) : onApprove()),
                    )
                  }
                  data-testid="case-approve-list"
                >
                  确定名单并公示
                </Button>
              </Tooltip>
            )}
          </Space>
        }
      >
        <p className="muted" style={{ marginTop: 0, fontSize: 12 }}>
          候选人来自通过把关的报名推荐，以及社区党组织、居委会、驻社区城管人员；属性取自人员名册。主任应由
          {DIRECTOR_RULE_LABEL[c.profile.director]}
          担任（R25）。
        </p>
        <div className={editable ? 'picker' : undefined}>
          {editable && (
            <div className="picker-col" data-testid="case-pool">
              <h5>候选人（{pool.length}）</h5>
              <Input.Search
                allowClear
                placeholder="按姓名筛选"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                size="small"
                style={{ marginBottom: 8 }}
                data-testid="pool-filter"
              />
              {pool.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有可加入的候选人" />
              ) : (
                pool.map((p) => (
                  <div key={p.personId} className="picker-row" data-testid={`pool-${p.personId}`}>
                    <div className="picker-name">
                      <strong>{p.name}</strong>
                      <span className="muted" style={{ fontSize: 12, marginLeft: 6 }}>
                        {p.source === 'nomination' ? '报名推荐' : '名册'}
                        {p.occupation ? ` · ${p.occupation}` : ''}
                      </span>
                      <AttributeTags c={p} />
                      <Posts c={p} />
                    </div>
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => setRows([...rows, { personId: p.personId, seat: 'member' }])}
                      data-testid={`pool-add-${p.personId}`}
                    >
                      加入
                    </Button>
                  </div>
                ))
              )}
            </div>
          )}
          <div className={editable ? 'picker-col' : undefined} data-testid="case-list">
            {editable && <h5>拟任委员（{rows.length}）</h5>}
            {rows.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={editable ? '从左侧候选人中加入委员' : '尚未拟定名单'} />
            ) : (
              shownRows.map((r) => {
                const p = byId.get(r.personId);
                return (
                  <div key={r.personId} className="picker-row" data-testid={`list-${r.personId}`}>
                    <div className="picker-name">
                      <strong>{p?.name ?? `人员${r.personId}`}</strong>
                      {p && (p.occupation || p.address) && (
                        <span className="muted" style={{ fontSize: 12, marginLeft: 6 }}>
                          {[p.occupation, p.address].filter(Boolean).join(' · ')}
                        </span>
                      )}
                      {p ? <AttributeTags c={p} /> : <Tag color="error">不在候选人范围内</Tag>}
                      {p && <Posts c={p} />}
                    </div>
                    {editable ? (
                      <Space size={4}>
                        <Select<Seat>
                          size="small"
                          value={r.seat}
                          style={{ width: 96 }}
                          onChange={(seat) => setRows(rows.map((x) => (x.personId === r.personId ? { ...x, seat } : x)))}
                          options={SEATS.map((s) => ({ value: s, label: SEAT_LABEL[s] }))}
                          data-testid={`list-seat-${r.personId}`}
                        />
                        <Button
                          size="small"
                          icon={<DeleteOutlined />}
                          aria-label="移出名单"
                          onClick={() => setRows(rows.filter((x) => x.personId !== r.personId))}
                          data-testid={`list-remove-${r.personId}`}
                        />
                      </Space>
                    ) : (
                      <Tag color={r.seat === 'director' ? 'red' : r.seat === 'deputyDirector' ? 'orange' : 'default'}>
                        {SEAT_LABEL[r.seat]}
                      </Tag>
                    )}
                  </div>
                );
              })
            )}
          </div>
        </div>
        {(editable || c.state === 'listing' || rows.length > 0) && <CompositionView profile={c.profile} result={result} extra={extra} />}
        {save && !save.allowed && c.state === 'listing' && save.reason && <div className="case-reason">{save.reason}</div>}
      </Card>
      {backdating && (
        <BackdateModal
          date={postDate.format('YYYY-MM-DD')}
          today={c.today}
          testId="case-list"
          onClose={() => setBackdating(false)}
          onSubmit={(b) => onApprove(b)}
        />
      )}
    </>
  );
}
