/**
 * Lumbar-extension and pelvic-tilt ESTIMATES. From 2-D hip, knee and shoulder keypoints we get two angles (trunk line
 * against vertical, thigh against vertical) for three unknowns (pelvic tilt, lumbar extension, hip extension), so
 * one assumption is needed. Model (see docs/METHODS.md):
 *   thigh extension  θ = H + A          (H = hip extension, femur against pelvis; A = anterior pelvic tilt vs standing)
 *   trunk lean       T = T_ref + A − Lx (Lx = lumbar extension vs standing; T_ref = standing trunk angle)
 * Assumption: hip extension does not exceed the typical running peak H_typ (HIP_EXTENSION_TYPICAL_DEG); thigh
 * extension beyond it is taken up by anterior pelvic tilt: A = max(0, θ − H_typ), and then Lx = A + T_ref − T.
 * Both outputs are labelled `estimate: true`. The measured, assumption-free iliopsoas-length proxy is the
 * trunk–thigh extension θ − T (lumbar + hip extension together).
 */
import { HIP_EXTENSION_TYPICAL_DEG } from './thresholds';

export function lumboPelvicEstimate(thighExtDeg: number, trunkLeanDeg: number, trunkRefDeg: number): { pelvicTiltDeg: number; lumbarExtensionDeg: number } {
  if (!Number.isFinite(thighExtDeg) || !Number.isFinite(trunkLeanDeg)) return { pelvicTiltDeg: NaN, lumbarExtensionDeg: NaN };
  const A = Math.max(0, thighExtDeg - HIP_EXTENSION_TYPICAL_DEG);
  return { pelvicTiltDeg: A, lumbarExtensionDeg: A + trunkRefDeg - trunkLeanDeg };
}
