/**
 * Issue 16: delegated votes and what happens around a proposal (statement, reminder, extension,
 * "needs your vote"), in a file of its own so edits elsewhere in en.ts do not collide. Part of
 * the core catalogue: the activity feed and the networks page show some of it.
 */
export const deliberationEn = {
  event: {
    statement_added: '{actor} wrote a statement on the outcome for {candidate}',
    reminded: '{actor} reminded {count} partners to vote on admitting {candidate}',
    extended: '{actor} moved the deadline for {candidate} to {date}',
    delegation_set: '{actor} let {partner} vote through {to}',
    delegation_revoked: '{actor} ended the delegation of {partner} to {to}',
  },
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
  pending: {
    title: 'Needs your vote',
    item: '{candidate} ({tier}) in {workspace}',
    closes: 'closes in {time}',
    vote: 'Vote',
  },
};
