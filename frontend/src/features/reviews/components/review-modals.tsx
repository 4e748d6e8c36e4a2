import { Alert, App, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { StageTag } from '@/components/stage-tag';
import { useHeldMeetings, type MeetingKind } from '@/lib/api/meetings';
import { toSelectOptions, useEnums } from '@/lib/api/meta';
import { formatDateTime, formatWan } from '@/lib/format';
import {
  useCreateRound,
  useEligibleProjects,
  useNominate,
  useRecordVerdict,
  type Candidate,
  type EligibleProject,
  type ReviewRound,
  type Verdict,
} from '../api/reviews';
import { nextRoundYear } from '../lib/levels';

/** 发起年度联审: one round a year. */
export function CreateRoundModal({
  existingYears,
  onClose,
  onCreated,
}: {
  existingYears: number[];
  onClose: () => void;
  onCreated: (round: ReviewRound) => void;
}) {
  const [form] = Form.useForm<{ year: number; title?: string }>();
  const { message } = App.useApp();
  const create = useCreateRound();
  const year = Form.useWatch('year', form);
  const defaultYear = nextRoundYear(existingYears, dayjs().year());
  const onSubmit = async (v: { year: number; title?: string }) => {
    const round = await create.mutateAsync({ year: v.year, title: v.title?.trim() || null });
    message.success(`已发起“${round.title}”`);
    onCreated(round);
    onClose();
  };
  return (
    <FormModal
      title="发起年度联审"
      okText="发起"
      onClose={onClose}
      form={form}
      name="review-round-form"
      onSubmit={onSubmit}
      initialValues={{ year: defaultYear }}
      header={
        <>
          <Typography.Paragraph type="secondary">
            发起后，市发展和改革委员会、市商务局可提名候选项目（一级），联审会逐个审核（二级），市政府常务会议确定年度重大项目清单（三级）。
          </Typography.Paragraph>
        </>
      }
    >
      <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
        <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} suffix="年" />
      </Form.Item>
      <Form.Item label="名称" name="title" rules={[{ min: 2, message: '名称至少 2 个字' }]}>
        <Input maxLength={200} placeholder={`${year ?? defaultYear}年度重大项目三级联审`} />
      </Form.Item>
    </FormModal>
  );
}

/**
 * The projects that may still be nominated in the round, searched on the server by name or
 * code, largest planned investment first; each shows its unit, stage and investment.
 */
function EligibleProjectSelect({ roundId, ...props }: { roundId: string; value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState('');
  const eligible = useEligibleProjects(roundId, q.trim());
  const seen = useRef(new Map<string, EligibleProject>());
  // `seen` keeps the chosen project's details once the search moves on; filling and reading it
  // while rendering is idempotent and triggers no render.
  /* eslint-disable react-hooks/refs -- see above */
  const options = useMemo(() => {
    const found = eligible.data ?? [];
    for (const p of found) seen.current.set(p.id, p);
    const chosen = props.value && !found.some((p) => p.id === props.value) ? seen.current.get(props.value) : undefined;
    return [...(chosen ? [chosen] : []), ...found].map((p) => ({ value: p.id, label: `${p.code} ${p.name}`, project: p }));
  }, [eligible.data, props.value]);
  /* eslint-enable react-hooks/refs */
  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入项目名称或代码搜索"
      loading={eligible.isFetching}
      options={options}
      optionRender={({ data }) => (
        <Flex vertical gap={0}>
          <Typography.Text>
            <span className="mono">{data.project.code}</span> {data.project.name}
          </Typography.Text>
          <Flex gap={6} align="center">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {data.project.owner_unit.name} · 计划总投资 {formatWan(data.project.planned_investment)}
            </Typography.Text>
            <StageTag stage={data.project.stage} />
          </Flex>
        </Flex>
      )}
      notFoundContent={eligible.isFetching ? '正在搜索…' : q ? '没有符合条件的可提名项目' : '没有可提名的项目'}
    />
  );
}

/** 一级：提名候选项目, with the reason. */
export function NominateModal({ round, onClose }: { round: ReviewRound; onClose: () => void }) {
  const [form] = Form.useForm<{ project_id: string; reason: string }>();
  const { message } = App.useApp();
  const nominate = useNominate(round.id);
  const onSubmit = async (v: { project_id: string; reason: string }) => {
    const c = await nominate.mutateAsync({ project_id: v.project_id, reason: v.reason.trim() });
    message.success(`已提名“${c.project.name}”`);
    onClose();
  };
  return (
    <FormModal
      title={`提名候选项目：${round.title}`}
      width={640}
      okText="提名"
      onClose={onClose}
      form={form}
      name="nominate-form"
      onSubmit={onSubmit}
      header={
        <>
          <Typography.Paragraph type="secondary">
            可提名项目库中除“终止”以外、本轮尚未提名的项目，按计划总投资从大到小排列。
          </Typography.Paragraph>
        </>
      }
    >
      <Form.Item label="项目" name="project_id" rules={[{ required: true, message: '请选择项目' }]}>
        <EligibleProjectSelect roundId={round.id} />
      </Form.Item>
      <Form.Item
        label="提名理由"
        name="reason"
        rules={[
          { required: true, whitespace: true, message: '请填写提名理由' },
          { min: 2, message: '提名理由至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder="如：总投资 30 亿元，属新能源产业链补链项目，已完成用地预审" />
      </Form.Item>
    </FormModal>
  );
}

/** Held meetings of a kind for a picker; an explanation when there is none yet. */
export function HeldMeetingSelect({ kind, ...props }: { kind: MeetingKind; value?: string; onChange?: (v: string) => void }) {
  const meetings = useHeldMeetings(kind);
  const enums = useEnums();
  const label = enums.data?.meeting_kinds.find((k) => k.value === kind)?.label ?? '会议';
  return (
    <>
      <Select
        {...props}
        placeholder={`选择已召开的${label}`}
        loading={meetings.isLoading}
        options={(meetings.data ?? []).map((m) => ({ value: m.id, label: `${m.title}（${formatDateTime(m.starts_at)}）` }))}
        notFoundContent={`没有已召开的${label}`}
      />
      {meetings.data && !meetings.data.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={`还没有可选的${label}`}
          description={`请先在“会议”中创建${label}并确认召开。`}
        />
      ) : null}
    </>
  );
}

interface VerdictValues {
  meeting_id: string;
  verdict: Verdict;
  opinion?: string;
}

/** 二级：记录联审意见 for one candidate, at a held 联审会; recorded once. */
export function VerdictModal({ round, candidate, onClose }: { round: ReviewRound; candidate: Candidate; onClose: () => void }) {
  const [form] = Form.useForm<VerdictValues>();
  const { message } = App.useApp();
  const enums = useEnums();
  const record = useRecordVerdict(round.id);
  const verdict = Form.useWatch('verdict', form);
  const needsOpinion = !!verdict && verdict !== 'approved';
  const onSubmit = async (v: VerdictValues) => {
    await record.mutateAsync({
      candidateId: candidate.id,
      body: { meeting_id: v.meeting_id, verdict: v.verdict, opinion: v.opinion?.trim() || null },
    });
    message.success(`已记录“${candidate.project.name}”的联审意见`);
    onClose();
  };
  return (
    <FormModal<VerdictValues>
      title={`记录联审意见：${candidate.project.name}`}
      width={640}
      okText="记录"
      onClose={onClose}
      form={form}
      name="verdict-form"
      onSubmit={onSubmit}
      header={
        <>
          <Typography.Paragraph type="secondary">
            {candidate.nominating_unit.name}提名：{candidate.reason}
          </Typography.Paragraph>
        </>
      }
    >
      <Form.Item label="联审会" name="meeting_id" rules={[{ required: true, message: '请选择作出意见的联审会' }]}>
        <HeldMeetingSelect kind="review" />
      </Form.Item>
      <Form.Item label="联审意见" name="verdict" rules={[{ required: true, message: '请选择联审意见' }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={toSelectOptions(enums.data?.review_verdicts)} />
      </Form.Item>
      <Form.Item
        label={verdict === 'conditional' ? '附加条件' : '审核意见'}
        name="opinion"
        rules={needsOpinion ? [{ required: true, whitespace: true, message: '有条件同意、不同意或暂缓时须填写意见' }] : []}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder={needsOpinion ? '必填' : '可选'} />
      </Form.Item>
    </FormModal>
  );
}
