import { labelledClips } from '../../scripts/lib/labels.mjs';

/** The hand-labelled clips: every labels file in ../shared/clips/labels (scripts/lib/labels.mjs). */
export const LABELLED_CLIPS = labelledClips();
