/** Stand-in for @mediapipe/pose: StrideScope only runs pose-detection with runtime 'tfjs'. */
export class Pose {
  constructor() {
    throw new Error('The MediaPipe runtime is not bundled; StrideScope uses runtime "tfjs".');
  }
}
export const VERSION = 'stub';
