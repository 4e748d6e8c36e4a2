import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { api } from '@/lib/api/client';
import { labelOf, useEnums } from '@/lib/api/meta';
import { unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';

type Unit = Schemas['UnitRead'];

/** Every unit (a few dozen): loaded once and shared by pickers and name look-ups. */
export function useAllUnits() {
  return useQuery({
    queryKey: ['units', 'all'],
    queryFn: async () => {
      const all: Unit[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.GET('/api/v1/units', { params: { query: { limit: 200, cursor } } }));
        all.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      return all;
    },
    staleTime: 60_000,
  });
}

export function useUnitNames(): Map<string, string> {
  const { data } = useAllUnits();
  return useMemo(() => new Map((data ?? []).map((u) => [u.id, u.name])), [data]);
}

interface UnitSelectProps extends Omit<SelectProps<string>, 'options'> {
  kinds?: string[];
  includeInactive?: boolean;
  excludeId?: string;
}

/** Unit picker grouped by kind, searchable by name or code. */
export function UnitSelect({ kinds, includeInactive, excludeId, ...props }: UnitSelectProps) {
  const { data, isLoading } = useAllUnits();
  const enums = useEnums();
  const options = useMemo(() => {
    const units = (data ?? []).filter(
      (u) => (includeInactive || u.is_active) && (!kinds || kinds.includes(u.kind)) && u.id !== excludeId,
    );
    const groups = new Map<string, { label: string; value: string; code: string }[]>();
    for (const u of units) {
      const list = groups.get(u.kind) ?? [];
      list.push({ label: u.name, value: u.id, code: u.code });
      groups.set(u.kind, list);
    }
    return [...groups].map(([kind, opts]) => ({ label: labelOf(enums.data?.unit_kinds, kind), options: opts }));
  }, [data, kinds, includeInactive, excludeId, enums.data]);

  return (
    <Select
      showSearch={{ optionFilterProp: ['label', 'code'] }}
      placeholder="选择单位"
      loading={isLoading}
      options={options}
      allowClear
      {...props}
    />
  );
}
