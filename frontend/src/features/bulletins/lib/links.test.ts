import { describe, expect, it } from 'vitest';
import { buildableHalves, halfLabel, listPage } from './links';

describe('bulletin links', () => {
  it('opens the SPA list of a figure with its filters', () => {
    expect(
      listPage({ path: '/api/v1/projects', query: { owner_unit_id: 'u1', signed_from: '2026-01-01', stage: ['started', 'operating'] } }),
    ).toBe('/projects?owner_unit_id=u1&signed_from=2026-01-01&stage=started&stage=operating');
    expect(listPage({ path: '/api/v1/tickets', query: {} })).toBe('/tickets');
    expect(listPage(null)).toBeNull();
    expect(listPage({ path: 'https://evil.example/x', query: {} })).toBeNull();
  });

  it('names and offers half years', () => {
    expect(halfLabel(2026, 1)).toBe('2026年上半年');
    expect(buildableHalves(new Date(2026, 10, 30), 3)).toEqual([
      { year: 2026, half: 2 },
      { year: 2026, half: 1 },
      { year: 2025, half: 2 },
    ]);
  });
});
