import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/i18n';
import { CommentText } from './CommentText';
import { MentionComposer } from './MentionComposer';

const ANNA = '00000000-0000-4000-8000-00000000000a';
const BRAM = '00000000-0000-4000-8000-00000000000b';
const members = [
  { userId: ANNA, displayName: 'Anna Peeters' },
  { userId: BRAM, displayName: 'Bram Janssens' },
];

describe('CommentText', () => {
  it('shows mentions as names, the reader’s own highlighted, never the id', () => {
    const { container } = render(
      <CommentText
        text={`Ask <@${BRAM}> and <@${ANNA}>, or <@00000000-0000-4000-8000-0000000000ff>`}
        names={new Map(members.map((m) => [m.userId, m.displayName]))}
        me={ANNA}
      />,
    );
    expect(container.textContent).toBe('Ask @Bram Janssens and @Anna Peeters, or @…');
    expect(container.textContent).not.toContain('<@');
    const mine = container.querySelector(`[data-mention="${ANNA}"]`)!;
    expect(mine.className).toContain('amber');
  });
});

describe('MentionComposer', () => {
  it('offers members after @, inserts the picked name and sends <@id>', async () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    render(
      <I18nProvider initial="en">
        <MentionComposer
          members={members}
          label="Write a comment"
          submitLabel="Post"
          onSubmit={onSubmit}
        />
      </I18nProvider>,
    );
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Write a comment' });
    fireEvent.change(box, { target: { value: 'Hi @ja', selectionStart: 6 } });
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Bram Janssens']);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('Hi @Bram Janssens ');
    expect(screen.queryByRole('listbox')).toBeNull();
    fireEvent.change(box, { target: { value: 'Hi @Bram Janssens can you?', selectionStart: 26 } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Post' }));
    });
    expect(onSubmit).toHaveBeenCalledWith(`Hi <@${BRAM}> can you?`);
    expect(box.value).toBe('');
  });

  it('edits a stored text with the names shown, Escape closes the list', () => {
    render(
      <I18nProvider initial="en">
        <MentionComposer
          members={members}
          label="Edit"
          submitLabel="Save"
          initial={`Ask <@${ANNA}>`}
          onSubmit={() => Promise.resolve()}
        />
      </I18nProvider>,
    );
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Edit' });
    expect(box.value).toBe('Ask @Anna Peeters');
    fireEvent.change(box, { target: { value: 'Ask @Anna Peeters @', selectionStart: 19 } });
    expect(screen.getAllByRole('option')).toHaveLength(2);
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});
