import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useDictionary } from '@/lib/api/dictionaries';
import { toSelectOptions, useEnums } from '@/lib/api/meta';
import type { Project, ProjectUpdate } from '../api/projects';
import { creditCodeProblem, toWanString } from '../lib/rules';

/** What the project form holds; money as strings in 万元, dates as dayjs. */
export interface ProjectFormValues {
  name: string;
  investor_name: string;
  investor_credit_code?: string;
  investor_contacts?: { name: string; title?: string; phone?: string }[];
  industry_chain: string;
  source_channel: string;
  owner_unit_id?: string;
  planned_investment: string;
  signed_amount?: string | null;
  funds_arrived?: string | null;
  expected_tax?: string | null;
  land_area?: string | null;
  expected_jobs?: number | null;
  is_foreign?: boolean;
  is_confidential?: boolean;
  blocker_note?: string;
  signed_date?: Dayjs | null;
  agreement_type?: string | null;
  started_date?: Dayjs | null;
  production_date?: Dayjs | null;
}

const day = (v: string | null | undefined) => (v ? dayjs(v) : null);
const ymd = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);

export function toFormValues(p: Project): ProjectFormValues {
  return {
    name: p.name,
    investor_name: p.investor_name ?? '',
    investor_credit_code: p.investor_credit_code ?? '',
    investor_contacts: p.investor_contacts.map((c) => ({ name: c.name, title: c.title, phone: c.phone })),
    industry_chain: p.industry_chain,
    source_channel: p.source_channel,
    planned_investment: String(p.planned_investment),
    signed_amount: p.signed_amount === null ? null : String(p.signed_amount),
    funds_arrived: String(p.funds_arrived),
    expected_tax: p.expected_tax === null ? null : String(p.expected_tax),
    land_area: p.land_area === null ? null : String(p.land_area),
    expected_jobs: p.expected_jobs,
    is_foreign: p.is_foreign,
    is_confidential: p.is_confidential,
    blocker_note: p.blocker_note ?? '',
    signed_date: day(p.signed_date),
    agreement_type: p.agreement_type,
    started_date: day(p.started_date),
    production_date: day(p.production_date),
  };
}

/** Form values → request body fields shared by create and PATCH. */
export function toBody(v: ProjectFormValues, withDates: boolean): ProjectUpdate {
  const body: ProjectUpdate = {
    name: v.name.trim(),
    // A draft lead may not name its investor yet, nor know the amount (0 until it does).
    investor_name: v.investor_name?.trim() || null,
    investor_credit_code: v.investor_credit_code?.trim() ? v.investor_credit_code.trim().toUpperCase() : null,
    investor_contacts: (v.investor_contacts ?? [])
      .filter((c) => c?.name?.trim())
      .map((c) => ({ name: c.name.trim(), title: c.title?.trim() ?? '', phone: c.phone?.trim() ?? '' })),
    industry_chain: v.industry_chain,
    source_channel: v.source_channel,
    planned_investment: toWanString(v.planned_investment) ?? '0',
    signed_amount: toWanString(v.signed_amount),
    expected_tax: toWanString(v.expected_tax),
    land_area: toWanString(v.land_area),
    expected_jobs: v.expected_jobs ?? null,
    is_foreign: !!v.is_foreign,
    is_confidential: !!v.is_confidential,
    blocker_note: v.blocker_note?.trim() || null,
  };
  if (v.funds_arrived !== undefined) body.funds_arrived = toWanString(v.funds_arrived) ?? '0';
  if (withDates) {
    body.signed_date = ymd(v.signed_date);
    body.agreement_type = (v.agreement_type ?? null) as ProjectUpdate['agreement_type'];
    body.started_date = ymd(v.started_date);
    body.production_date = ymd(v.production_date);
  }
  return body;
}

function MoneyInput({ unit = '万元', ...props }: { unit?: string } & React.ComponentProps<typeof InputNumber<string>>) {
  return <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} suffix={unit} {...props} />;
}

const creditCodeRule = {
  validator: (_: unknown, value?: string) => {
    const problem = value?.trim() ? creditCodeProblem(value) : null;
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
};

/** A rule required only when `strict()` says so at validation time: a lead saved as a draft
 * (保存草稿) may leave it empty; 提交评估 then lists what is still missing. */
function requiredUnless(strict: () => boolean, message: string) {
  return {
    validator: (_: unknown, value?: string | null) =>
      strict() && !String(value ?? '').trim() ? Promise.reject(new Error(message)) : Promise.resolve(),
  };
}

const always = () => true;

/** The project's fields, laid out in two columns; used by 新建项目 and 基本信息. `strict` is
 * read when the form validates: false for a draft lead, whose investor and amount may wait. */
export function ProjectFieldsForm({
  unitPicker,
  withDates,
  strict = always,
  draftable,
}: {
  unitPicker?: React.ReactNode;
  withDates?: boolean;
  strict?: () => boolean;
  draftable?: boolean;
}) {
  const industries = useDictionary('industry_chain');
  const sources = useDictionary('source_channel');
  const enums = useEnums();
  // A project edited after its entry was deactivated shows that entry (已停用) and keeps it.
  const form = Form.useFormInstance<ProjectFormValues>();
  const industry = Form.useWatch('industry_chain', form);
  const source = Form.useWatch('source_channel', form);
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label="项目名称"
            name="name"
            rules={[
              { required: true, whitespace: true, message: '请输入项目名称' },
              { min: 2, max: 200, message: '项目名称为 2–200 个字' },
            ]}
          >
            <Input />
          </Form.Item>
        </Col>
        {unitPicker ? (
          <Col xs={24} md={12}>
            <Form.Item label="责任单位" name="owner_unit_id" rules={[{ required: true, message: '请选择责任单位' }]}>
              {unitPicker}
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24} md={12}>
          <Form.Item
            label="投资方"
            name="investor_name"
            rules={[requiredUnless(strict, '请输入投资方企业名称'), { min: 2, max: 200, message: '投资方名称为 2–200 个字' }]}
            extra={!draftable ? undefined : '草稿可先填简称（如“宁德某锂电企业”）或留空，提交评估前补全企业全称'}
          >
            <Input placeholder="企业全称" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="统一社会信用代码" name="investor_credit_code" rules={[creditCodeRule]} extra="18 位，含校验位">
            <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="产业链" name="industry_chain" rules={[{ required: true, message: '请选择产业链' }]}>
            <Select placeholder="选择产业链" options={industries.optionsWith(industry)} loading={industries.isLoading} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="招商渠道" name="source_channel" rules={[{ required: true, message: '请选择招商渠道' }]}>
            <Select placeholder="选择招商渠道" options={sources.optionsWith(source)} loading={sources.isLoading} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="计划总投资"
            name="planned_investment"
            rules={[requiredUnless(strict, '请输入计划总投资（万元）')]}
            extra="单位：万元；1 亿元及以上自动列为重大项目"
          >
            <MoneyInput />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="预计年税收" name="expected_tax">
            <MoneyInput />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="用地面积" name="land_area">
            <MoneyInput unit="亩" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="预计新增就业" name="expected_jobs">
            <InputNumber min={0} max={1_000_000} precision={0} suffix="人" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item label="外资项目" name="is_foreign" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item label="保密项目" name="is_confidential" valuePropName="checked" tooltip="只读用户和合作系统看不到投资方信息">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="投资方联系人">
        <Form.List name="investor_contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Space key={key} align="baseline" wrap>
                  <Form.Item name={[name, 'name']} rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
                    <Input placeholder="姓名" />
                  </Form.Item>
                  <Form.Item name={[name, 'title']}>
                    <Input placeholder="职务" />
                  </Form.Item>
                  <Form.Item name={[name, 'phone']} rules={[{ pattern: /^[0-9+\- ()]*$/, message: '电话只能含数字、+、-、空格和括号' }]}>
                    <Input placeholder="电话" />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="删除联系人" onClick={() => remove(name)} />
                </Space>
              ))}
              {fields.length < 10 ? (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  添加联系人
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label="卡点说明" name="blocker_note">
        <Input.TextArea rows={2} maxLength={1000} placeholder="项目因何受阻（如用地、规划、环评）" />
      </Form.Item>
      {withDates ? (
        <>
          <Divider titlePlacement="start" plain>
            签约与落地
          </Divider>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="签约金额" name="signed_amount">
                <MoneyInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="到位资金" name="funds_arrived">
                <MoneyInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="协议类型" name="agreement_type">
                <Select allowClear options={toSelectOptions(enums.data?.agreement_types)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="签约日期" name="signed_date">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="开工日期" name="started_date">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="投产日期" name="production_date">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </>
      ) : null}
    </>
  );
}
