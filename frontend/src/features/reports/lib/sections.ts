/** The narrative sections the bureau's rules name, in order: field, heading, hint. */
export const NARRATIVE = [
  ['measures', '重大措施', '本期采取的重大招商举措'],
  ['meetings', '重要会议', '召开或参加的重要会议'],
  ['activities', '重要活动', '招商推介、考察对接等活动'],
  ['project_progress', '重点项目进展', '重点项目的洽谈、签约、开工、投产进展'],
  ['problems', '存在问题', '需要协调解决的困难和问题'],
  ['next_plan', '下月工作计划', '下一阶段的工作安排'],
] as const;

export type NarrativeKey = (typeof NARRATIVE)[number][0];
