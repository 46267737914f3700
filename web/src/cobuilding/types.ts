export interface Shift {
  id: number;
  startsAt: string;
  endsAt: string;
  dutyKindLabel: string;
  name: string;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  flagged: boolean;
  status: 'scheduled' | 'onDuty' | 'done' | 'missed';
  label: string;
  station?: string;
  place?: string;
}
export interface Station {
  id: number;
  name: string;
  place: string;
  openingHours: string;
  active: boolean;
  nodeId: number;
  nodeName: string;
  nodeKindLabel: string;
  shifts: Shift[];
}
export interface Wish {
  id: number;
  estateId: number;
  estateName: string;
  title: string;
  content: string;
  stateLabel: string;
  state: string;
  mine: boolean;
  reviewNote: string | null;
  claimer: string | null;
  fulfilNote: string | null;
  photos: number[];
  actions: ('review' | 'claim' | 'fulfil')[];
}
export interface Pledge {
  id: number;
  estateName: string;
  personName: string;
  title: string;
  content: string;
  stateLabel: string;
  state: string;
  progress: { onDate: string; note: string; minutes: number }[];
}
export const SHIFT_COLOR: Record<Shift['status'], string> = { scheduled: 'blue', onDuty: 'green', done: 'default', missed: 'red' };
