/**
 * Correcting gait events by hand, under the player: a strip of the frames around the current one with every contact
 * (▼) and toe-off (▲) — the detected ones faint once anything was corrected — to select, drag or click; buttons and
 * keys to move the selected event (±1 frame, to this frame), add a contact or toe-off of either foot at this frame,
 * delete, undo and reset. Every change recomputes the analysis (no pose model) through `edit.correct`.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Foot, GaitAnalysis, ManualEvent } from '../../core/analysis';
import type { Corrections } from '../reanalyze';
import { SIDE_COLOURS } from '../skeleton';
import { useElementWidth } from './useElementWidth';
import { TOUCH, useMediaQuery } from '../useMediaQuery';
import { addEvent, deleteEvent, detectedOf, diffEvents, diffWords, EVENT_WORDS, eventName, moveEvent, nearestEvent, sameEvent } from './eventEdits';

export interface EditController {
  corrections: Corrections;
  correct(next: Corrections): void;
  undo(): void;
  canUndo: boolean;
  /** The analysis is being computed again. */
  reanalysing: boolean;
  /** Why the last change could not be applied. */
  problem: string | null;
  /** The last re-analysis' round trip, ms. */
  lastMs: number | null;
}

/** Frames shown either side of the current one in the strip. */
const HALF_WINDOW = 24;
/** A selected event stays selected while it is in the strip (this far from the frame shown); further away it is let go. */
export const SELECTION_HOLD_FRAMES = HALF_WINDOW;
const LANE = { left: 6, right: 34 } as const;
const LANE_H = 24;
const STRIP_H = 78;

/** Whether hand corrections apply to this analysis: the core takes them on side-view running / walking clips. */
export function canEditEvents(a: GaitAnalysis): boolean {
  return a.activity !== 'none' && a.backStances.length === 0 && a.view.view !== 'back' && a.view.view !== 'front';
}

function isTyping(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && ((el.tagName === 'INPUT' && (el as HTMLInputElement).type !== 'range' && (el as HTMLInputElement).type !== 'checkbox') || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

function triangle(cx: number, cy: number, down: boolean, r = 7): string {
  return down ? `M${cx - r},${cy - r * 0.6}L${cx + r},${cy - r * 0.6}L${cx},${cy + r * 0.8}Z` : `M${cx - r},${cy + r * 0.6}L${cx + r},${cy + r * 0.6}L${cx},${cy - r * 0.8}Z`;
}

export function EventEditor({
  analysis,
  frame,
  frameCount,
  onSeek,
  selected,
  onSelect,
  edit,
  active,
}: {
  analysis: GaitAnalysis;
  frame: number;
  frameCount: number;
  onSeek(frame: number): void;
  selected: ManualEvent | null;
  onSelect(e: ManualEvent | null): void;
  edit: EditController;
  /** Keys act on this editor (the page's active clip). */
  active: boolean;
}) {
  const detected = useMemo(() => detectedOf(analysis), [analysis]);
  const list = edit.corrections.events ?? detected;
  const corrected = edit.corrections.events !== null;
  const diff = useMemo(() => (corrected ? diffEvents(detected, list) : null), [corrected, detected, list]);
  const [status, setStatus] = useState('');
  const touch = useMediaQuery(TOUCH);
  const frameRef = useRef(frame);
  frameRef.current = frame;

  const apply = useCallback(
    (next: ManualEvent[], words: string) => {
      edit.correct({ ...edit.corrections, events: next });
      setStatus(words);
    },
    [edit],
  );
  const move = useCallback(
    (ev: ManualEvent, to: number) => {
      const r = moveEvent(list, ev, to, frameCount);
      if (r.moved.frame === ev.frame) return;
      apply(r.list, `Moved the ${ev.foot} ${EVENT_WORDS[ev.type]} from frame ${ev.frame} to ${r.moved.frame}.`);
      onSelect(r.moved);
      onSeek(r.moved.frame);
    },
    [list, frameCount, apply, onSelect, onSeek],
  );
  const add = useCallback(
    (type: ManualEvent['type'], foot: Foot) => {
      const ev: ManualEvent = { type, foot, frame: frameRef.current };
      if (list.some((e) => sameEvent(e, ev))) return setStatus(`There is a ${foot} ${EVENT_WORDS[type]} on frame ${ev.frame} already.`);
      apply(addEvent(list, ev), `Added a ${foot} ${EVENT_WORDS[type]} on frame ${ev.frame}.`);
      onSelect(ev);
    },
    [list, apply, onSelect],
  );
  const remove = useCallback(
    (ev: ManualEvent) => {
      apply(deleteEvent(list, ev), `Deleted the ${eventName(ev)}.`);
      onSelect(null);
    },
    [list, apply, onSelect],
  );
  const reset = useCallback(() => {
    edit.correct({ ...edit.corrections, events: null });
    onSelect(null);
    setStatus('Back to the detected events.');
  }, [edit, onSelect]);

  // the selection follows the list (an undo can take the selected event away)
  const sel = selected && list.some((e) => sameEvent(e, selected)) ? selected : null;

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && e.code === 'KeyZ' && !e.shiftKey) {
        edit.undo();
        setStatus('Undone.');
      } else if (mod) return;
      else if (e.code === 'KeyE' && !e.altKey) {
        const n = nearestEvent(list, frameRef.current, sel);
        onSelect(n);
        if (n) setStatus(`Selected the ${eventName(n)}.`);
      } else if (e.key === 'Escape' && sel) onSelect(null);
      else if (sel && (e.key === '[' || (e.altKey && e.key === 'ArrowLeft'))) move(sel, sel.frame - 1);
      else if (sel && (e.key === ']' || (e.altKey && e.key === 'ArrowRight'))) move(sel, sel.frame + 1);
      else if (sel && e.code === 'KeyM' && !e.altKey) move(sel, frameRef.current);
      else if (sel && (e.key === 'Delete' || e.key === 'Backspace')) remove(sel);
      else if (e.code === 'KeyC' && !e.altKey) add('IC', e.shiftKey ? 'right' : 'left');
      else if (e.code === 'KeyT' && !e.altKey) add('TO', e.shiftKey ? 'right' : 'left');
      else if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
        /* Alt+← → without a selection: nothing (and not the browser's Back) */
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, list, sel, edit, move, remove, add, onSelect]);

  // ---- the strip: HALF_WINDOW frames either side of the current one
  const [wrap, width] = useElementWidth<HTMLDivElement>(480, 240);
  const span = 2 * HALF_WINDOW + 1;
  const first = Math.max(0, Math.min(frameCount - span, frame - HALF_WINDOW));
  const left = 34;
  const colW = (width - left - 6) / span;
  const xOf = (f: number) => left + (f - first + 0.5) * colW;
  const frameAt = (clientX: number) => {
    const r = wrap.current!.querySelector('svg')!.getBoundingClientRect();
    return Math.max(0, Math.min(frameCount - 1, Math.floor(first + (clientX - r.left - left) / colW)));
  };
  const [drag, setDrag] = useState<{ ev: ManualEvent; frame: number; moved: boolean } | null>(null);
  const inWindow = (e: ManualEvent) => e.frame >= first && e.frame < first + span;
  const shownDetected = corrected ? detected.filter(inWindow) : [];

  const ticks: number[] = [];
  for (let f = first; f < first + span; f++) if (f % 5 === 0) ticks.push(f);
  const detectedFrame = sel && diff ? diff.changes.find((c) => c.kind === 'moved' && c.type === sel.type && c.foot === sel.foot && c.to === sel.frame)?.from ?? null : null;
  const selIsNew = sel && diff ? diff.changes.some((c) => c.kind === 'added' && c.type === sel.type && c.foot === sel.foot && c.to === sel.frame) : false;

  return (
    <section className="card event-editor" aria-label="Correct gait events" data-testid="event-editor">
      <div className="ee-head">
        <h2>Contacts and toe-offs</h2>
        <span className={`ee-state${corrected ? ' corrected' : ''}`} data-testid="ee-state">
          {corrected && diff ? `corrected by hand: ${diffWords(diff)}` : 'as detected'}
          {edit.reanalysing ? ' · recomputing…' : edit.lastMs !== null ? ` · recomputed in ${Math.round(edit.lastMs)} ms` : ''}
        </span>
      </div>
      <div className="ee-strip" ref={wrap}>
        <svg
          width={width}
          height={STRIP_H}
          data-testid="event-strip"
          data-first={first}
          role="img"
          aria-label={`Frames ${first} to ${first + span - 1} with their contacts and toe-offs; click a mark to select it, drag it to move it, click elsewhere to go to that frame`}
          onClick={(ev) => onSeek(frameAt(ev.clientX))}
        >
          <text x={2} y={LANE.left + 15} className="tl-lane-label">
            left
          </text>
          <text x={2} y={LANE.right + 15} className="tl-lane-label">
            right
          </text>
          {/* the current frame's column */}
          <rect x={xOf(frame) - colW / 2} y={0} width={colW} height={STRIP_H - 14} className="ee-current" />
          {ticks.map((f) => (
            <g key={f}>
              <line x1={xOf(f)} x2={xOf(f)} y1={STRIP_H - 16} y2={STRIP_H - 12} stroke="#9aa5b5" />
              <text x={xOf(f)} y={STRIP_H - 2} textAnchor="middle" className="ee-tick">
                {f}
              </text>
            </g>
          ))}
          {shownDetected.map((e) => (
            <path
              key={`d${e.type}${e.foot}${e.frame}`}
              d={triangle(xOf(e.frame), LANE[e.foot] + LANE_H / 2, e.type === 'IC', 7)}
              className="ee-detected"
              data-testid="strip-detected-mark"
              data-frame={e.frame}
            >
              <title>{`detected ${eventName(e)}`}</title>
            </path>
          ))}
          {list.filter(inWindow).map((e) => {
            const isSel = !!sel && sameEvent(sel, e);
            const f = drag && sameEvent(drag.ev, e) ? drag.frame : e.frame;
            return (
              <path
                key={`${e.type}${e.foot}${e.frame}`}
                d={triangle(xOf(f), LANE[e.foot] + LANE_H / 2, e.type === 'IC', isSel ? 9 : 7)}
                fill={e.type === 'IC' ? SIDE_COLOURS[e.foot] : '#fff'}
                stroke={isSel ? '#111' : SIDE_COLOURS[e.foot]}
                strokeWidth={isSel ? 2.4 : 1.6}
                className={`ee-mark${isSel ? ' selected' : ''}`}
                data-testid="strip-mark"
                data-type={e.type}
                data-foot={e.foot}
                data-frame={e.frame}
                data-selected={isSel ? 'true' : undefined}
                style={{ cursor: 'grab', touchAction: 'none' }}
                onClick={(ev) => ev.stopPropagation()}
                onPointerDown={(ev) => {
                  ev.stopPropagation();
                  (ev.target as Element).setPointerCapture(ev.pointerId);
                  setDrag({ ev: e, frame: e.frame, moved: false });
                }}
                onPointerMove={(ev) => {
                  if (!drag || !sameEvent(drag.ev, e)) return;
                  const to = frameAt(ev.clientX);
                  if (to !== drag.frame) setDrag({ ...drag, frame: to, moved: true });
                }}
                onPointerUp={() => {
                  if (!drag || !sameEvent(drag.ev, e)) return;
                  setDrag(null);
                  if (drag.moved && drag.frame !== e.frame) move(e, drag.frame);
                  else {
                    onSelect(e);
                    onSeek(e.frame);
                    setStatus(`Selected the ${eventName(e)}.`);
                  }
                }}
                onPointerCancel={() => setDrag(null)}
              >
                <title>{`${eventName(e)}: click to select, drag to move`}</title>
              </path>
            );
          })}
        </svg>
      </div>
      <div className="ee-rows">
        <p className="ee-selected" data-testid="ee-selected">
          {sel ? (
            <>
              Selected: <strong className={`side-${sel.foot}`}>{eventName(sel)}</strong>
              {detectedFrame !== null ? ` (detected at ${detectedFrame})` : selIsNew ? ' (added by hand)' : ''}
            </>
          ) : (
            'No event selected: click a mark, or press E for the one nearest this frame.'
          )}
        </p>
        <div className="ee-buttons" role="group" aria-label="Selected event">
          <button type="button" disabled={!sel} onClick={() => sel && move(sel, sel.frame - 1)} data-testid="ee-earlier" title="Move one frame earlier ([ or Alt+←)">
            ◀ 1 frame
          </button>
          <button type="button" disabled={!sel} onClick={() => sel && move(sel, sel.frame + 1)} data-testid="ee-later" title="Move one frame later (] or Alt+→)">
            1 frame ▶
          </button>
          <button type="button" disabled={!sel || sel.frame === frame} onClick={() => sel && move(sel, frame)} data-testid="ee-move-here" title="Move to the frame shown (M)">
            Move to frame {frame}
          </button>
          <button type="button" disabled={!sel} onClick={() => sel && remove(sel)} data-testid="ee-delete" title="Delete (Del)">
            Delete
          </button>
        </div>
        <div className="ee-buttons" role="group" aria-label={`Add an event at frame ${frame}`}>
          <span className="ee-label">Add at frame {frame}:</span>
          <button type="button" onClick={() => add('IC', 'left')} data-testid="ee-add-ic-left" title="C" aria-label="Add a left initial contact at this frame (C)">
            + L contact
          </button>
          <button type="button" onClick={() => add('IC', 'right')} data-testid="ee-add-ic-right" title="Shift+C" aria-label="Add a right initial contact at this frame (Shift+C)">
            + R contact
          </button>
          <button type="button" onClick={() => add('TO', 'left')} data-testid="ee-add-to-left" title="T" aria-label="Add a left toe-off at this frame (T)">
            + L toe-off
          </button>
          <button type="button" onClick={() => add('TO', 'right')} data-testid="ee-add-to-right" title="Shift+T" aria-label="Add a right toe-off at this frame (Shift+T)">
            + R toe-off
          </button>
        </div>
        <div className="ee-buttons">
          <button
            type="button"
            disabled={!edit.canUndo}
            onClick={() => {
              edit.undo();
              setStatus('Undone.');
            }}
            data-testid="ee-undo"
            title="Ctrl+Z"
          >
            Undo
          </button>
          <button type="button" disabled={!corrected} onClick={reset} data-testid="ee-reset">
            Reset to detected
          </button>
          <span className="ee-status" role="status" aria-live="polite" data-testid="ee-status">
            {status}
          </span>
        </div>
        {edit.problem && (
          <p className="banner error" role="alert">
            {edit.problem}
          </p>
        )}
        {corrected && !analysis.eventsCorrected && !edit.reanalysing && (
          <p className="banner warn" role="status">
            These corrections are not used: hand-placed events apply to side-view clips.
          </p>
        )}
      </div>
      <p className="legend ee-hint" data-testid="ee-hint">
        {touch ? (
          <>
            <strong>How:</strong> tap a mark to select it, then ◀ 1 frame / 1 frame ▶ to move it, or go to the right frame and tap "Move to frame"; drag a
            mark to move it; the + buttons add a contact or toe-off at the frame shown; Undo takes a change back.
          </>
        ) : (
          <>
            <strong>Keys:</strong> E select the event nearest this frame (again: the next) · [ ] or Alt+← → move it one frame · M move it to this frame · Del delete · C /
            T add a contact / toe-off of the left foot (Shift: right) · Ctrl+Z undo · Esc deselect. Drag a mark here or on the timeline to move it.
          </>
        )}{' '}
        A contact goes on the first frame the foot touches, a toe-off on the first frame the toe is clearly off the ground. A selection is let go when the player
        moves more than {SELECTION_HOLD_FRAMES} frames away from it.
      </p>
    </section>
  );
}
