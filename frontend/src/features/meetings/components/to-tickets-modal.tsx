import { Alert, Button, Checkbox, Flex, Form, List, Modal, Radio, Result, Select, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useAllUnits } from '@/components/unit-select';
import { useDictionary } from '@/lib/api/dictionaries';
import { toSelectOptions, useEnums } from '@/lib/api/meta';
import { errorMessage, fieldErrors } from '@/lib/api/problem';
import type { Ticket, Urgency } from '@/lib/api/tickets';
import { formatDate } from '@/lib/format';
import { useDecisionToTickets, type Decision } from '../api/decisions';

interface Values {
  project_id?: string;
  category: string;
  urgency: Urgency;
  unit_ids: string[];
}

const FINISHED = new Set(['closed', 'cancelled']);

function Created({ tickets }: { tickets: Ticket[] }) {
  return (
    <Result
      status="success"
      title={`已生成 ${tickets.length} 件交办事项`}
      subTitle="各部门已收到交办通知和交办函，办理进展会记入本议定事项的跟踪记录。"
      style={{ padding: '16px 0' }}
      extra={
        <List
          size="small"
          bordered
          data-testid="created-tickets"
          style={{ textAlign: 'left' }}
          dataSource={tickets}
          renderItem={(t) => (
            <List.Item data-testid="created-ticket">
              <Link to={`/tickets/${t.id}`} className="mono">
                {t.code}
              </Link>
              <Typography.Text>{t.lead_department?.name}</Typography.Text>
              <Typography.Text type="secondary">办理时限 {formatDate(t.due_date)}</Typography.Text>
            </List.Item>
          )}
        />
      }
    />
  );
}

/**
 * 转交办: one assigned ticket per department among the responsible and co-units, on one of
 * the decision's projects; then the created ticket codes, each linking to its ticket. The
 * server offers it (`to_tickets`) only when the decision concerns a project and some
 * department has no open ticket from it; departments that have one are shown but not picked.
 */
export function ToTicketsModal({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const enums = useEnums();
  const categories = useDictionary('ticket_category');
  const units = useAllUnits();
  const toTickets = useDecisionToTickets(decision.id);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Ticket[] | null>(null);

  const busy = useMemo(
    () => new Set(decision.tickets.filter((t) => !FINISHED.has(t.state)).map((t) => t.lead_department?.id)),
    [decision.tickets],
  );
  const departments = useMemo(() => {
    const kinds = new Map((units.data ?? []).map((u) => [u.id, u.kind]));
    return [decision.responsible_unit, ...decision.co_units]
      .filter((u) => kinds.get(u.id) === 'department')
      .map((u) => ({ ...u, lead: u.id === decision.responsible_unit.id, busy: busy.has(u.id) }));
  }, [units.data, decision, busy]);
  const eligible = departments.filter((d) => !d.busy).map((d) => d.id);

  const onFinish = async (v: Values) => {
    setError(null);
    try {
      const tickets = await toTickets.mutateAsync({
        project_id: v.project_id ?? null,
        category: v.category,
        urgency: v.urgency,
        unit_ids: v.unit_ids,
      });
      setCreated(tickets);
    } catch (err) {
      const fields = fieldErrors(err, ['project_id', 'category', 'urgency', 'unit_ids']);
      if (fields.length) form.setFields(fields as { name: keyof Values; errors: string[] }[]);
      setError(err);
    }
  };

  return (
    <Modal
      open
      title={`转交办：议定事项 ${decision.seq}`}
      width={640}
      onCancel={onClose}
      destroyOnHidden
      footer={
        created
          ? [
              <Button key="done" type="primary" onClick={onClose}>
                完成
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                取消
              </Button>,
              <Button key="ok" type="primary" loading={toTickets.isPending} onClick={() => form.submit()}>
                生成交办单
              </Button>,
            ]
      }
    >
      {created ? (
        <Created tickets={created} />
      ) : !units.data ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: decision.text }}>
            {decision.text}
          </Typography.Paragraph>
          {error ? (
            <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} data-testid="action-error" />
          ) : null}
          <Form<Values>
            form={form}
            name="to-tickets-form"
            layout="vertical"
            preserve={false}
            onFinish={onFinish}
            initialValues={{ urgency: 'normal', unit_ids: eligible }}
          >
            {decision.projects.length > 1 ? (
              <Form.Item label="所属项目" name="project_id" rules={[{ required: true, message: '请选择交办事项所属的项目' }]}>
                <Radio.Group
                  options={decision.projects.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
                  style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                />
              </Form.Item>
            ) : (
              <Form.Item label="所属项目">
                <Typography.Text data-testid="to-tickets-project">
                  {decision.projects[0]?.code} {decision.projects[0]?.name}
                </Typography.Text>
              </Form.Item>
            )}
            <Form.Item label="交办部门" name="unit_ids" rules={[{ required: true, message: '请至少选择一个部门' }]}>
              <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
                {departments.map((d) => (
                  <Checkbox key={d.id} value={d.id} disabled={d.busy}>
                    {d.name}
                    <Typography.Text type="secondary">
                      {d.lead ? '（责任单位）' : '（配合单位）'}
                      {d.busy ? '已有未办结的交办单' : ''}
                    </Typography.Text>
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item
                label="类别"
                name="category"
                rules={[{ required: true, message: '请选择事项类别' }]}
                style={{ minWidth: 200, flex: 1 }}
              >
                <Select placeholder="选择类别" options={categories.options} loading={categories.isLoading} />
              </Form.Item>
              <Form.Item label="紧急程度" name="urgency" rules={[{ required: true, message: '请选择紧急程度' }]}>
                <Radio.Group optionType="button" buttonStyle="solid" options={toSelectOptions(enums.data?.urgencies)} />
              </Form.Item>
            </Flex>
            <Typography.Text type="secondary">
              每个部门生成一件已交办的服务事项（附交办函），办理时限为议定事项的完成时限
              {decision.due_date ? `（${formatDate(decision.due_date)}）` : ''}
              ；未定或已过时按紧急程度计算工作日。
            </Typography.Text>
          </Form>
        </>
      )}
    </Modal>
  );
}
