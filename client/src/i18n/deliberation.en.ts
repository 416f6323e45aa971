/**
 * Issue 16: delegated votes and what happens around a proposal (statement, reminder, extension,
 * "needs your vote"), in a file of its own so edits elsewhere in en.ts do not collide. Part of
 * the pages catalogue; what the activity feed and the networks page show (`event`, `pending`)
 * is in en.ts.
 */
export const deliberationEn = {
  delegation: {
    title: 'Vote delegation',
    none: 'This partner votes for itself.',
    current: 'When {partner} does not vote itself, the vote of {to} counts for it.',
    explain:
      'Choose another active partner whose vote counts for this partner when it does not vote itself. A vote of its own always wins; the delegate’s own delegation is not followed.',
    choose: 'Delegate to',
    pick: 'Choose a partner…',
    save: 'Delegate',
    revoke: 'End delegation',
    listBadge: 'votes via {to}',
  },
  proposal: {
    via: 'via {partner}',
    statementTitle: 'Statement on the outcome',
    statementBy: '{name}, {date}',
    statementLabel: 'What do you want to tell the partners about this outcome?',
    statementSave: 'Publish statement',
    statementEdit: 'Change statement',
    remind: 'Remind who has not voted',
    remindSent: 'Reminder sent.',
    remindWait: 'Another reminder is possible in {time}.',
    extendTitle: 'Extend the deadline',
    extendLabel: 'New deadline',
    extendSave: 'Extend',
  },
};
