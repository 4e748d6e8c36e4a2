import { Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { AttachmentsCard } from '@/components/attachments-card';
import { DetailHeader } from '@/components/detail-header';
import { MeetingKindTag, MeetingStateTag } from '@/components/meeting-tags';
import { QueryBoundary } from '@/components/query-boundary';
import type { Meeting } from '@/lib/api/meetings';
import { formatDateTime } from '@/lib/format';
import { useMeeting, useMeetingAttachments, useUploadMeetingAttachment } from '../api/meetings';
import { AgendaCard } from './agenda-card';
import { DecisionsCard } from './decisions-card';
import { MeetingActions } from './meeting-actions';
import { MinutesCard } from './minutes-card';

function Facts({ meeting }: { meeting: Meeting }) {
  return (
    <Descriptions
      column={{ xs: 1, md: 2, xl: 4 }}
      size="small"
      data-testid="meeting-facts"
      items={[
        { key: 'time', label: '召开时间', children: <span data-testid="meeting-time">{formatDateTime(meeting.starts_at)}</span> },
        { key: 'place', label: '地点', children: meeting.place },
        { key: 'chair', label: '主持', children: <span data-testid="meeting-chair">{meeting.chair.full_name}</span> },
        {
          key: 'decisions',
          label: '议定事项',
          children: meeting.decision_count
            ? `${meeting.decision_count} 项，未办结 ${meeting.open_decision_count} 项`
            : '暂无',
        },
        ...(meeting.previous_id
          ? [{ key: 'previous', label: '上次联席会议', children: <Link to={`/meetings/${meeting.previous_id}`}>查看</Link> }]
          : []),
      ]}
    />
  );
}

function AttendeesCard({ meeting }: { meeting: Meeting }) {
  return (
    <Card title={`参会单位（${meeting.units.length}）`} size="small" data-testid="meeting-units">
      {meeting.units.length ? (
        <Flex gap={6} wrap>
          {meeting.units.map((u) => (
            <Tag key={u.id} style={{ marginInlineEnd: 0 }}>
              {u.name}
            </Tag>
          ))}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未填写参会单位" />
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        主持：{meeting.chair.full_name}
      </Typography.Paragraph>
    </Card>
  );
}

function MeetingAttachments({ meeting }: { meeting: Meeting }) {
  const files = useMeetingAttachments(meeting.id);
  const upload = useUploadMeetingAttachment(meeting.id);
  return (
    <AttachmentsCard
      testId="meeting-attachments"
      title="会议材料"
      files={files}
      upload={upload.mutateAsync}
      uploading={upload.isPending}
      canAttach={meeting.actions.includes('attach')}
    />
  );
}

/** 会议详情: header with state buttons, agenda (carried-over items first), minutes, decisions. */
export default function MeetingDetailPage() {
  const { meetingId = '' } = useParams();
  const query = useMeeting(meetingId);

  return (
    <QueryBoundary
      query={query}
      fallback={<Skeleton active />}
      notFound={{
        title: '会议不存在或无权查看',
        subTitle: '只能查看本单位参加的会议。',
        backTo: '/meetings',
        backLabel: '返回会议',
      }}
    >
      {(meeting) => {
        return (
          <Flex vertical gap={16}>
            <DetailHeader
              back={{ to: '/meetings', label: '会议' }}
              title={meeting.title}
              marks={
                <>
                  <MeetingKindTag kind={meeting.kind} />
                  <MeetingStateTag state={meeting.state} />
                </>
              }
              actions={<MeetingActions meeting={meeting} />}
              testIds={{ title: 'meeting-title', marks: 'meeting-marks' }}
            >
              <Facts meeting={meeting} />
            </DetailHeader>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={15}>
                <AgendaCard meeting={meeting} />
              </Col>
              <Col xs={24} xl={9}>
                <Flex vertical gap={16}>
                  <AttendeesCard meeting={meeting} />
                  <MeetingAttachments meeting={meeting} />
                </Flex>
              </Col>
            </Row>
            <DecisionsCard meeting={meeting} />
            <MinutesCard meeting={meeting} />
          </Flex>
        );
      }}
    </QueryBoundary>
  );
}
