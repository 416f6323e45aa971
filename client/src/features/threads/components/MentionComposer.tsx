import { LIMITS } from '@coalesce/shared';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import {
  insertMention,
  matchMembers,
  mentionQueryAt,
  toDisplayText,
  toWireText,
  type Mentionable,
} from '../mentions';

/**
 * A text box for a comment: typing `@` offers the workspace's members; a pick shows `@Name` in
 * the box and is sent as `<@userId>`. Enter picks, Escape closes the list; Ctrl/⌘+Enter sends.
 */
export function MentionComposer({
  members,
  label,
  submitLabel,
  initial = '',
  pending = false,
  error,
  onSubmit,
  onCancel,
  autoFocus = false,
}: {
  members: readonly Mentionable[];
  label: string;
  submitLabel: string;
  /** Stored text (`<@id>` mentions) to start from, when editing. */
  initial?: string;
  pending?: boolean;
  error?: string | undefined;
  /** Resolves when sent: the box empties. */
  onSubmit: (text: string) => Promise<unknown>;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const names = new Map(members.map((m) => [m.userId, m.displayName]));
  const [start] = useState(() => toDisplayText(initial, names));
  const [text, setText] = useState(start.display);
  const [picked, setPicked] = useState<Mentionable[]>(start.picked);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const options = query ? matchMembers(members, query.query) : [];
  const open = query !== null && options.length > 0;

  const sync = (value: string, caret: number) => {
    setText(value);
    setQuery(mentionQueryAt(value, caret));
    setActive(0);
  };
  const pick = (m: Mentionable) => {
    if (!query) return;
    const caret = ref.current?.selectionStart ?? text.length;
    const next = insertMention(text, query.start, caret, m.displayName);
    setText(next.text);
    setPicked((p) => [...p, m]);
    setQuery(null);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(next.caret, next.caret);
    });
  };
  const submit = async (ev?: FormEvent) => {
    ev?.preventDefault();
    if (!text.trim() || pending) return;
    try {
      await onSubmit(toWireText(text, picked));
      setText('');
      setPicked([]);
    } catch {
      // The error is shown by the caller; the text stays for another try.
    }
  };
  const onKeyDown = (ev: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        const d = ev.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + d + options.length) % options.length);
        return;
      }
      if (ev.key === 'Enter' || ev.key === 'Tab') {
        ev.preventDefault();
        pick(options[active]!);
        return;
      }
      if (ev.key === 'Escape') {
        ev.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) void submit();
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <div className="relative">
        <textarea
          id={id}
          ref={ref}
          value={text}
          rows={2}
          maxLength={LIMITS.commentTextMax}
          placeholder={label}
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          aria-controls={open ? `${id}-members` : undefined}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
          onChange={(ev) => sync(ev.target.value, ev.target.selectionStart)}
          onKeyDown={onKeyDown}
          onClick={(ev) => setQuery(mentionQueryAt(text, ev.currentTarget.selectionStart))}
          onBlur={() => setTimeout(() => setQuery(null), 150)}
          className="block min-h-16 w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-600"
        />
        {open && (
          <ul
            id={`${id}-members`}
            role="listbox"
            aria-label={t('threads.mentionPicker')}
            className="absolute left-0 z-20 mt-1 max-h-56 w-full max-w-xs overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
          >
            {options.map((m, i) => (
              <li
                key={m.userId}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(ev) => {
                  ev.preventDefault();
                  pick(m);
                }}
                className={`cursor-pointer px-3 py-1.5 ${i === active ? 'bg-brand-50 text-brand-900' : ''}`}
              >
                {m.displayName}
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm" disabled={pending || !text.trim()}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            {t('threads.cancel')}
          </Button>
        )}
        <span className="text-xs text-slate-500">{t('threads.mentionHint')}</span>
      </div>
    </form>
  );
}
