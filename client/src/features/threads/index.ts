/** The discussion pieces other features use (proposal and experiment pages, the document panel). */
export { Discussion, useDiscussionContext } from './components/Discussion';
export { ThreadView } from './components/ThreadView';
export { MentionComposer } from './components/MentionComposer';
export { CommentText } from './components/CommentText';
export { useThreads, useThreadMutations, threadsKey, type SubjectRef } from './api';
export * from './mentions';
