import { Input, Select } from 'antd';
import { toSelectOptions, useEnums, type EnumKey } from '@/lib/api/meta';

interface SearchFilterProps {
  placeholder: string;
  width?: number;
  /** The trimmed query, or `undefined` when it is blank (cleared). */
  onSearch: (q: string | undefined) => void;
}

/** Free-text filter of a list page: searches on Enter or the button, blank clears it. */
export function SearchFilter({ placeholder, width = 220, onSearch }: SearchFilterProps) {
  return (
    <Input.Search
      placeholder={placeholder}
      allowClear
      style={{ width }}
      onSearch={(q) => onSearch(q.trim() || undefined)}
    />
  );
}

interface MultiEnumFilterProps<T extends string> {
  /** Which API enum supplies the options (Chinese labels, English codes). */
  enumKey: EnumKey;
  placeholder: string;
  minWidth: number;
  'aria-label'?: string;
  /** The chosen codes, or `undefined` when none is chosen (no filter). */
  onChange: (values: T[] | undefined) => void;
}

/** Any-of filter over one API enum, e.g. 状态 or 会议类型. */
export function MultiEnumFilter<T extends string>({
  enumKey,
  placeholder,
  minWidth,
  'aria-label': ariaLabel,
  onChange,
}: MultiEnumFilterProps<T>) {
  const enums = useEnums();
  return (
    <Select<T[]>
      mode="multiple"
      placeholder={placeholder}
      allowClear
      maxTagCount="responsive"
      style={{ minWidth }}
      options={toSelectOptions(enums.data?.[enumKey])}
      onChange={(values) => onChange(values.length ? values : undefined)}
      aria-label={ariaLabel}
    />
  );
}
