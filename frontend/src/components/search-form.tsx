import { DownOutlined, FilterOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Drawer, Flex, Form, Row } from 'antd';
import { Children, useEffect, useState, type ReactNode } from 'react';
import { useIsPhone } from '@/lib/use-phone';

type Values = Record<string, unknown>;

export interface SearchFlag {
  /** A yes/no filter of the list (`overdue`), offered as one tick in 其他条件. */
  key: string;
  label: string;
}

interface SearchFormProps<F extends object> {
  testId: string;
  /** The filters applied now (from the address). */
  filters: F;
  /** 查询 applies the form; 重置 applies the empty form. `sort` and other keys the form does
   * not hold are kept as they are. */
  onSearch: (filters: F) => void;
  /** Yes/no filters, shown together as ticks. */
  flags?: readonly SearchFlag[];
  /** Fields whose form value differs from the filter (a date range held as two dates). */
  toForm?: (filters: F) => Values;
  fromForm?: (values: Values) => Partial<F>;
  /** How many fields a desktop shows before 展开. */
  visible?: number;
  /** The labelled fields: `<Form.Item name="q" label="关键词">…</Form.Item>`. */
  children: ReactNode;
}

const FLAGS = '__flags';

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * A list's search form, as the admin systems its users know have it: labelled fields in a grid,
 * 查询 and 重置, 展开/收起 when there are many. Nothing applies until 查询 (or Enter). On a phone a
 * 筛选 button (with the number of conditions in force) opens the same form in a bottom drawer.
 */
export function SearchForm<F extends object>({
  testId,
  filters,
  onSearch,
  flags = [],
  toForm,
  fromForm,
  visible = 6,
  children,
}: SearchFormProps<F>) {
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const fields = Children.toArray(children);
  const [expanded, setExpanded] = useState(false);

  // The form shows what is applied: on load, and when back/forward changes the address.
  useEffect(() => {
    const current = filters as Values;
    form.resetFields();
    form.setFieldsValue({
      ...current,
      ...toForm?.(filters),
      [FLAGS]: flags.filter((f) => current[f.key] === true).map((f) => f.key),
    });
    // flags and toForm are constant per page
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters, form]);

  const apply = (values: Values) => {
    const { [FLAGS]: ticked, ...rest } = values;
    const next: Values = { ...(filters as Values) };
    for (const key of Object.keys(rest)) next[key] = isBlank(rest[key]) ? undefined : rest[key];
    const ticks = (ticked as string[] | undefined) ?? [];
    for (const f of flags) next[f.key] = ticks.includes(f.key) ? true : undefined;
    Object.assign(next, fromForm?.(values));
    for (const key of Object.keys(next)) if (isBlank(next[key])) delete next[key];
    onSearch(next as F);
    setOpen(false);
  };
  const reset = () => {
    form.resetFields();
    apply({});
  };

  const flagField = flags.length ? (
    <Form.Item name={FLAGS} label="其他条件" key={FLAGS}>
      <Checkbox.Group options={flags.map((f) => ({ value: f.key, label: f.label }))} />
    </Form.Item>
  ) : null;
  const all = flagField ? [...fields, flagField] : fields;
  const buttons = (
    <>
      <Button onClick={reset} data-testid="search-reset">
        重置
      </Button>
      <Button type="primary" htmlType="submit" data-testid="search-submit">
        查询
      </Button>
    </>
  );

  if (phone) {
    const active = Object.entries(filters).filter(([k, v]) => k !== 'sort' && !isBlank(v)).length;
    return (
      <>
        <Button block icon={<FilterOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }} data-testid="filter-button">
          筛选{active ? `（${active}）` : ''}
        </Button>
        <Drawer
          title="筛选"
          placement="bottom"
          size="85vh"
          open={open}
          onClose={() => setOpen(false)}
          forceRender
          styles={{ body: { overflowY: 'auto' } }}
          footer={
            <Flex gap={12} className="search-drawer-footer">
              <Button block onClick={reset}>
                重置
              </Button>
              <Button block type="primary" onClick={() => form.submit()} data-testid="search-drawer-submit">
                查询
              </Button>
            </Flex>
          }
        >
          <Form form={form} layout="vertical" onFinish={apply} className="filter-drawer" data-testid={testId}>
            {all}
          </Form>
        </Drawer>
      </>
    );
  }

  const shown = expanded ? all : all.slice(0, visible);
  return (
    <Form
      form={form}
      onFinish={apply}
      labelCol={{ flex: '0 0 84px' }}
      wrapperCol={{ flex: '1 1 0' }}
      labelWrap
      className="search-form"
      data-testid={testId}
    >
      <Row gutter={[16, 0]}>
        {all.map((field, i) => (
          // Folded fields stay mounted (hidden) so their values are kept and applied.
          <Col key={i} xs={24} md={12} xl={8} xxl={6} style={shown.includes(field) ? undefined : { display: 'none' }}>
            {field}
          </Col>
        ))}
        <Col flex="auto">
          <Flex justify="flex-end" gap={8} style={{ marginBottom: 16 }}>
            {buttons}
            {all.length > visible ? (
              <Button type="link" onClick={() => setExpanded((e) => !e)} icon={expanded ? <UpOutlined /> : <DownOutlined />} iconPlacement="end">
                {expanded ? '收起' : '展开'}
              </Button>
            ) : null}
          </Flex>
        </Col>
      </Row>
    </Form>
  );
}
