/** The eight stages of the investment workflow, in order (《湘潭市招商引资工作流程》). */
export const STAGE_ORDER = ['lead', 'evaluation', 'contact', 'negotiation', 'review', 'signed', 'started', 'operating'] as const;

export const STAGE_COLORS: Record<string, string> = {
  lead: 'default',
  evaluation: 'cyan',
  contact: 'blue',
  negotiation: 'geekblue',
  review: 'purple',
  signed: 'green',
  started: 'lime',
  operating: 'gold',
  shelved: 'orange',
  dropped: 'red',
};

/** Index in the sequence, or -1 for shelved/dropped. */
export function stageIndex(stage: string): number {
  return (STAGE_ORDER as readonly string[]).indexOf(stage);
}
