import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

interface ProjectOption {
  id: string;
  code: string;
  name: string;
}

type ProjectSelectProps = Omit<SelectProps, 'options' | 'showSearch'> & {
  /** Projects already chosen (editing), so their names show before any search. */
  initialOptions?: ProjectOption[];
};

/**
 * Project picker searching by name, code or investor on the server. Chosen projects keep
 * their names while the search shows others (one or several, `mode="multiple"`).
 */
export function ProjectSelect({ initialOptions, ...props }: ProjectSelectProps) {
  const [q, setQ] = useState('');
  const seen = useRef(new Map<string, string>((initialOptions ?? []).map((p) => [p.id, `${p.code} ${p.name}`])));
  const { data, isFetching } = useQuery({
    queryKey: ['projects', 'pick', q],
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects', { params: { query: { q: q || undefined, limit: 20, sort: '-updated_at' } } })),
    staleTime: 10_000,
  });
  const value: unknown = props.value;
  // `seen` caches the labels already shown so a chosen project keeps its name once the search
  // moves on; filling and reading it while rendering is idempotent and triggers no render.
  /* eslint-disable react-hooks/refs -- see above */
  const options = useMemo(() => {
    const found = (data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }));
    for (const o of found) seen.current.set(o.value, o.label);
    const chosen = (Array.isArray(value) ? value : value ? [value] : []).filter(
      (v): v is string => typeof v === 'string' && !found.some((o) => o.value === v),
    );
    return [...chosen.map((v) => ({ value: v, label: seen.current.get(v) ?? v })), ...found];
  }, [data, value]);
  /* eslint-enable react-hooks/refs */
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入项目名称或代码搜索"
      loading={isFetching}
      options={options}
      {...props}
    />
  );
}
