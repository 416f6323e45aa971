/** The rule lives in @coalesce/shared, so the client's hints follow the same function. */
export {
  canReadDocuments,
  canWriteDocuments,
  documentAccessFor,
  documentAccessOrNone,
  type DocumentAccess,
} from '@coalesce/shared';
