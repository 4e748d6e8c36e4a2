import { AttachmentsCard as SharedAttachmentsCard } from '@/components/attachments-card';
import { useAttachments, useUploadAttachment } from '../api/tickets';

/** 附件 of a ticket: list with download; upload while the ticket is open. */
export function AttachmentsCard({ ticketId, canAttach }: { ticketId: string; canAttach: boolean }) {
  const files = useAttachments(ticketId);
  const upload = useUploadAttachment(ticketId);
  return (
    <SharedAttachmentsCard
      testId="ticket-attachments"
      files={files}
      upload={upload.mutateAsync}
      uploading={upload.isPending}
      canAttach={canAttach}
    />
  );
}
