import { DownloadOutlined } from '@ant-design/icons';
import { Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { downloadFile } from '@/lib/download';
import { useApiError } from '@/lib/use-api-error';

interface DownloadButtonProps extends Pick<ButtonProps, 'size' | 'type' | 'children'> {
  /** API path of the file (a `download_url`). */
  path: string;
  /** File name when the response does not give one. */
  fallback: string;
  /** Accessible name, e.g. "下载湘招交〔2026〕15号". */
  label: string;
}

/** Downloads a file the API serves (Word letters and minutes, attachments): spins while it
 * comes, and shows the problem if it does not. */
export function DownloadButton({ path, fallback, label, size = 'small', type, children }: DownloadButtonProps) {
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      await downloadFile(path, fallback);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size={size} type={type} icon={<DownloadOutlined />} loading={busy} onClick={onClick} aria-label={label}>
      {children}
    </Button>
  );
}
