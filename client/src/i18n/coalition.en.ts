/**
 * Representation and invitations (issue 12) as the overview shows them, in their own file so the
 * other engineers' edits to en.ts do not collide with these keys. The previews, plain-language
 * rules and ties of issue 12 only the workspace's other pages show: pages.en.ts.
 */
export const coalitionEn = {
  members: {
    roleOf: 'Role of {name}',
    partnerOf: 'Partner {name} represents',
    none: 'Represents no partner',
    represents: 'represents {partner}',
    noPartner: 'represents no partner',
    candidate: '{name} (candidate)',
    conflict: 'This cannot be changed now: {message}',
  },
  invite: {
    partner: 'Represents partner',
    noPartner: 'No partner (yet)',
    observerNoBroker: 'Observers follow along; they cannot be brokers.',
    copyLink: 'Copy link',
    copied: 'Copied',
    linkFor: 'Invitation link for {who}',
    represents: 'represents {partner}',
    broker: 'broker',
    single: 'One person',
    bulk: 'Many people at once',
    bulkLabel: 'Email addresses, one per line',
    bulkHint: 'Optionally add the partner they represent after a comma: an@school.be, De Regenboog',
    bulkSubmit: 'Create {n} invitations',
    bulkSubmitOne: 'Create 1 invitation',
    bulkCheck: 'Lines to fix before sending',
    lineError: 'Line {line}: {message}',
    errorEmail: '“{text}” is not an email address',
    errorPartner: 'there is no partner called “{name}”',
    errorDuplicate: '{email} is already on an earlier line',
    noLines: 'Type at least one email address.',
    resultsTitle: 'Result per line',
    resultSent: '{email}: invitation created',
    resultsAfter:
      'Each person sees the invitation when they sign in with that address. You can also copy each link from the pending invitations below and send it yourself.',
    resultFailed: '{email}: not created ({message})',
    legacy: 'link no longer available',
  },
};
