/** The hand-labelled clips in ../shared/clips/labels. */
export const LABELLED_CLIPS = ['treadmill-side-left', 'overground-side-right-to-left'];
