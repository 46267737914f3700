import type { GovernanceStatusCode } from '../../../core/formation';
import type { ClassRule, EstateClassDef, SurveyAnswers } from '../../../core/survey';

/** What GET /api/estates/:id/survey answers. */
export interface SurveyPageData {
  estate: { id: number; name: string; communityName: string | null };
  governance: {
    status: GovernanceStatusCode;
    statusLabel: string;
    reason: string | null;
    reasonLabel: string | null;
    decidedByFormation: boolean;
  };
  class: EstateClassInfo;
  known: {
    company: { name: string; partyOrg: string | null; instructor: string | null } | null;
    gridWorkers: { name: string; grid: string }[];
    ownersCommittee: { producedOn: string; termEnd: string | null; members: number } | null;
  };
  prefill: SurveyAnswers;
  canFill: boolean;
  history: SurveyRecord[];
}

export interface EstateClassInfo {
  classCode: string;
  classLabel: string;
  reason: string;
  overridden: boolean;
}

export interface SurveyRecord {
  id: number;
  at: string;
  by: string;
  status: GovernanceStatusCode;
  statusLabel: string;
  reasonLabel: string | null;
  governanceApplied: boolean;
  answers: SurveyAnswers;
}

export interface ClassifiedEstate extends EstateClassInfo {
  id: number;
  name: string;
  communityName: string;
  status: GovernanceStatusCode;
  statusLabel: string;
  surveyedOn: string | null;
  pilot: boolean;
  pilotReason: string | null;
}

/** What GET /api/survey/classification answers. */
export interface ClassificationData {
  streetId: number | null;
  classes: EstateClassDef[] | null;
  canManage: boolean;
  estates: ClassifiedEstate[];
  pilots: ClassifiedEstate[];
  counts: { code: string; label: string; estates: number }[];
}

export type { ClassRule, EstateClassDef, SurveyAnswers };
