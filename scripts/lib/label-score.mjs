/**
 * Scores detected gait events against the hand labels in ../shared/clips/labels (used by the browser tests, the
 * unit tests on real tracks and `npm run bench`). Pure.
 */

/** An event counts as found when it is within this many frames of its label. */
export const WITHIN_FRAMES = 2;
/** A detection further than this from every label of its kind is no match at all. */
const MATCH_FRAMES = 5;

/** Greedy nearest matching of detected events to labels (same type, same foot under `footMap`). */
export function matchEvents(labels, events, footMap) {
  const used = new Set();
  return labels.map((l) => {
    const cands = events
      .filter((e) => e.type === l.type && e.foot === footMap[l.foot] && !used.has(e))
      .sort((a, b) => Math.abs(a.frame - l.frame) - Math.abs(b.frame - l.frame));
    const d = cands[0] && Math.abs(cands[0].frame - l.frame) <= MATCH_FRAMES ? cands[0] : null;
    if (d) used.add(d);
    return { label: l, det: d, error: d ? d.frame - l.frame : null };
  });
}

const within = (matches) => matches.filter((x) => x.error !== null && Math.abs(x.error) <= WITHIN_FRAMES).length;

/** Tries both foot namings (labels 'a'/'b' or possibly mirrored left/right) and keeps the better one. */
export function bestMatch(labels, analysis) {
  const feet = [...new Set(labels.map((l) => l.foot))];
  const maps = [];
  if (feet.every((f) => f === 'left' || f === 'right')) maps.push({ left: 'left', right: 'right' });
  else maps.push({ [feet[0]]: 'left', [feet[1]]: 'right' }, { [feet[0]]: 'right', [feet[1]]: 'left' });
  let best = null;
  for (const m of maps) {
    const matches = matchEvents(labels, analysis.events, m);
    if (!best || within(matches) > within(best.matches)) best = { matches, footMap: m };
  }
  return best;
}

/** Events within ±WITHIN_FRAMES of their labels, and strikes right on the contacts whose strike is marked certain. */
export function scoreEvents(labels, analysis) {
  const { matches } = bestMatch(labels, analysis);
  const certain = matches.filter((m) => m.label.type === 'IC' && m.label.strike_certain);
  return {
    within: within(matches),
    total: matches.length,
    strikeRight: certain.filter((m) => m.det?.strike === m.label.strike).length,
    strikeCertain: certain.length,
    errors: matches.map((m) => m.error),
  };
}
