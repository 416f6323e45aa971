/** Limits shared by server validation and client forms (API contract, "Limits"). */
export const LIMITS = {
  nameMax: 200,
  textMax: 20_000,
  arrayMax: 200,
  /** JSON bodies over this answer 413 before anything else. */
  bodyMaxBytes: 1024 * 1024,
  /** A single y-websocket frame over this closes the socket with 4413. */
  collabFrameMaxBytes: 2 * 1024 * 1024,
  pageDefault: 50,
  pageMin: 1,
  pageMax: 200,
  passwordMin: 10,
  passwordMax: 200,
  emailMax: 254,
  invitationDefaultHours: 24 * 7,
  invitationMaxHours: 24 * 90,
  /** `GET /api/me/invitations` answers at most this many (newest first). */
  myInvitationsMax: 100,
  /** A comment (or a thread's opening text) in a discussion. */
  commentTextMax: 20_000,
  /** The text a document thread was opened on, as it was selected then. */
  anchorQuoteMax: 2_000,
  /** A Yjs relative position, base64-encoded (real ones are a few dozen characters). */
  anchorPositionMax: 512,
} as const;
