import { Alert, App, Button, Flex, Modal, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { DetailHeader } from '@/components/detail-header';
import { DownloadButton } from '@/components/download-button';
import { QueryBoundary } from '@/components/query-boundary';
import { errorMessage } from '@/lib/api/problem';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { formatDate, formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useBulletin, usePublishBulletin, useRebuildBulletin, type Bulletin } from '../api/bulletins';
import { ContentEditor, ContentView } from './bulletin-content';
import { RankingCard } from './ranking';

function PublishModal({ bulletin, onClose }: { bulletin: Bulletin; onClose: () => void }) {
  const publish = usePublishBulletin();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const units = bulletin.groups.reduce((n, g) => n + g.rows.length, 0);
  return (
    <Modal
      open
      title={`发布：${bulletin.title}`}
      okText="确认发布"
      cancelText="取消"
      confirmLoading={publish.isPending}
      onCancel={onClose}
      onOk={async () => {
        setError(null);
        try {
          await publish.mutateAsync(bulletin);
          message.success('通报已发布，已通知各单位');
          onClose();
        } catch (err) {
          setError(err);
        }
      }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph>
        发布后通报冻结，排名、分析和表扬、通报批评名单不能再修改；参加排名的 {units} 个单位将收到通知，并可下载 Word 通报。
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        表扬 {bulletin.praised.length} 个单位，通报批评 {bulletin.criticised.length} 个单位。未保存的修改不会发布。
      </Typography.Paragraph>
    </Modal>
  );
}

function Actions({ bulletin }: { bulletin: Bulletin }) {
  const me = useMe();
  const rebuild = useRebuildBulletin();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [publishing, setPublishing] = useState(false);
  const editor = hasPermission(me, 'bulletins:write') && bulletin.state === 'draft';
  const file = `${bulletin.year}年${bulletin.half === 1 ? '上' : '下'}半年`;
  const onRebuild = () =>
    modal.confirm({
      title: '重新生成通报？',
      content: '将按当前数据和考核指标权重重新计算各单位的指标、得分和排名，表扬和通报批评名单恢复为默认建议；已保存的分析文字保留。',
      okText: '重新生成',
      cancelText: '取消',
      onOk: async () => {
        try {
          await rebuild.mutateAsync(bulletin);
          message.success('已重新生成');
        } catch (err) {
          showError(err);
        }
      },
    });
  return (
    <Flex gap={8} wrap data-testid="bulletin-actions">
      {editor ? (
        <>
          <Button onClick={onRebuild} loading={rebuild.isPending}>
            重新生成
          </Button>
          <Button type="primary" onClick={() => setPublishing(true)}>
            发布
          </Button>
        </>
      ) : null}
      {bulletin.state === 'published' ? (
        <DownloadButton size="middle" path={`/api/v1/bulletins/${bulletin.id}/docx`} fallback={`${file}招商引资工作通报.docx`} label="下载 Word 通报">
          下载 Word
        </DownloadButton>
      ) : null}
      <DownloadButton size="middle" path={`/api/v1/bulletins/${bulletin.id}/xlsx`} fallback={`${file}通报排名.xlsx`} label="下载 Excel 排名">
        下载 Excel
      </DownloadButton>
      {publishing ? <PublishModal bulletin={bulletin} onClose={() => setPublishing(false)} /> : null}
    </Flex>
  );
}

/** One 半年度通报: header and actions, how it scores, the coordinator's text, the rankings. */
export default function BulletinPage() {
  const { bulletinId = '' } = useParams();
  const me = useMe();
  const query = useBulletin(bulletinId);
  return (
    <QueryBoundary
      query={query}
      fallback={<Skeleton active />}
      notFound={{ title: '通报不存在', subTitle: '该通报不存在或尚未发布。', backTo: '/bulletins', backLabel: '返回半年度通报' }}
    >
      {(bulletin) => (
        <Flex vertical gap={16}>
          <DetailHeader
            back={{ to: '/bulletins', label: '半年度通报' }}
            title={bulletin.title}
            titleLevel={4}
            crumb={bulletin.period.label + '通报'}
            marks={<Tag color={bulletin.state === 'published' ? 'green' : 'default'}>{bulletin.state === 'published' ? '已发布' : '草稿'}</Tag>}
            subtitle={
              <>
                统计期 {formatDate(bulletin.period.date_from)} 至 {formatDate(bulletin.period.date_to)} ·{' '}
                {bulletin.published_at ? `发布于 ${formatDateTime(bulletin.published_at)}` : `数据生成于 ${formatDateTime(bulletin.built_at)}`}
              </>
            }
            actions={<Actions bulletin={bulletin} />}
            testIds={{ title: 'bulletin-title', marks: 'bulletin-state' }}
          />
          <Alert type="info" showIcon title={bulletin.method} />
          {hasPermission(me, 'bulletins:write') && bulletin.state === 'draft' ? <ContentEditor bulletin={bulletin} /> : <ContentView bulletin={bulletin} />}
          {bulletin.groups.map((group) => (
            <RankingCard key={group.unit_group} group={group} />
          ))}
        </Flex>
      )}
    </QueryBoundary>
  );
}
