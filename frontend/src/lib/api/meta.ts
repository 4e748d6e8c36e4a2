import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import bundled from './enums.json';
import { unwrap } from './problem';
import type { EnumOption, EnumsRead } from './types';

/** The labels the SPA ships with: generated from the API by `make client` (a backend test
 * keeps them equal), so a page never shows an English code while /meta/enums loads. */
export const BUNDLED_ENUMS: EnumsRead = bundled;

/** Chinese labels for every enum the API speaks in English codes: the bundled ones at once,
 * then the server's (the same, unless the server is newer than this build). */
export function useEnums() {
  return useQuery({
    queryKey: ['meta', 'enums'],
    queryFn: () => unwrap(api.GET('/api/v1/meta/enums')),
    initialData: BUNDLED_ENUMS,
    initialDataUpdatedAt: 0,
    staleTime: 60 * 60_000,
  });
}

export type EnumKey = keyof EnumsRead;

/** The label of a code; never the code itself: an unknown one reads 未知. */
export function labelOf(options: EnumOption[] | undefined, value: string | null | undefined): string {
  if (!value) return '—';
  return options?.find((o) => o.value === value)?.label ?? '未知';
}

/** The label of a code of one enum, without a hook (the bundled labels). */
export function enumLabel(key: EnumKey, value: string | null | undefined): string {
  return labelOf(BUNDLED_ENUMS[key], value);
}

export function toSelectOptions(options: EnumOption[] | undefined) {
  return (options ?? []).map((o) => ({ value: o.value, label: o.label }));
}
