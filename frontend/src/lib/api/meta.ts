import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';
import type { EnumOption, EnumsRead } from './types';

/** Chinese labels for every enum the API speaks in English codes. */
export function useEnums() {
  return useQuery({
    queryKey: ['meta', 'enums'],
    queryFn: () => unwrap(api.GET('/api/v1/meta/enums')),
    staleTime: Infinity,
  });
}

export type EnumKey = keyof EnumsRead;

export function labelOf(options: EnumOption[] | undefined, value: string | null | undefined): string {
  if (!value) return '—';
  return options?.find((o) => o.value === value)?.label ?? value;
}

export function toSelectOptions(options: EnumOption[] | undefined) {
  return (options ?? []).map((o) => ({ value: o.value, label: o.label }));
}
