import type { FigureCode, FigureInfo, FigureRow, FigureTotals } from '../../../core/overview';

export interface OverviewNode {
  id: number;
  name: string;
  kind: string;
  kindLabel: string;
}

export interface ChildTotals extends FigureTotals {
  id: number;
  name: string;
}

export interface Figure extends FigureInfo, FigureTotals {
  code: FigureCode;
  rows: number;
  byChild: ChildTotals[];
}

/** GET /api/overview */
export interface Overview {
  today: string;
  year: number;
  countedAt: string;
  node: OverviewNode | null;
  path: OverviewNode[];
  children: OverviewNode[];
  figures: Figure[];
  funnel: { state: string; label: string; count: number }[];
  coverage: { of: number; points: { month: string; value: number; of: number; rate: number | null }[] };
  classes: { code: string; label: string; estates: number; byChild: { id: number; name: string; estates: number }[] }[];
  pilots: { estateId: number; name: string; classLabel: string }[];
  plans: { streetId: number; streetName: string; name: string; deadline: string; phases: { name: string; from: string; to: string }[] }[];
}

/** GET /api/overview/figures/:code */
export interface FigureList {
  figure: Figure;
  items: FigureRow[];
}

/** "12/16（75%）" for a rate, the count for the others. */
export function figureText(f: Pick<Figure, 'kind'> & FigureTotals): string {
  if (f.kind !== 'rate') return String(f.value);
  return `${f.value}/${f.of}${f.rate === null ? '（无数据）' : `（${f.rate}%）`}`;
}
