import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/lib/api/types';
import { unitForest } from './unit-tree';

type Unit = Schemas['UnitRead'];

const unit = (id: string, name: string, kind: Unit['kind'], parent_id: string | null = null): Unit => ({
  id,
  code: id,
  name,
  kind,
  parent_id,
  is_active: true,
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
});

const KINDS = ['bureau', 'district', 'park', 'department', 'leadership', 'office'];

describe('unitForest', () => {
  const units = [
    unit('fgw', '市发展和改革委员会', 'department'),
    unit('yuetang-jk', '岳塘经开区', 'park', 'yuetang'),
    unit('xtgx', '湘潭高新区', 'park'),
    unit('yuetang', '岳塘区', 'district'),
    unit('yuhu', '雨湖区', 'district'),
    unit('swj', '湘潭市商务局', 'bureau'),
  ];

  it('puts parks under their district and orders the top by kind, then name', () => {
    const forest = unitForest(units, KINDS);
    expect(forest.map((u) => u.id)).toEqual(['swj', 'yuhu', 'yuetang', 'xtgx', 'fgw']);
    expect(forest.find((u) => u.id === 'yuetang')?.children?.map((u) => u.id)).toEqual(['yuetang-jk']);
    expect(forest.find((u) => u.id === 'yuhu')?.children).toBeUndefined();
  });

  it('keeps a park at the top, in name order, when its district is filtered out', () => {
    const parks = units.filter((u) => u.kind === 'park');
    expect(unitForest(parks, KINDS).map((u) => u.id)).toEqual(['xtgx', 'yuetang-jk']);
  });
});
