import { Select, type SelectProps } from 'antd';
import { toSelectOptions, useEnums, type EnumKey } from '@/lib/api/meta';

interface EnumSelectProps extends Omit<SelectProps<string[]>, 'options' | 'mode'> {
  /** Which API enum supplies the options (Chinese labels, English codes). */
  enumKey: EnumKey;
}

/** Any-of choice over one API enum (状态, 会议类型 …), a field of a list's search form. */
export function EnumSelect({ enumKey, ...props }: EnumSelectProps) {
  const enums = useEnums();
  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      options={toSelectOptions(enums.data?.[enumKey])}
      {...props}
    />
  );
}
