import { Typography } from 'antd';
import type { Schemas } from '@/lib/api/types';

export type AuditChange = Schemas['AuditChange'];

const EMPTY = '（空）';

/** What an audited write changed, field by field, as the server words it (labels, 万元, dates):
 * a creation lists what was filled in, an edit old → new, a deletion what there was. */
export function AuditChanges({ changes, limit }: { changes: AuditChange[]; limit?: number }) {
  if (!changes.length) return <Typography.Text type="secondary">没有字段变化</Typography.Text>;
  const shown = limit ? changes.slice(0, limit) : changes;
  return (
    <dl className="audit-changes" data-testid="audit-changes">
      {shown.map((c) => (
        <div key={c.field} className="audit-change">
          <dt>{c.label}</dt>
          <dd>
            {c.before !== null && c.after !== null ? (
              <>
                <Typography.Text delete type="secondary">
                  {c.before}
                </Typography.Text>
                <span className="audit-arrow"> → </span>
                <Typography.Text>{c.after}</Typography.Text>
              </>
            ) : c.after !== null ? (
              <Typography.Text>{c.after}</Typography.Text>
            ) : (
              <>
                <Typography.Text delete type="secondary">
                  {c.before ?? EMPTY}
                </Typography.Text>
                <span className="audit-arrow"> → </span>
                <Typography.Text type="secondary">{EMPTY}</Typography.Text>
              </>
            )}
          </dd>
        </div>
      ))}
      {shown.length < changes.length ? (
        <Typography.Text type="secondary">…… 共 {changes.length} 项</Typography.Text>
      ) : null}
    </dl>
  );
}
