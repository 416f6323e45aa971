import { splitMentions } from '@coalesce/shared';

/** A comment's text with its `<@id>` mentions shown as the members' names. */
export function CommentText({
  text,
  names,
  me,
}: {
  text: string;
  names: ReadonlyMap<string, string>;
  me?: string;
}) {
  return (
    <p className="whitespace-pre-line break-words text-sm text-slate-800">
      {splitMentions(text).map((p, i) =>
        'mention' in p ? (
          <span
            key={i}
            data-mention={p.mention}
            className={
              p.mention === me
                ? 'rounded bg-amber-100 px-0.5 font-medium text-amber-900'
                : 'rounded bg-brand-50 px-0.5 font-medium text-brand-800'
            }
          >
            @{names.get(p.mention) ?? '…'}
          </span>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}
