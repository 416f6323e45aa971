import { useState } from 'react';
import { Button, Input } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';

/**
 * "Copy link" that also shows the link: the clipboard is missing on plain-http hosts and in some
 * browsers, and a visible, selected field can always be copied by hand.
 */
export function CopyLink({
  link,
  label,
  testId,
  reveal = true,
}: {
  link: string;
  label: string;
  testId: string;
  /** False when the link is already on screen. */
  reveal?: boolean;
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    setShown(true);
    navigator.clipboard?.writeText(link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="flex min-w-0 flex-1 flex-wrap items-center justify-end gap-2">
      {shown && reveal && (
        <Input
          readOnly
          value={link}
          aria-label={label}
          data-testid={testId}
          className="min-w-0 flex-1 text-xs"
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
      <Button variant="secondary" size="sm" onClick={copy}>
        {copied ? t('coalition.invite.copied') : t('coalition.invite.copyLink')}
      </Button>
    </div>
  );
}

export const invitationLink = (token: string) => `${window.location.origin}/invite/${token}`;
