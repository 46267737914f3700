import type { NoticeKind, NoticeStatus, PeriodUnit } from '../../../core/notices';

export type PublicityState = 'draft' | 'inPublicity' | 'ended' | 'standing' | 'superseded';

export interface NoticeAttachment {
  id: number;
  fileName: string;
  contentType: string;
  /** bytes */
  size: number;
}

/** A notice as GET /api/notices and GET /api/public/estates/:id/notices present it. */
export interface Notice {
  id: number;
  nodeId: number;
  nodeName: string;
  kind: NoticeKind;
  kindLabel: string;
  title: string;
  body: string;
  status: NoticeStatus;
  state: PublicityState;
  stateLabel: string;
  periodUnit: PeriodUnit | null;
  periodDays: number | null;
  /** 如 "5个工作日" */
  periodText: string | null;
  acceptsObjections: boolean;
  publishDate: string | null;
  endDate: string | null;
  calendarComplete: boolean | null;
  calendarWarning: string | null;
  supersedesId: number | null;
  supersededById: number | null;
  pendingCorrectionId?: number | null;
  /** files attached to the draft, frozen with the notice once published */
  attachments: NoticeAttachment[];
  /** 补录: a paper notice recorded after its posting day (issue 13) */
  backdate: { label: string; reason: string; photoAttachmentId: number | null; recordedOn: string | null } | null;
  /** absent on the public page */
  actions?: string[];
}

export interface Objection {
  id: number;
  noticeId: number;
  objectorName: string;
  objectorUnit: string | null;
  content: string;
  channel: 'online' | 'paper';
  receivedOn: string;
  verifyDue: string;
  verifyDueComplete: boolean;
  status: 'open' | 'upheld' | 'rejected';
  finding: string | null;
  resultNoticeId: number | null;
  overdue: boolean;
  actions: string[];
}

/** GET /api/notices/:id and every write on a notice */
export interface NoticeDetail extends Notice {
  objections: Objection[];
}

/** GET /api/public/estates/:id/notices */
export interface PublicEstateNotices {
  estate: { id: number; name: string; address: string | null; community: string | null; street: string | null };
  today: string;
  current: Notice[];
  past: Notice[];
}

export const STATE_COLOR: Record<PublicityState, string> = {
  draft: 'default',
  inPublicity: 'processing',
  ended: 'success',
  standing: 'blue',
  superseded: 'warning',
};

export const OBJECTION_STATUS: Record<Objection['status'], { label: string; color: string }> = {
  open: { label: '待核查', color: 'processing' },
  upheld: { label: '异议成立', color: 'error' },
  rejected: { label: '异议不成立', color: 'default' },
};

export const CHANNEL_LABEL: Record<Objection['channel'], string> = { online: '线上提交', paper: '纸质登记' };
