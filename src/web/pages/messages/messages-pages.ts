/** The Messages area, fetched as one chunk (see lazy-component.ts): the inbox, a new question and a thread. */
export { AskQuestionPage } from './AskQuestionPage.tsx';
export { MessagesPage } from './MessagesPage.tsx';
export { ThreadPage } from './ThreadPage.tsx';
