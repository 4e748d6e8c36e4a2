/** Client-side checks and helpers that mirror the server's rules (the server decides). */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015): null when valid, else the Chinese reason. */
export function creditCodeProblem(value: string): string | null {
  const code = value.trim().toUpperCase();
  if (code.length !== 18) return '统一社会信用代码应为 18 位';
  if ([...code].some((ch) => !CHARSET.includes(ch))) return '统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）';
  const total = WEIGHTS.reduce((sum, w, i) => sum + CHARSET.indexOf(code[i]) * w, 0);
  if (CHARSET[(31 - (total % 31)) % 31] !== code[17]) return '统一社会信用代码校验位不正确';
  return null;
}

/**
 * Money typed in 万元 → the API's decimal string (two places at most), or null when empty.
 * Throws on anything that is not a non-negative amount.
 */
export function toWanString(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).replace(/[,，\s]/g, '');
  if (text === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(text)) throw new Error('金额应为非负数，最多两位小数（单位：万元）');
  const [int, frac] = text.split('.');
  return `${int.replace(/^0+(?=\d)/, '')}${frac ? `.${frac}` : ''}`;
}

/** Which extra fields a transition into `stage` asks for. */
export type TransitionField = 'signed_date' | 'signed_amount' | 'agreement_type' | 'started_date' | 'production_date';

export function transitionFields(stage: string | undefined): TransitionField[] {
  switch (stage) {
    case 'signed':
      return ['signed_date', 'signed_amount', 'agreement_type'];
    case 'started':
      return ['started_date'];
    case 'operating':
      return ['production_date'];
    default:
      return [];
  }
}

export interface NextStageLike {
  stage: string;
  kind: string;
  reason_required: boolean;
  missing: string[];
}

/**
 * Gate items the dialog still shows as missing: a field the user is filling in
 * right now (e.g. 签约日期) no longer counts against the gate.
 */
export function openGaps(target: NextStageLike, filled: Partial<Record<TransitionField, unknown>>): string[] {
  const labels: Record<TransitionField, RegExp> = {
    signed_date: /签约日期/,
    signed_amount: /签约金额/,
    agreement_type: /协议类型/,
    started_date: /开工日期/,
    production_date: /投产日期/,
  };
  return target.missing.filter((m) => {
    for (const field of transitionFields(target.stage)) {
      const v = filled[field];
      if (labels[field].test(m) && v !== undefined && v !== null && v !== '') return false;
    }
    return true;
  });
}

/** Sum of scores and of maxima of an evaluation's items. */
export function scoreTotals(items: { score?: number | null; max_score?: number | null }[] | undefined): {
  total: number;
  max: number;
} {
  return (items ?? []).reduce(
    (acc, i) => ({ total: acc.total + (Number(i?.score) || 0), max: acc.max + (Number(i?.max_score) || 0) }),
    { total: 0, max: 0 },
  );
}

export const KIND_LABELS: Record<string, string> = {
  forward: '推进',
  back: '回退',
  exit: '退出',
  resume: '恢复',
};
