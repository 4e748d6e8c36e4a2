import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { toQueryString } from '@/lib/api/client';
import { downloadFile } from '@/lib/download';
import { useApiError } from '@/lib/use-api-error';
import { useIsPhone } from '@/lib/use-phone';

interface ExportButtonProps {
  /** The list's export route, e.g. `/api/v1/tickets/export`. */
  path: string;
  /** The list's current filters; the export takes the same ones (the sort is the list's default). */
  filters: object;
  /** File name when the response does not give one. */
  fallback: string;
  /** On a phone, an icon alone (for a bottom bar that is already full). */
  compact?: boolean;
}

/** 导出 Excel: the list as it is filtered now, as a workbook. A list beyond the export cap
 * answers a problem, shown as the error message. */
export function ExportButton({ path, filters, fallback, compact }: ExportButtonProps) {
  const iconOnly = useIsPhone() && compact;
  const { message } = App.useApp();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const { sort: _sort, limit: _limit, cursor: _cursor, ...rest } = filters as Record<string, unknown>;
      await downloadFile(`${path}${toQueryString(rest)}`, fallback);
      message.success('已导出当前筛选的记录');
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={busy}
      onClick={onClick}
      aria-label="导出 Excel"
      title={iconOnly ? '导出 Excel' : undefined}
      data-testid="export-excel"
    >
      {iconOnly ? null : '导出 Excel'}
    </Button>
  );
}
