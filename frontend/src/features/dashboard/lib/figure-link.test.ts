import { describe, expect, it } from 'vitest';
import { parseFilters } from '@/lib/url-filters';
import { DECISION_FILTERS, PROJECT_FILTERS, TICKET_FILTERS } from '@/lib/list-filter-specs';
import { figureLink } from './figure-link';

const UNIT = '0b6a3c1e-8f5d-4c2a-9e71-3d2f8a6b4c10';

describe('figureLink', () => {
  it('maps a signing figure to the project list with every parameter the list reads back', () => {
    const query = {
      owner_unit_id: UNIT,
      industry_chain: 'new_energy',
      is_major: 'true',
      is_key: 'false',
      signed_from: '2026-01-01',
      signed_to: '2026-09-30',
      signed_amount_min: '10000',
    };
    const link = figureLink({ path: '/api/v1/projects', query });
    expect(link).not.toBeNull();
    const [route, search] = link!.split('?');
    expect(route).toBe('/projects');
    expect(parseFilters(new URLSearchParams(search), PROJECT_FILTERS)).toEqual({ ...query, is_major: true, is_key: false });
  });

  it('repeats a multi-valued parameter (the landed stages) and keeps the start dates', () => {
    const link = figureLink({
      path: '/api/v1/projects',
      query: { stage: ['started', 'operating'], started_from: '2026-01-01', started_to: '2026-12-31' },
    });
    expect(link).toBe('/projects?stage=started&stage=operating&started_from=2026-01-01&started_to=2026-12-31');
    const filters = parseFilters(new URLSearchParams(link!.split('?')[1]), PROJECT_FILTERS);
    expect(filters).toEqual({ stage: ['started', 'operating'], started_from: '2026-01-01', started_to: '2026-12-31' });
  });

  it('maps a department figure to the ticket list (states, overdue, escalation level, unit)', () => {
    const handling = figureLink({ path: '/api/v1/tickets', query: { unit_id: UNIT, department_id: UNIT, state: ['assigned', 'accepted', 'in_progress'] } });
    expect(handling).toBe(`/tickets?unit_id=${UNIT}&department_id=${UNIT}&state=assigned&state=accepted&state=in_progress`);
    const level = figureLink({ path: '/api/v1/tickets', query: { department_id: UNIT, escalation_level: 2 } });
    expect(parseFilters(new URLSearchParams(level!.split('?')[1]), TICKET_FILTERS)).toEqual({ department_id: UNIT, escalation_level: 2 });
    expect(figureLink({ path: '/api/v1/tickets', query: { department_id: UNIT, overdue: 'true' } })).toBe(
      `/tickets?department_id=${UNIT}&overdue=true`,
    );
  });

  it("maps a department's resolutions in the period, on time or all, to the ticket list", () => {
    const query = { department_id: UNIT, resolved_from: '2026-01-01', resolved_to: '2026-12-31', resolved_on_time: 'true' };
    const link = figureLink({ path: '/api/v1/tickets', query });
    expect(link).toBe(`/tickets?department_id=${UNIT}&resolved_from=2026-01-01&resolved_to=2026-12-31&resolved_on_time=true`);
    expect(parseFilters(new URLSearchParams(link!.split('?')[1]), TICKET_FILTERS)).toEqual({ ...query, resolved_on_time: true });
  });

  it('maps a leader project figure to its ticket list', () => {
    const link = figureLink({ path: '/api/v1/tickets', query: { project_id: UNIT, overdue: 'true' } });
    expect(link).toBe(`/tickets?project_id=${UNIT}&overdue=true`);
  });

  it('maps a unit decision figure to the decision list', () => {
    const link = figureLink({ path: '/api/v1/decisions', query: { unit_id: UNIT, state: ['open', 'in_progress'] } });
    expect(link).toBe(`/decisions?unit_id=${UNIT}&state=open&state=in_progress`);
    expect(parseFilters(new URLSearchParams(link!.split('?')[1]), DECISION_FILTERS)).toEqual({
      unit_id: UNIT,
      state: ['open', 'in_progress'],
    });
  });

  it('links nowhere rather than to a list that would show another total', () => {
    expect(figureLink({ path: '/api/v1/projects', query: { funds_from: '2026-01-01' } })).toBeNull();
    expect(figureLink({ path: '/api/v1/leaders', query: {} })).toBeNull();
    expect(figureLink({ path: '/api/v1/tickets', query: { escalation_level: 'high' } })).toBeNull();
    expect(figureLink({ path: '/api/v1/tickets', query: { overdue: 'yes' } })).toBeNull();
    expect(figureLink({ path: '/api/v1/projects', query: { owner_unit_id: [UNIT, UNIT] } })).toBeNull();
    expect(figureLink(null)).toBeNull();
  });

  it('links to the whole list when the figure has no filter', () => {
    expect(figureLink({ path: '/api/v1/decisions', query: {} })).toBe('/decisions');
  });
});
