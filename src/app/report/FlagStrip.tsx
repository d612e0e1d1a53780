import { useState } from 'react';
import type { GaitAnalysis, PatternFlag } from '../../core/analysis';
import type { ClipInfo, PoseFrame } from '../../core/types';
import { FINDING_TITLES } from './findingsModel';
import { FrameThumb } from './FrameThumb';
import { flagSeverity } from './timelineModel';

/** Flagged frames shown at first, per kind: the strongest (a long clip can have hundreds; "show all" lists every one). */
const FIRST_SHOWN = 4;

function Group({ kind, flags, judged, ...p }: { kind: PatternFlag['kind']; flags: PatternFlag[]; judged: number; frames: readonly PoseFrame[]; clip: ClipInfo; getFrame(i: number, side: number): Promise<ImageBitmap | null>; current: number; onOpen(frame: number): void }) {
  const [all, setAll] = useState(false);
  const strongest = [...flags].sort((a, b) => flagSeverity(b) - flagSeverity(a) || a.frame - b.frame);
  const shown = all ? [...flags].sort((a, b) => a.frame - b.frame) : strongest.slice(0, FIRST_SHOWN);
  return (
    <div className="flag-group" data-testid={`flag-group-${kind}`}>
      <h3>
        {FINDING_TITLES[kind]}: {flags.length} of {judged} {kind === 'extension-at-toe-off' ? 'toe-offs' : 'contacts'}
        {!all && flags.length > FIRST_SHOWN ? ` — the ${FIRST_SHOWN} strongest` : ''}
      </h3>
      <ol>
        {shown.map((f) => (
          <li key={`${f.kind}-${f.frame}-${f.foot}`}>
            <button type="button" className={p.current === f.frame ? 'current' : ''} onClick={() => p.onOpen(f.frame)} data-testid="flag-thumb" data-frame={f.frame} aria-label={`Open frame ${f.frame}: ${FINDING_TITLES[f.kind]}, ${f.foot}`}>
              <FrameThumb frame={f.frame} pose={p.frames[f.frame]} clip={p.clip} getFrame={p.getFrame} width={170} crop />
              <span className="flag-title">
                {f.foot} · frame {f.frame}
              </span>
              <span className="flag-reasons">{f.reasons.join('; ')}</span>
            </button>
          </li>
        ))}
      </ol>
      {flags.length > FIRST_SHOWN && (
        <button type="button" className="linkish flag-more" onClick={() => setAll((x) => !x)} aria-expanded={all} data-testid={`flag-show-all-${kind}`}>
          {all ? `Show the ${FIRST_SHOWN} strongest only` : `Show all ${flags.length}, in time order`}
        </button>
      )}
    </div>
  );
}

/** The flagged frames, per kind: the strongest first (how far past the thresholds, times the confidence); a click opens
 *  one in the player. */
export function FlagStrip({
  analysis,
  frames,
  clip,
  getFrame,
  current,
  onOpen,
}: {
  analysis: GaitAnalysis;
  frames: readonly PoseFrame[];
  clip: ClipInfo;
  getFrame(i: number, side: number): Promise<ImageBitmap | null>;
  current: number;
  onOpen(frame: number): void;
}) {
  if (analysis.flags.length === 0) return null;
  const p = analysis.summary.pattern;
  const kinds: PatternFlag['kind'][] = ['heel-strike-straight-knee', 'extension-at-toe-off'];
  return (
    <section className="card flag-strip" aria-label="Flagged frames" data-testid="flag-strip">
      <h2>Flagged frames ({analysis.flags.length})</h2>
      {kinds.map((k) => {
        const fl = analysis.flags.filter((f) => f.kind === k);
        if (!fl.length) return null;
        const judged = k === 'extension-at-toe-off' ? p.extensionAtToeOff.strides : p.heelStrikeStraightKnee.contacts;
        return <Group key={k} kind={k} flags={fl} judged={judged} frames={frames} clip={clip} getFrame={getFrame} current={current} onOpen={onOpen} />;
      })}
    </section>
  );
}
