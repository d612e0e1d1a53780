/**
 * Scores detected gait events against the hand labels in ../shared/clips/labels (used by the browser tests, the
 * unit tests on real tracks, `npm run bench` and `npm run bench:accuracy`). Pure.
 */

/** An event counts as found when it is within this many frames of its label. */
export const WITHIN_FRAMES = 2;
/** A detection further than this from every label of its kind is no match at all. */
export const MATCH_FRAMES = 5;

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

/** Matches whose detection is within ±n frames of its label. */
export const withinFrames = (matches, n) => matches.filter((x) => x.error !== null && Math.abs(x.error) <= n).length;
const within = (matches) => withinFrames(matches, WITHIN_FRAMES);

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

/**
 * Cadence from labelled contacts, the way src/core/analysis/cadence.ts takes it from detected ones: per foot (any foot
 * names, 'a'/'b' too) with at least 3 contacts, the contact frames t_i are fitted by least squares against their
 * stride number k_i = round((t_i − t_0) / median stride) (a gap in the labels leaves a gap in k); the slope is that
 * foot's stride time; the feet are combined weighted by their number of strides (at least 2 in all).
 * cadence = 120 × fps / stride frames (steps/min). Null with too few contacts.
 */
export function labelCadence(labels, fps) {
  let sumW = 0;
  let sumB = 0;
  const feet = [...new Set(labels.filter((l) => l.type === 'IC').map((l) => l.foot))];
  for (const foot of feet) {
    const t = labels.filter((l) => l.type === 'IC' && l.foot === foot).map((l) => l.frame).sort((a, b) => a - b);
    if (t.length < 3) continue;
    const T = median(t.slice(1).map((x, i) => x - t[i]));
    if (!(T > 0)) continue;
    const k = t.map((x) => Math.round((x - t[0]) / T));
    const n = t.length;
    const mk = k.reduce((s, v) => s + v, 0) / n;
    const mt = t.reduce((s, v) => s + v, 0) / n;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      sxx += (k[i] - mk) ** 2;
      sxy += (k[i] - mk) * (t[i] - mt);
    }
    if (!(sxx > 0)) continue;
    const strides = k[n - 1] - k[0];
    sumW += strides;
    sumB += strides * (sxy / sxx);
  }
  if (sumW < 2) return null;
  const strideFrames = sumB / sumW;
  return { strideFrames, strides: sumW, cadence: (120 * fps) / strideFrames };
}

/**
 * Contact time from labelled events, the way the analysis reports it (median over the contacts): each labelled IC with
 * a labelled TO of the same foot after it and before that foot's next IC gives TO frame − IC frame. Milliseconds at
 * the clip's frame rate; null without such a pair.
 */
export function labelContactTime(labels, fps) {
  const sorted = [...labels].sort((a, b) => a.frame - b.frame);
  const frames = [];
  for (const ic of sorted.filter((l) => l.type === 'IC')) {
    const next = sorted.find((l) => l.foot === ic.foot && l.frame > ic.frame);
    if (next && next.type === 'TO') frames.push(next.frame - ic.frame);
  }
  if (!frames.length) return null;
  return { ms: (median(frames) / fps) * 1000, contacts: frames.length };
}

/** Median of a non-empty list (the mean of the middle two for an even count). */
function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)] + s[Math.ceil(mid)]) / 2;
}

/** Issue 19's contact-time bar: within ±10 % of the labels' median, or ±1 frame, whichever is larger. */
export const contactTimeWithinBar = (labelMs, foundMs, fps) => Math.abs(foundMs - labelMs) <= Math.max(0.1 * labelMs, 1000 / fps);

/**
 * Detected events inside the labelled span (first to last labelled frame, inclusive) that match no label: a contact
 * or toe-off the analysis found where the labeller saw none (or found twice).
 */
export function extraEvents(labels, events, matches) {
  if (!labels.length) return [];
  const lo = Math.min(...labels.map((l) => l.frame));
  const hi = Math.max(...labels.map((l) => l.frame));
  const used = new Set(matches.map((m) => m.det).filter(Boolean));
  return events.filter((e) => !used.has(e) && e.frame >= lo && e.frame <= hi);
}

/** The direction of travel a side-view label file states ('direction', or 'facing' left/right), else null. */
export function labelledDirection(labelDoc) {
  if (labelDoc.direction) return labelDoc.direction;
  if (labelDoc.facing === 'left') return 'right-to-left';
  if (labelDoc.facing === 'right') return 'left-to-right';
  return null;
}

/** Detections inside the labelled span (matched or extra): how many, how many not marked low confidence, and how many
 *  of those are within ±2 frames of their label. */
export function unmarkedCounts(matches, extra) {
  const matched = matches.filter((m) => m.det && m.error !== null);
  const unmarked = matched.filter((m) => !m.det.lowConfidence);
  return {
    detections: matched.length + extra.length,
    unmarked: unmarked.length + extra.filter((e) => !e.lowConfidence).length,
    unmarkedWithin2: unmarked.filter((m) => Math.abs(m.error) <= 2).length,
  };
}

const count = (matches) => ({ total: matches.length, within1: withinFrames(matches, 1), within2: withinFrames(matches, 2) });

/**
 * Every figure of one clip against its label file (`{ events, view?, activity?, direction? / facing? }`): activity,
 * view and direction of travel found; events
 * within ±1 / ±2 frames (greedy matching, a label with no detection within MATCH_FRAMES is missed), split by the
 * labels' near/far `side`; extra events; mean signed error per event type (positive = detected late); strikes right
 * on the contacts whose strike is certain; cadence found against the cadence of the labelled contacts.
 * `analysis` may be null (the run gave none); `fps` is the clip's measured frame rate.
 */
export function scoreClip(labelDoc, analysis, fps) {
  const labels = labelDoc.events;
  const events = analysis?.events ?? [];
  const { matches, footMap } = bestMatch(labels, { events });
  const bySide = (side) => {
    const m = matches.filter((x) => x.label.side === side);
    return m.length ? count(m) : null;
  };
  const bias = {};
  for (const type of ['IC', 'TO']) {
    const errs = matches.filter((m) => m.label.type === type && m.error !== null).map((m) => m.error);
    bias[type] = { n: errs.length, sum: errs.reduce((s, e) => s + e, 0) };
  }
  const extra = extraEvents(labels, events, matches);
  const certain = matches.filter((m) => m.label.type === 'IC' && m.label.strike_certain);
  const lc = labelCadence(labels, fps);
  const found = analysis?.summary?.cadence?.value ?? null;
  const lct = labelContactTime(labels, fps);
  const foundContact = analysis?.summary?.contactTimeMs?.value ?? null;
  const expectedActivity = labelDoc.activity ?? 'running';
  const foundActivity = analysis?.activity ?? null;
  return {
    activity: { expected: expectedActivity, found: foundActivity, ok: foundActivity === expectedActivity, reason: analysis?.activityReason ?? null },
    view: {
      expected: labelDoc.view ?? null,
      found: analysis?.view?.view ?? null,
      confidence: analysis?.view?.confidence ?? null,
      ok: labelDoc.view ? analysis?.view?.view === labelDoc.view : null,
      expectedDirection: labelledDirection(labelDoc),
      direction: analysis?.view?.direction ?? null,
      directionOk: labelledDirection(labelDoc) ? analysis?.view?.direction === labelledDirection(labelDoc) : null,
    },
    events: {
      ...count(matches),
      withinUncertainty: matches.filter((m) => m.error !== null && Math.abs(m.error) <= (m.label.uncertainty ?? WITHIN_FRAMES)).length,
      missed: matches.filter((m) => m.error === null).length,
      extra: extra.length,
      extraFrames: extra.map((e) => `${e.type} ${e.foot} ${e.frame}`),
      near: bySide('near'),
      far: bySide('far'),
      bias,
      footMap,
      errors: matches.map((m) => ({ type: m.label.type, foot: m.label.foot, side: m.label.side ?? null, frame: m.label.frame, error: m.error })),
      // honest uncertainty: the detections (matched to a label, or extra) not marked low confidence, and how many of
      // those are within ±2 frames of their label — a mark that tells right from wrong leaves few wrong ones unmarked
      unmarked: unmarkedCounts(matches, extra),
    },
    // wrong: a strike given that is not the labelled one (a strike left unclassified — null — is not wrong)
    strikes: {
      right: certain.filter((m) => m.det?.strike === m.label.strike).length,
      wrong: certain.filter((m) => m.det?.strike && m.det.strike !== m.label.strike).length,
      certain: certain.length,
    },
    cadence: {
      label: lc ? lc.cadence : null,
      labelStrides: lc ? lc.strides : 0,
      found,
      diffPct: lc && found !== null ? ((found - lc.cadence) / lc.cadence) * 100 : null,
    },
    contact: {
      label: lct ? lct.ms : null,
      labelContacts: lct ? lct.contacts : 0,
      found: foundContact,
      ok: lct && foundContact !== null ? contactTimeWithinBar(lct.ms, foundContact, fps) : lct ? false : null,
    },
  };
}

const addCount = (a, b) => (b ? { total: (a?.total ?? 0) + b.total, within1: (a?.within1 ?? 0) + b.within1, within2: (a?.within2 ?? 0) + b.within2 } : a);

/** Sums of the counts of several scoreClip results (the pooled figures); cadence as the list of % differences. */
export function poolScores(scores) {
  const p = {
    clips: scores.length,
    activityOk: 0,
    viewOk: 0,
    viewLabelled: 0,
    directionOk: 0,
    directionLabelled: 0,
    events: { total: 0, within1: 0, within2: 0, withinUncertainty: 0, missed: 0, extra: 0, near: null, far: null, bias: { IC: { n: 0, sum: 0 }, TO: { n: 0, sum: 0 } }, unmarked: { detections: 0, unmarked: 0, unmarkedWithin2: 0 } },
    strikes: { right: 0, wrong: 0, certain: 0 },
    cadence: { clips: 0, within5: 0, maxAbsDiffPct: null, diffsPct: [] },
  };
  for (const s of scores) {
    if (s.activity.ok) p.activityOk++;
    if (s.view.ok !== null) {
      p.viewLabelled++;
      if (s.view.ok) p.viewOk++;
    }
    if (s.view.directionOk !== null) {
      p.directionLabelled++;
      if (s.view.directionOk) p.directionOk++;
    }
    const e = p.events;
    for (const k of ['total', 'within1', 'within2', 'withinUncertainty', 'missed', 'extra']) e[k] += s.events[k];
    for (const k of ['detections', 'unmarked', 'unmarkedWithin2']) e.unmarked[k] += s.events.unmarked?.[k] ?? 0;
    e.near = addCount(e.near, s.events.near);
    e.far = addCount(e.far, s.events.far);
    for (const t of ['IC', 'TO']) {
      e.bias[t].n += s.events.bias[t].n;
      e.bias[t].sum += s.events.bias[t].sum;
    }
    p.strikes.right += s.strikes.right;
    p.strikes.wrong += s.strikes.wrong ?? 0;
    p.strikes.certain += s.strikes.certain;
    if (s.cadence.label !== null) {
      p.cadence.clips++;
      const d = s.cadence.diffPct;
      p.cadence.diffsPct.push(d);
      if (d !== null && Math.abs(d) <= 5) p.cadence.within5++;
      if (d === null) p.cadence.maxAbsDiffPct = Infinity;
      else p.cadence.maxAbsDiffPct = Math.max(p.cadence.maxAbsDiffPct ?? 0, Math.abs(d));
    }
  }
  return p;
}
