import { describe, expect, it } from 'vitest';
import { escalationLetter, letterKindLabel, letterLabel, newestFirst, todoScope } from './tickets';

describe('ticket letters', () => {
  it('names each letter by kind, number and date', () => {
    expect(letterLabel({ kind: 'supervision', number: '湘招督〔2026〕3号', issued_on: '2026-11-30' })).toBe(
      '督办函 湘招督〔2026〕3号（2026-11-30）',
    );
    expect(letterKindLabel('assignment')).toBe('交办函');
    expect(letterKindLabel('circular')).toBe('通报');
    expect(letterKindLabel('unknown')).toBe('文书');
  });

  it('names the letter each 督办 level issues', () => {
    expect(escalationLetter(1)).toBe('督办函');
    expect(escalationLetter(2)).toBe('通报');
  });

  it('lists the newest letter first without reordering the original', () => {
    const issued = ['交办函', '督办函', '通报'];
    expect(newestFirst(issued)).toEqual(['通报', '督办函', '交办函']);
    expect(issued).toEqual(['交办函', '督办函', '通报']);
  });
});

describe('待办 scope', () => {
  it('says what each role is waited on for', () => {
    expect(todoScope('coordinator')).toContain('待交办');
    expect(todoScope('coordinator')).toContain('全市已超期');
    expect(todoScope('supervisor')).toContain('已督办尚未办结');
    expect(todoScope('department_officer')).toContain('签收');
    expect(todoScope('unknown')).toBe('需要我处理的服务事项，按办理时限排列，超期的在前');
  });
});
