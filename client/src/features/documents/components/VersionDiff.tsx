import type { DocumentDiffBlock, DocumentDiffSegment } from '@coalesce/shared';
import { clsx } from 'clsx';
import { Fragment, useState } from 'react';
import { Button } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';

/**
 * A run of text of a diff. Colour is never the only cue: added text is underlined and removed
 * text struck through (the <ins>/<del> elements), and screen readers hear where each starts
 * and ends.
 */
function Segment({ segment }: { segment: DocumentDiffSegment }) {
  const { t } = useI18n();
  if (segment.op === 'equal') return <>{segment.text}</>;
  const Tag = segment.op === 'insert' ? 'ins' : 'del';
  return (
    <Tag
      data-diff={segment.op}
      className={clsx(
        'rounded-sm px-0.5 decoration-2',
        segment.op === 'insert'
          ? 'bg-emerald-100 text-emerald-900 underline underline-offset-2'
          : 'bg-rose-100 text-rose-900 line-through',
      )}
    >
      <span className="sr-only">
        {t(segment.op === 'insert' ? 'documents.diffInsertStart' : 'documents.diffDeleteStart')}
      </span>
      {segment.text}
      <span className="sr-only">{t('documents.diffEnd')}</span>
    </Tag>
  );
}

const MARK: Record<DocumentDiffBlock['type'], string> = {
  unchanged: '',
  inserted: '+',
  deleted: '−',
  changed: '~',
};

function Block({ block }: { block: DocumentDiffBlock }) {
  const { t } = useI18n();
  const inList = block.context.includes('listItem');
  const quoted = block.context.includes('blockquote');
  const label =
    block.type === 'inserted'
      ? t('documents.diffInsertedBlock')
      : block.type === 'deleted'
        ? t('documents.diffDeletedBlock')
        : block.type === 'changed'
          ? t('documents.diffChangedBlock')
          : undefined;
  return (
    <li
      data-diff-block={block.type}
      aria-label={label}
      className={clsx(
        'relative border-l-4 py-1 pl-6 pr-2',
        block.type === 'unchanged' && 'border-transparent text-slate-600',
        block.type === 'inserted' && 'border-emerald-500 bg-emerald-50/60',
        block.type === 'deleted' && 'border-rose-500 bg-rose-50/60',
        block.type === 'changed' && 'border-amber-400',
      )}
    >
      {MARK[block.type] && (
        <span
          aria-hidden
          className={clsx(
            'absolute left-1.5 top-1 font-mono text-sm font-bold',
            block.type === 'inserted' && 'text-emerald-700',
            block.type === 'deleted' && 'text-rose-700',
            block.type === 'changed' && 'text-amber-700',
          )}
        >
          {MARK[block.type]}
        </span>
      )}
      <div
        className={clsx(
          'whitespace-pre-wrap break-words',
          block.blockType === 'heading' && (block.level ?? 1) <= 1 && 'text-lg font-semibold',
          block.blockType === 'heading' && (block.level ?? 1) > 1 && 'font-semibold',
          block.blockType === 'codeBlock' && 'font-mono text-sm',
          quoted && 'border-l-2 border-slate-300 pl-2 italic',
          inList && 'pl-4',
        )}
      >
        {inList && (
          <span aria-hidden className="-ml-4 inline-block w-4 text-slate-400">
            •
          </span>
        )}
        {block.blockType === 'horizontalRule' ? (
          <hr className="my-2 border-slate-300" />
        ) : block.segments.length === 0 ? (
          <span className="text-xs text-slate-400">{t('documents.diffEmptyBlock')}</span>
        ) : (
          block.segments.map((s, i) => <Segment key={i} segment={s} />)
        )}
      </div>
    </li>
  );
}

/** Runs of unchanged blocks longer than this fold away, keeping one block of context each side. */
const FOLD = 3;

type Row =
  { kind: 'block'; block: DocumentDiffBlock } | { kind: 'fold'; blocks: DocumentDiffBlock[] };

function rowsOf(blocks: DocumentDiffBlock[]): Row[] {
  const rows: Row[] = [];
  let run: DocumentDiffBlock[] = [];
  const flush = (atStart: boolean, atEnd: boolean) => {
    if (run.length > FOLD) {
      const head = atStart ? 0 : 1;
      const tail = atEnd ? 0 : 1;
      run.slice(0, head).forEach((block) => rows.push({ kind: 'block', block }));
      rows.push({ kind: 'fold', blocks: run.slice(head, run.length - tail) });
      run.slice(run.length - tail).forEach((block) => rows.push({ kind: 'block', block }));
    } else run.forEach((block) => rows.push({ kind: 'block', block }));
    run = [];
  };
  blocks.forEach((block) => {
    if (block.type === 'unchanged') {
      run.push(block);
      return;
    }
    flush(rows.length === 0, false);
    rows.push({ kind: 'block', block });
  });
  flush(rows.length === 0, true);
  return rows;
}

function Fold({ blocks }: { blocks: DocumentDiffBlock[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (open) return blocks.map((b, i) => <Block key={i} block={b} />);
  return (
    <li className="py-1 pl-6">
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
        {t('documents.diffShowUnchanged', { count: blocks.length })}
      </Button>
    </li>
  );
}

/** The blocks of a diff in reading order. */
export function VersionDiff({ blocks }: { blocks: DocumentDiffBlock[] }) {
  return (
    <ol className="space-y-0.5 text-sm leading-relaxed" data-testid="version-diff">
      {rowsOf(blocks).map((row, i) => (
        <Fragment key={i}>
          {row.kind === 'block' ? <Block block={row.block} /> : <Fold blocks={row.blocks} />}
        </Fragment>
      ))}
    </ol>
  );
}
