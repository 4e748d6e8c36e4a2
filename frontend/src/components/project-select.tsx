import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

/** Project picker searching by name, code or investor on the server. */
export function ProjectSelect(props: Omit<SelectProps<string>, 'options' | 'showSearch'>) {
  const [q, setQ] = useState('');
  const { data, isFetching } = useQuery({
    queryKey: ['projects', 'pick', q],
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects', { params: { query: { q: q || undefined, limit: 20, sort: '-updated_at' } } })),
    staleTime: 10_000,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入项目名称或代码搜索"
      loading={isFetching}
      options={(data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
      {...props}
    />
  );
}
