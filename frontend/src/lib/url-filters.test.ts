import { describe, expect, it } from 'vitest';
import { parseFilters, toSearchParams, type FilterSpec } from './url-filters';

interface Filters {
  q?: string;
  state?: string[];
  overdue?: boolean;
  escalation_level?: number;
  sort?: string;
}

const SPEC: FilterSpec<Filters> = { q: 'string', state: 'strings', overdue: 'boolean', escalation_level: 'number', sort: 'string' };

describe('list filters in the address', () => {
  it('round-trips every kind of filter', () => {
    const filters: Filters = { q: '园区 用地', state: ['assigned', 'accepted'], overdue: true, escalation_level: 1, sort: '-due_date' };
    const search = toSearchParams(filters).toString();
    expect(search).toBe('q=%E5%9B%AD%E5%8C%BA+%E7%94%A8%E5%9C%B0&state=assigned&state=accepted&overdue=true&escalation_level=1&sort=-due_date');
    expect(parseFilters(new URLSearchParams(search), SPEC)).toEqual(filters);
  });

  it('leaves out blanks and an empty list, keeps false', () => {
    expect(toSearchParams({ q: '', state: [], sort: undefined, escalation_level: null }).toString()).toBe('');
    expect(toSearchParams({ overdue: false }).toString()).toBe('overdue=false');
    expect(parseFilters(new URLSearchParams('overdue=false'), SPEC)).toEqual({ overdue: false });
  });

  it('ignores parameters it does not know and values it cannot read', () => {
    const parsed = parseFilters(new URLSearchParams('escalation_level=abc&overdue=yes&cursor=x&q='), SPEC);
    expect(parsed).toEqual({});
  });

  it('keeps 0 as a number', () => {
    expect(parseFilters(new URLSearchParams('escalation_level=0'), SPEC)).toEqual({ escalation_level: 0 });
  });
});
