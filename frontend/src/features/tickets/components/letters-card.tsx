import { FileWordOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { DownloadButton } from '@/components/download-button';
import { QueryError } from '@/components/query-error';
import { formatDate } from '@/lib/format';
import { letterKindLabel, letterLabel, newestFirst } from '@/lib/tickets';
import { useLetters, type Letter } from '../api/tickets';

const KIND_COLORS: Record<string, string> = { assignment: 'blue', supervision: 'volcano', circular: 'red' };

/** 文书: 交办函, 督办函 and 通报 with their numbers, newest first, each downloadable as Word
 * under its kind, number and date. */
export function LettersCard({ ticketId }: { ticketId: string }) {
  const letters = useLetters(ticketId);

  return (
    <Card title="文书" size="small" data-testid="ticket-letters">
      {letters.isLoading ? <Skeleton active /> : null}
      {letters.error ? <QueryError error={letters.error} onRetry={() => letters.refetch()} /> : null}
      {letters.data && !letters.data.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="交办后生成交办函" /> : null}
      {letters.data?.length ? (
        <List<Letter>
          dataSource={newestFirst(letters.data)}
          renderItem={(l) => (
            <List.Item
              data-testid="letter"
              actions={[
                <DownloadButton key="download" path={l.download_url} fallback={`${l.number}.docx`} label={`下载${letterLabel(l)}`}>
                  下载{letterKindLabel(l.kind)}
                </DownloadButton>,
              ]}
            >
              <List.Item.Meta
                avatar={<FileWordOutlined style={{ fontSize: 22, color: '#2b579a' }} />}
                title={
                  <Flex gap={6} align="center" wrap>
                    <Tag color={KIND_COLORS[l.kind]}>{letterKindLabel(l.kind)}</Tag>
                    <Typography.Text strong data-testid="letter-number">
                      {l.number}
                    </Typography.Text>
                  </Flex>
                }
                description={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    主送 {l.recipient_unit.name} · 成文 {formatDate(l.issued_on)}
                    {l.deadline ? ` · 时限 ${formatDate(l.deadline)}` : ''}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
