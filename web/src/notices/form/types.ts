import type { NoticeKind, PeriodUnit } from '../../../../core/notices';

export type UnitChoice = PeriodUnit | 'none';

/** The draft form's values (create and edit). */
export interface NoticeFormValues {
  nodeId?: number;
  kind?: NoticeKind;
  title: string;
  body: string;
  periodUnit: UnitChoice;
  periodDays?: number | null;
  acceptsObjections: boolean;
}
