import { Alert, App, Button, Descriptions, Flex, Form } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDictionary } from '@/lib/api/dictionaries';
import { labelOf, useEnums } from '@/lib/api/meta';
import { ApiError, STALE_VERSION_MESSAGE } from '@/lib/api/problem';
import { formatDate, formatDateTime, formatMoney, formatQuantity, moneyUnit, yesNo } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useUpdateProject, type Project } from '../api/projects';
import { ProjectFieldsForm, toBody, toFormValues, type ProjectFormValues } from './project-fields';

/** 基本信息: read view, or the edit form (PATCH with If-Match) for those who may edit. */
export function BasicTab({ project, canEdit }: { project: Project; canEdit: boolean }) {
  const [form] = Form.useForm<ProjectFormValues>();
  // The version the user started editing from: a newer one on the server means someone saved first.
  const [base, setBase] = useState<Project | null>(null);
  const setEditing = (on: boolean) => setBase(on ? project : null);
  const [stale, setStale] = useState(false);
  const { message } = App.useApp();
  const showError = useApiError();
  const update = useUpdateProject();
  const qc = useQueryClient();
  const enums = useEnums();
  const industries = useDictionary('industry_chain');
  const sources = useDictionary('source_channel');
  // The amounts are read together: one unit for all of them.
  const unit = moneyUnit([project.planned_investment, project.signed_amount, project.funds_arrived, project.expected_tax]);

  const onFinish = async (values: ProjectFormValues) => {
    try {
      await update.mutateAsync({ project: base ?? project, body: toBody(values, true) });
      message.success('已保存项目信息');
      setEditing(false);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) setStale(true);
      else showError(err, form);
    }
  };

  const reload = async () => {
    await qc.invalidateQueries({ queryKey: ['projects', 'detail', project.id] });
    setStale(false);
    setEditing(false);
  };

  if (base) {
    return (
      <Form<ProjectFormValues>
        form={form}
        name="project-edit-form"
        layout="vertical"
        initialValues={toFormValues(base)}
        onFinish={onFinish}
        style={{ maxWidth: 960 }}
      >
        {stale ? (
          <Alert
            type="warning"
            showIcon
            title={STALE_VERSION_MESSAGE}
            action={<Button onClick={reload}>刷新</Button>}
            style={{ marginBottom: 16 }}
            data-testid="stale-alert"
          />
        ) : null}
        <ProjectFieldsForm withDates strict={() => project.stage !== 'lead'} draftable={project.stage === 'lead'} />
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            保存
          </Button>
          <Button onClick={() => setEditing(false)}>取消</Button>
        </Flex>
      </Form>
    );
  }

  const investor = project.investor_redacted ? '（保密项目，投资方信息已隐藏）' : (project.investor_name ?? '（待补充）');
  return (
    <>
      {canEdit ? (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button onClick={() => setEditing(true)}>编辑</Button>
        </Flex>
      ) : null}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label="项目代码">{project.code}</Descriptions.Item>
        <Descriptions.Item label="责任单位">{project.owner_unit_name}</Descriptions.Item>
        <Descriptions.Item label="牵头领导">{project.lead_leader?.full_name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="投资方">{investor}</Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">{project.investor_credit_code ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="联系人">
          {project.investor_contacts.length
            ? project.investor_contacts.map((c) => [c.name, c.title, c.phone].filter(Boolean).join(' ')).join('；')
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="产业链">{industries.label(project.industry_chain)}</Descriptions.Item>
        <Descriptions.Item label="招商渠道">{sources.label(project.source_channel)}</Descriptions.Item>
        <Descriptions.Item label="外资项目">{yesNo(project.is_foreign)}</Descriptions.Item>
        <Descriptions.Item label="计划总投资">
          {project.stage === 'lead' && Number(project.planned_investment) === 0 ? '（待补充）' : formatMoney(project.planned_investment, unit)}
        </Descriptions.Item>
        <Descriptions.Item label="签约金额">{formatMoney(project.signed_amount, unit)}</Descriptions.Item>
        <Descriptions.Item label="到位资金">{formatMoney(project.funds_arrived, unit)}</Descriptions.Item>
        <Descriptions.Item label="用地面积">{formatQuantity(project.land_area, '亩')}</Descriptions.Item>
        <Descriptions.Item label="预计新增就业">{formatQuantity(project.expected_jobs, '人')}</Descriptions.Item>
        <Descriptions.Item label="预计年税收">{formatMoney(project.expected_tax, unit)}</Descriptions.Item>
        <Descriptions.Item label="签约日期">{formatDate(project.signed_date)}</Descriptions.Item>
        <Descriptions.Item label="协议类型">{labelOf(enums.data?.agreement_types, project.agreement_type)}</Descriptions.Item>
        <Descriptions.Item label="开工日期">{formatDate(project.started_date)}</Descriptions.Item>
        <Descriptions.Item label="投产日期">{formatDate(project.production_date)}</Descriptions.Item>
        <Descriptions.Item label="保密项目">{yesNo(project.is_confidential)}</Descriptions.Item>
        <Descriptions.Item label="最近活动">{formatDateTime(project.last_activity_at)}</Descriptions.Item>
        <Descriptions.Item label="卡点说明" span={3}>
          {project.blocker_note || '—'}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}
