/**
 * Editing gait events by hand (pure): the list of hand-placed events the analysis is recomputed from, and what the
 * clinician changed against the detected events (moved, added, deleted). Frames follow the labels' convention
 * (../shared/clips/labels): IC = first frame the foot touches, TO = first frame the toe is clearly off.
 */
import type { EventType, Foot, GaitAnalysis, GaitEvent, ManualEvent } from '../../core/analysis';

const TYPE_ORDER: Record<EventType, number> = { IC: 0, TO: 1 };
const FOOT_ORDER: Record<Foot, number> = { left: 0, right: 1 };

export function sameEvent(a: ManualEvent, b: ManualEvent): boolean {
  return a.type === b.type && a.foot === b.foot && a.frame === b.frame;
}

export function sortEvents(list: readonly ManualEvent[]): ManualEvent[] {
  return [...list].sort((a, b) => a.frame - b.frame || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || FOOT_ORDER[a.foot] - FOOT_ORDER[b.foot]);
}

export function asManual(events: readonly Pick<GaitEvent, 'type' | 'foot' | 'frame'>[]): ManualEvent[] {
  return sortEvents(events.map((e) => ({ type: e.type, foot: e.foot, frame: e.frame })));
}

/** The events detected automatically (kept beside the corrected ones once anything was corrected). */
export function detectedOf(a: GaitAnalysis): ManualEvent[] {
  return asManual(a.detectedEvents ?? a.events);
}

/** `ev` moved to `frame` (clamped to the clip); unchanged when the clip has that very event there already. */
export function moveEvent(list: readonly ManualEvent[], ev: ManualEvent, frame: number, frameCount: number): { list: ManualEvent[]; moved: ManualEvent } {
  const to = Math.max(0, Math.min(frameCount - 1, Math.round(frame)));
  const moved = { ...ev, frame: to };
  const i = list.findIndex((e) => sameEvent(e, ev));
  if (!Number.isFinite(to) || i < 0 || to === ev.frame || list.some((e) => sameEvent(e, moved))) return { list: [...list], moved: i < 0 ? ev : list[i] };
  const next = [...list];
  next[i] = moved;
  return { list: sortEvents(next), moved };
}

/** `ev` added (unless the very same event is there already). */
export function addEvent(list: readonly ManualEvent[], ev: ManualEvent): ManualEvent[] {
  return list.some((e) => sameEvent(e, ev)) ? [...list] : sortEvents([...list, ev]);
}

export function deleteEvent(list: readonly ManualEvent[], ev: ManualEvent): ManualEvent[] {
  const i = list.findIndex((e) => sameEvent(e, ev));
  return i < 0 ? [...list] : [...list.slice(0, i), ...list.slice(i + 1)];
}

/** Events this many frames further than the nearest one still count as "near" when stepping through them. */
const NEAR_SPAN = 2;

/**
 * The event nearest `frame` (ties: earlier first, then IC before TO, left before right). With `after` (the one
 * selected now) among the near ones (within NEAR_SPAN frames of the nearest distance), the next near one, so pressing
 * the key again steps through the events around this frame (a contact of one foot and the toe-off of the other).
 */
export function nearestEvent(list: readonly ManualEvent[], frame: number, after: ManualEvent | null = null): ManualEvent | null {
  if (!list.length) return null;
  const ranked = sortEvents(list)
    .map((e, i) => ({ e, i, d: Math.abs(e.frame - frame) }))
    .sort((a, b) => a.d - b.d || a.i - b.i);
  const near = ranked.filter((r) => r.d <= ranked[0].d + NEAR_SPAN);
  const k = after ? near.findIndex((r) => sameEvent(r.e, after)) : -1;
  return k >= 0 ? near[(k + 1) % near.length].e : ranked[0].e;
}

export interface EventChange {
  kind: 'moved' | 'added' | 'deleted';
  type: EventType;
  foot: Foot;
  /** Detected frame (moved, deleted). */
  from: number | null;
  /** Corrected frame (moved, added). */
  to: number | null;
}

export interface EventDiff {
  moved: number;
  added: number;
  deleted: number;
  /** Corrected events equal to a detected one. */
  unchanged: number;
  changes: EventChange[];
}

/**
 * What was corrected: per type and foot, events at the same frame are unchanged; the rest are paired nearest first
 * (moved) when closer than half that foot's typical gap between two such events (a stride); the others are added
 * (corrected only) or deleted (detected only).
 */
export function diffEvents(detected: readonly ManualEvent[], corrected: readonly ManualEvent[]): EventDiff {
  const out: EventDiff = { moved: 0, added: 0, deleted: 0, unchanged: 0, changes: [] };
  for (const type of ['IC', 'TO'] as EventType[]) {
    for (const foot of ['left', 'right'] as Foot[]) {
      const det = detected.filter((e) => e.type === type && e.foot === foot).map((e) => e.frame).sort((a, b) => a - b);
      const cor = corrected.filter((e) => e.type === type && e.foot === foot).map((e) => e.frame).sort((a, b) => a - b);
      const d = [...det];
      const c: number[] = [];
      for (const f of cor) {
        const k = d.indexOf(f);
        if (k >= 0) {
          d.splice(k, 1);
          out.unchanged++;
        } else c.push(f);
      }
      const gaps = det.slice(1).map((f, i) => f - det[i]).sort((a, b) => a - b);
      const maxShift = gaps.length ? Math.max(3, Math.floor(gaps[Math.floor(gaps.length / 2)] / 2)) : 10;
      const pairs: { i: number; j: number; dist: number }[] = [];
      c.forEach((cf, i) => d.forEach((df, j) => Math.abs(cf - df) < maxShift && pairs.push({ i, j, dist: Math.abs(cf - df) })));
      pairs.sort((a, b) => a.dist - b.dist || a.i - b.i);
      const ci = new Set<number>();
      const dj = new Set<number>();
      for (const p of pairs) {
        if (ci.has(p.i) || dj.has(p.j)) continue;
        ci.add(p.i);
        dj.add(p.j);
        out.moved++;
        out.changes.push({ kind: 'moved', type, foot, from: d[p.j], to: c[p.i] });
      }
      c.forEach((f, i) => {
        if (ci.has(i)) return;
        out.added++;
        out.changes.push({ kind: 'added', type, foot, from: null, to: f });
      });
      d.forEach((f, j) => {
        if (dj.has(j)) return;
        out.deleted++;
        out.changes.push({ kind: 'deleted', type, foot, from: f, to: null });
      });
    }
  }
  out.changes.sort((a, b) => (a.to ?? a.from ?? 0) - (b.to ?? b.from ?? 0));
  return out;
}

/** "2 moved, 1 added" (the non-zero counts), or "none changed". */
export function diffWords(d: Pick<EventDiff, 'moved' | 'added' | 'deleted'>): string {
  const parts = [d.moved && `${d.moved} moved`, d.added && `${d.added} added`, d.deleted && `${d.deleted} deleted`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none changed';
}

export const EVENT_WORDS: Record<EventType, string> = { IC: 'initial contact', TO: 'toe-off' };

export function eventName(e: ManualEvent): string {
  return `${e.foot} ${EVENT_WORDS[e.type]}, frame ${e.frame}`;
}
