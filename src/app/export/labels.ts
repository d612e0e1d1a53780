/**
 * "Export labels (JSON)": the clip's events in the format of the hand labels in ../shared/clips/labels (pure), so a
 * clinician's corrections can be kept, shared, and scored against (scripts/lib/label-score.mjs reads this format).
 * The corrected events when anything was corrected, else the detected ones.
 */
import type { GaitAnalysis } from '../../core/analysis';
import type { ClipInfo } from '../../core/types';
import { playbackFps } from '../reanalyze';
import { asManual, detectedOf, diffEvents, diffWords } from '../report/eventEdits';

export const FRAME_NUMBERING = '0-based, in decode order (as ffmpeg -vsync 0 numbers them)';

export interface LabelEventOut {
  type: 'IC' | 'TO';
  foot: 'left' | 'right';
  frame: number;
  /** ± frames: 1 for an event placed or moved by hand (by eye, as the shared labels), 2 for one left as detected. */
  uncertainty: number;
  side: 'near' | 'far' | null;
  /** IC: StrideScope's strike classification (foot angle at contact); TO: null. */
  strike: 'heel' | 'midfoot' | 'forefoot' | null;
  /** Always false: the strike is classified automatically, not judged by eye. */
  strike_certain: boolean;
  /** 'hand': placed or moved by hand; 'detected': as StrideScope found it. */
  source: 'hand' | 'detected';
}

export interface LabelsDocument {
  clip: string;
  /** The clip's own frame rate (frames are numbered in the file). */
  fps: number;
  /** The rate a slow-motion clip was filmed at, when given. */
  capture_fps?: number;
  frames: number;
  view: string;
  direction: string | null;
  facing: 'left' | 'right' | null;
  setting: string | null;
  near_side: 'left' | 'right' | null;
  frame_numbering: string;
  events: LabelEventOut[];
  notes: string;
}

export function labelsDocument(a: GaitAnalysis, clip: ClipInfo, made = new Date()): LabelsDocument {
  const detected = detectedOf(a);
  const corrected = a.eventsCorrected ? asManual(a.events) : null;
  const diff = corrected ? diffEvents(detected, corrected) : null;
  const isDetected = new Set(detected.map((e) => `${e.type}${e.foot}${e.frame}`));
  const events: LabelEventOut[] = [...a.events]
    .sort((x, y) => x.frame - y.frame || (x.type === y.type ? 0 : x.type === 'IC' ? -1 : 1))
    .map((e) => {
      const byHand = a.eventsCorrected && !isDetected.has(`${e.type}${e.foot}${e.frame}`);
      return {
        type: e.type,
        foot: e.foot,
        frame: e.frame,
        uncertainty: byHand ? 1 : 2,
        side: e.side,
        strike: e.type === 'IC' ? e.strike : null,
        strike_certain: false,
        source: byHand ? 'hand' : 'detected',
      };
    });
  const dir = a.view.direction;
  const day = made.toISOString().slice(0, 10);
  const how = diff
    ? `Made with StrideScope on ${day} and corrected by hand: ${diff.moved + diff.added + diff.deleted} events moved/added/deleted (${diffWords(diff)}) against the ${detected.length} detected automatically (source "hand": placed or moved by hand, uncertainty 1; source "detected": as found, uncertainty 2).`
    : `Made with StrideScope on ${day} from the events it detected automatically, not corrected by hand (uncertainty 2: detected events are typically within ±2 frames of hand labels).`;
  const time = a.timeScale ? ` Slow motion: filmed at ${a.timeScale.captureFps} fps, played at ${round2(a.timeScale.playbackFps)} fps; frames are the file's.` : '';
  const doc: LabelsDocument = {
    clip: clip.fileName,
    fps: round2(playbackFps(clip)),
    ...(a.timeScale ? { capture_fps: a.timeScale.captureFps } : {}),
    frames: a.frameCount,
    view: a.view.view,
    direction: dir,
    facing: dir === 'right-to-left' ? 'left' : dir === 'left-to-right' ? 'right' : null,
    setting: a.view.setting,
    near_side: a.view.nearSide,
    frame_numbering: FRAME_NUMBERING,
    events,
    notes:
      `${how}${time} IC = first frame the foot touches the ground or belt; TO = first frame the toe is clearly off. ` +
      'Strike at IC is StrideScope\u2019s classification from the foot angle (strike_certain false); TO entries carry strike null. ' +
      'Left / right are the runner\u2019s feet as StrideScope assigned them; side near / far as seen from the camera.',
  };
  return doc;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export function labelsJson(a: GaitAnalysis, clip: ClipInfo, made?: Date): string {
  return JSON.stringify(labelsDocument(a, clip, made), null, 1);
}

export function labelsFileName(clip: ClipInfo): string {
  return `${clip.fileName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_') || 'clip'}-labels.json`;
}
