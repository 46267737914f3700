/**
 * A property company's credit inputs (R39, seed item 2 and 9): each input is a score 0–100 with the
 * figures it came from; the grade is the weighted mean of the inputs that have data (an input
 * without data — no tickets, no questions — is left out and the weights of the others carry), placed
 * in the bands. Weights and bands are settings; the Yantai scale of R39 is the default.
 */

export const CREDIT_INPUTS = ['partyOrg', 'partyShare', 'disclosure', 'questions', 'tickets', 'evaluations'] as const;
export type CreditInput = (typeof CREDIT_INPUTS)[number];

export const CREDIT_INPUT_LABEL: Record<CreditInput, string> = {
  partyOrg: '党组织建设（R39）',
  partyShare: '党员员工占比',
  disclosure: '十公开完整及时',
  questions: '业主质询按时答复',
  tickets: '工单按时办结',
  evaluations: '业主评价满意',
};

export interface CreditSettings {
  /** relative weights; they need not sum to 100 */
  weights: Record<CreditInput, number>;
  /** the share of party members (正式+预备) among staff that scores 100 (num/den) */
  partyShareTarget: { num: number; den: number };
  /** score of each R39 status */
  partyOrgScore: { established: number; instructor: number; needsInstructor: number; shouldEstablish: number };
  /** grade bands, highest first: a score ≥ min gets the grade */
  bands: { grade: string; min: number }[];
}

/** Yantai/Shandong (R39): AAA ≥85, AA 80–<85, A 70–<80, B 60–<70, C <60. */
export const YANTAI_CREDIT_SETTINGS: CreditSettings = {
  weights: { partyOrg: 20, partyShare: 10, disclosure: 25, questions: 15, tickets: 20, evaluations: 10 },
  partyShareTarget: { num: 1, den: 5 },
  partyOrgScore: { established: 100, instructor: 80, needsInstructor: 40, shouldEstablish: 0 },
  bands: [
    { grade: 'AAA', min: 85 },
    { grade: 'AA', min: 80 },
    { grade: 'A', min: 70 },
    { grade: 'B', min: 60 },
    { grade: 'C', min: 0 },
  ],
};

export interface InputScore {
  input: CreditInput;
  label: string;
  /** 0–100 with one decimal, null when there is no data */
  score: number | null;
  weight: number;
  /** the weighted points this input contributed (one decimal), null when left out */
  points: number | null;
  /** how the score was reached, in words */
  explanation: string;
}

/** Rounds to one decimal the same way everywhere. */
export const round1 = (x: number) => Math.round(x * 10) / 10;

/** A ratio as a 0–100 score, capped at 100; null when the denominator is 0. */
export function ratioScore(num: number, den: number, target: { num: number; den: number } = { num: 1, den: 1 }): number | null {
  if (den <= 0) return null;
  // num/den ÷ target, capped: computed by cross-multiplication before the one division
  const s = (num * target.den * 100) / (den * target.num);
  return round1(Math.min(100, s));
}

export function gradeOf(score: number, bands: CreditSettings['bands']): string {
  for (const b of bands) if (score >= b.min) return b.grade;
  return bands[bands.length - 1]?.grade ?? '';
}

/** The weighted grade from the inputs' scores, each input's share of the total shown. */
export function creditGrade(
  scores: { input: CreditInput; score: number | null; explanation: string }[],
  settings: CreditSettings,
): { score: number | null; grade: string | null; inputs: InputScore[]; explanation: string } {
  const used = scores.filter((s) => s.score !== null && settings.weights[s.input] > 0);
  const weightSum = used.reduce((a, s) => a + settings.weights[s.input], 0);
  const inputs: InputScore[] = scores.map((s) => {
    const weight = settings.weights[s.input];
    const counted = s.score !== null && weight > 0 && weightSum > 0;
    return {
      input: s.input,
      label: CREDIT_INPUT_LABEL[s.input],
      score: s.score,
      weight,
      points: counted ? round1((s.score! * weight) / weightSum) : null,
      explanation: s.score === null ? `${s.explanation}（无数据，不计入，权重由其他项分摊）` : s.explanation,
    };
  });
  if (weightSum === 0) return { score: null, grade: null, inputs, explanation: '没有可计入的数据，暂不评级' };
  const score = round1(used.reduce((a, s) => a + s.score! * settings.weights[s.input], 0) / weightSum);
  const grade = gradeOf(score, settings.bands);
  const band = settings.bands.find((b) => b.grade === grade)!;
  const next = settings.bands[settings.bands.indexOf(band) - 1];
  const explanation =
    `加权得分 ${score} = ${used.map((s) => `${CREDIT_INPUT_LABEL[s.input]} ${s.score}×${settings.weights[s.input]}`).join(' + ')}，除以权重合计 ${weightSum}；` +
    `${grade} 档为 ${band.min} 分及以上${next ? `、不足 ${next.min} 分` : ''}`;
  return { score, grade, inputs, explanation };
}
