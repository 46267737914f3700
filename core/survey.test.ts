import { describe, expect, it } from 'vitest';
import {
  classify,
  classListProblems,
  classRuleOf,
  committeeComplete,
  DEFAULT_CLASSES,
  governanceFromSurvey,
  surveyProblems,
  type SurveyAnswers,
} from './survey.js';

const base: SurveyAnswers = {
  ownersCommittee: 'none',
  committeeSeats: null,
  committeeMembers: null,
  committeeTermStart: null,
  committeeTermEnd: null,
  assemblyHeld: false,
  assemblyConditions: false,
  assemblyDifficulty: null,
  singleOwner: false,
  companyName: '安居物业',
  companyParty: 'established',
  gridWorkers: ['陈刚'],
  problems: [],
  problemNote: null,
};
const s = (over: Partial<SurveyAnswers>): SurveyAnswers => ({ ...base, ...over });
const running = s({ ownersCommittee: 'running', assemblyHeld: true, committeeSeats: 5, committeeMembers: 5 });

describe('survey → governance status (R26)', () => {
  it('R26: no assembly possible → pending, assemblyNotPossible', () => {
    expect(governanceFromSurvey(base)).toMatchObject({ status: 'pending', reason: 'assemblyNotPossible' });
  });
  it('R26: conditions met but truly difficult → pending, trulyDifficult; the difficulty must be written', () => {
    const a = s({ assemblyConditions: true, assemblyDifficulty: '业主多在外地' });
    expect(governanceFromSurvey(a)).toMatchObject({ status: 'pending', reason: 'trulyDifficult' });
    expect(surveyProblems(s({ assemblyConditions: true })).map((p) => p.field)).toEqual(['assemblyDifficulty']);
    expect(surveyProblems(a)).toEqual([]);
  });
  it('R26: assembly held, no committee elected → pending, noCommitteeElected', () => {
    expect(governanceFromSurvey(s({ assemblyHeld: true }))).toMatchObject({ status: 'pending', reason: 'noCommitteeElected' });
  });
  it('a running committee → ownersCommittee without reason; expired or paralysed → committeeExpired, noCommitteeElected', () => {
    expect(governanceFromSurvey(running)).toMatchObject({ status: 'ownersCommittee', reason: null });
    for (const c of ['expired', 'paralysed'] as const)
      expect(governanceFromSurvey({ ...running, ownersCommittee: c })).toMatchObject({
        status: 'committeeExpired',
        reason: 'noCommitteeElected',
      });
  });
  it('single owner → notNeeded, whatever else was answered', () => {
    expect(governanceFromSurvey(s({ singleOwner: true, assemblyConditions: true }))).toMatchObject({ status: 'notNeeded', reason: null });
  });
  it('a committee needs its seat counts and a held assembly; no committee, no counts', () => {
    expect(surveyProblems(s({ ownersCommittee: 'running' })).map((p) => p.field)).toEqual(['assemblyHeld', 'committeeMembers']);
    expect(surveyProblems(s({ committeeSeats: 5 })).map((p) => p.field)).toEqual(['committeeMembers']);
    expect(surveyProblems(running)).toEqual([]);
  });
  it('completeness at its boundary: members = seats complete, one fewer not', () => {
    expect(committeeComplete({ committeeSeats: 5, committeeMembers: 5 })).toBe(true);
    expect(committeeComplete({ committeeSeats: 5, committeeMembers: 4 })).toBe(false);
    expect(committeeComplete({ committeeSeats: null, committeeMembers: 4 })).toBeNull();
  });
});

describe('classification rules', () => {
  const facts = (status: Parameters<typeof classRuleOf>[0]['status'], survey: SurveyAnswers | null = null) => ({
    status,
    reason: null,
    survey,
  });
  it('each status falls in its class; without a survey the reason says so', () => {
    expect(classRuleOf(facts('ownersCommittee', running)).rule).toBe('ownersCommittee');
    expect(classRuleOf(facts('pmcRunning')).rule).toBe('pmc');
    expect(classRuleOf(facts('pmcRunning')).reason).toMatch(/^尚未调查摸底/);
    for (const st of ['pending', 'committeeExpired', 'formingPmc'] as const) expect(classRuleOf(facts(st)).rule).toBe('toForm');
    expect(classRuleOf({ status: 'pending', reason: 'trulyDifficult', survey: base }).reason).toBe('待组建（R26：具备条件但确有困难）');
    expect(classRuleOf(facts('notNeeded')).rule).toBe('notNeeded');
  });
  it('问题小区 at its boundaries: 2 ordinary problems no, 3 yes, 1 serious yes', () => {
    expect(classRuleOf(facts('pending', s({ problems: ['feeArrears', 'facilities'] }))).rule).toBe('toForm');
    const three = classRuleOf(facts('pending', s({ problems: ['feeArrears', 'facilities', 'publicIncome'] })));
    expect(three.rule).toBe('problem');
    expect(three.reason).toContain('主要问题 3 项');
    const serious = classRuleOf(facts('pmcRunning', s({ problems: ['conflicts'] })));
    expect(serious).toEqual({ rule: 'problem', reason: '调查摸底：矛盾突出、信访集中' });
  });
  it('an incomplete or paralysed committee is a 问题小区; a complete one 规范运行', () => {
    expect(classRuleOf(facts('ownersCommittee', { ...running, committeeMembers: 4 })).reason).toBe(
      '调查摸底：业委会成员不齐全（实有 4 人，应有 5 人）',
    );
    expect(classRuleOf(facts('committeeExpired', { ...running, ownersCommittee: 'paralysed' })).rule).toBe('problem');
    expect(classRuleOf(facts('ownersCommittee', running)).reason).toBe('已成立业主大会/业委会，成员齐全');
  });
  it('an override wins with its reason; an override to a removed class falls back to the rule', () => {
    const classes = [...DEFAULT_CLASSES, { code: 'key', label: '重点培育', measures: '', rule: null }];
    expect(classify(classes, facts('pending'), { classCode: 'key', reason: '街道重点' })).toEqual({
      classCode: 'key',
      classLabel: '重点培育',
      reason: '街道调整：街道重点',
      overridden: true,
    });
    expect(classify(DEFAULT_CLASSES, facts('pending'), { classCode: 'key', reason: 'x' })).toMatchObject({
      classCode: 'toForm',
      overridden: false,
    });
  });
  it('a class list needs every rule exactly once and unique codes', () => {
    expect(classListProblems(DEFAULT_CLASSES)).toEqual([]);
    expect(classListProblems(DEFAULT_CLASSES.slice(1))).toHaveLength(1);
    const dup = [...DEFAULT_CLASSES, { ...DEFAULT_CLASSES[0]!, code: 'other' }];
    expect(classListProblems(dup)).toEqual(['规则“已成立业委会”对应了 2 个分类，只能对应一个']);
    expect(classListProblems([...DEFAULT_CLASSES, { ...DEFAULT_CLASSES[0]!, rule: null }])).toEqual(['分类代码“standard”重复']);
  });
});
