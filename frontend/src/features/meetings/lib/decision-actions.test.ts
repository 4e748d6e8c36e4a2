import { describe, expect, it } from 'vitest';
import { decisionButtons, toTicketsHint } from './decision-actions';

const labels = (actions: string[]) => decisionButtons(actions).map((a) => a.label);

describe('decision buttons', () => {
  it('shows only what the server allows, in working order, without 报送进展', () => {
    expect(labels(['edit', 'in_progress', 'done', 'cancelled', 'to_tickets', 'report'])).toEqual([
      '转交办',
      '开始落实',
      '标记完成',
      '编辑',
      '取消事项',
    ]);
    expect(labels(['in_progress', 'report'])).toEqual(['开始落实']);
    expect(labels([])).toEqual([]);
  });

  it('needs a reason to cancel, not to start or finish', () => {
    const specs = decisionButtons(['in_progress', 'done', 'cancelled']);
    expect(specs.map((s) => [s.toState, s.noteRequired ?? false])).toEqual([
      ['in_progress', false],
      ['done', false],
      ['cancelled', true],
    ]);
  });
});

describe('why there is no 转交办', () => {
  const base = { state: 'open', actions: ['edit', 'cancelled'], projects: [{}], tickets: [] as { state: string }[] };

  it('says nothing when the button is there or the decision is finished', () => {
    expect(toTicketsHint({ ...base, actions: ['to_tickets'] })).toBeNull();
    expect(toTicketsHint({ ...base, state: 'done', projects: [] })).toBeNull();
  });

  it('names the missing project, and how to add one while the decision can be edited', () => {
    expect(toTicketsHint({ ...base, projects: [] })).toBe('议定事项未关联项目，不能转交办：请先编辑议定事项，选择相关项目');
    expect(toTicketsHint({ ...base, actions: ['cancelled'], projects: [] })).toBe('议定事项未关联项目，不能转交办');
  });

  it('tells open tickets from units that are not departments', () => {
    expect(toTicketsHint({ ...base, tickets: [{ state: 'assigned' }, { state: 'closed' }] })).toBe(
      '各职能部门都已有未办结的交办单，办结后可再次转交办',
    );
    expect(toTicketsHint({ ...base, tickets: [{ state: 'closed' }] })).toBe('责任单位和配合单位中没有职能部门，无需转交办');
  });
});
