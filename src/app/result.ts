/** Builds the JSON document the page exports and `npm run analyze` writes (schema: docs/analyze-result.schema.json). */
import type { GaitAnalysis } from '../core/analysis';
import { BLAZEPOSE_KEYPOINTS, MOVENET_KEYPOINTS, type AnalyzeResult, type ClipInfo, type PoseFrame, type PoseModelId } from '../core/types';
import { MODEL_LABELS, type BackendInfo } from '../pipeline/protocol';

export function buildAnalyzeResult(clip: ClipInfo, model: PoseModelId, backend: BackendInfo, frames: PoseFrame[], analysis: GaitAnalysis | null): AnalyzeResult {
  return {
    schemaVersion: 1,
    clip,
    model: { id: model, name: MODEL_LABELS[model], keypoints: model.startsWith('movenet') ? MOVENET_KEYPOINTS : BLAZEPOSE_KEYPOINTS },
    backend: { id: backend.id, threads: backend.threads, simd: backend.simd, renderer: backend.renderer, note: backend.note },
    frames,
    analysis,
  };
}
