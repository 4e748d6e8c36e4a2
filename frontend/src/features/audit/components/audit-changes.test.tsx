import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AuditChanges } from './audit-changes';

describe('AuditChanges', () => {
  it('shows each changed field by its Chinese name, old struck through, then new', () => {
    render(
      <AuditChanges
        changes={[
          { field: 'stage', label: '阶段', before: '信息收集', after: '项目评估' },
          { field: 'planned_investment', label: '计划总投资', before: '1,000.00 万元', after: '12,345.50 万元' },
        ]}
      />,
    );
    const rows = screen.getByTestId('audit-changes').querySelectorAll('.audit-change');
    expect(rows).toHaveLength(2);
    const money = rows[1] as HTMLElement;
    expect(within(money).getByText('计划总投资')).toBeInTheDocument();
    expect(within(money).getByText('1,000.00 万元').closest('del')).not.toBeNull();
    expect(within(money).getByText('12,345.50 万元').closest('del')).toBeNull();
    expect(money.textContent).toBe('计划总投资1,000.00 万元 → 12,345.50 万元');
    expect(screen.queryByText('stage')).toBeNull();
  });

  it('shows a filled-in field alone and a cleared one as emptied', () => {
    render(
      <AuditChanges
        changes={[
          { field: 'urgency', label: '紧急程度', before: null, after: '急办' },
          { field: 'blocker_note', label: '卡点说明', before: '用地指标未落实', after: null },
        ]}
      />,
    );
    const [added, cleared] = Array.from(screen.getByTestId('audit-changes').querySelectorAll('dd'));
    expect(added.textContent).toBe('急办');
    expect(cleared.textContent).toBe('用地指标未落实 → （空）');
  });

  it('shows the first few of a long list and how many there are', () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ field: `f${i}`, label: `字段${i}`, before: null, after: `值${i}` }));
    render(<AuditChanges changes={many} limit={4} />);
    expect(screen.getByTestId('audit-changes').querySelectorAll('.audit-change')).toHaveLength(4);
    expect(screen.getByText('…… 共 6 项')).toBeInTheDocument();
    expect(screen.queryByText('字段4')).toBeNull();
  });

  it('says so when nothing changed', () => {
    render(<AuditChanges changes={[]} />);
    expect(screen.getByText('没有字段变化')).toBeInTheDocument();
  });
});
