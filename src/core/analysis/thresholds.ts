/**
 * Every threshold the analysis uses, named, with a one-line rationale. The full rationale and sources are in
 * docs/METHODS.md (section "Thresholds"); keep the two in step.
 */

// ---- Clean-up -------------------------------------------------------------------------------------------------
/** Keypoints below this score (BlazePose visibility / MoveNet score) are treated as absent. Low on purpose: the far leg of a side view often scores 0.2–0.5 while still being usable; outliers are handled by jitter rejection. */
export const KEYPOINT_MIN_SCORE = 0.05;
/** Longest dropout bridged by interpolation, seconds (≈ 3 frames at 30 fps, 24 at 240 fps). */
export const MAX_GAP_S = 0.1;
/** Butterworth (4th order, zero-phase) cutoff for measures (angles), Hz. Sports2D default is 6 Hz for walking; running limbs need more. */
export const MEASURE_CUTOFF_HZ = 10;
/** Cutoff for the trunk / pelvis keypoints (slow segments), Hz. */
export const TRUNK_CUTOFF_HZ = 6;
/** Cutoff for the signals that find event windows, Hz. */
export const EVENT_CUTOFF_HZ = 8;
/** The cutoff is capped to this fraction of the frame rate (Nyquist is 0.5). */
export const MAX_CUTOFF_FRACTION_OF_FPS = 0.4;
/** Butterworth order of the low-pass filter (applied forward and backward: effective order 8, zero phase). */
export const BUTTERWORTH_ORDER = 4;
/** Jitter rejection: a sample further than this many robust SDs from its neighbours' local fit is an outlier (3, was 5:
 * BlazePose's single-frame foot-keypoint jumps at the leg crossings stayed in with 5; see docs/METHODS.md §1). */
export const OUTLIER_SIGMA = 3;
/** ... and also further than this fraction of leg length (so smooth fast motion is never rejected). */
export const OUTLIER_MIN_LEG_FRACTION = 0.12;
/** Swap repair: switching the left/right assignment costs this much (in (leg length)^2 units of acceleration). */
export const SWAP_SWITCH_COST = 0.25;
/** Swap repair: per-frame prior cost of the swapped state (labels are right most of the time). */
export const SWAP_PRIOR_COST = 0.03;
/** Swap repair: exchanged runs longer than this are not believed (and left as labelled), seconds. */
export const MAX_SWAP_S = 0.2;
/** Persistent-swap linking: a crossing candidate is where the ankles come closer than this fraction of leg length. */
export const SWAP_LINK_CROSS_LEG_FRACTION = 0.25;
/** Persistent-swap linking: exchange the rest of the clip when the exchanged pairing costs < this × the kept one. */
export const SWAP_LINK_RATIO = 0.5;
/** Persistent-swap linking: ... and when it is cheaper by at least this much ((leg length)^2 units). */
export const SWAP_LINK_MARGIN = 0.25;
/** Persistent-swap linking: ... and when the exchanged pairing itself is this continuous ((leg length)^2 units; a
 * collapsed or jittered frame makes both pairings expensive and proves nothing). */
export const SWAP_LINK_MAX_COST = 0.35;
/** Swap repair: per-keypoint acceleration residual is capped at this fraction of leg length (robust cost). */
export const SWAP_RESIDUAL_CAP = 0.6;

// ---- View ------------------------------------------------------------------------------------------------------
/** Side view when the feet's fore-aft excursion relative to the pelvis is at least this many leg lengths (peak-to-peak). */
export const SIDE_EXCURSION_MIN = 0.45;
/** Back/front view when the projected shoulder width is at least this fraction of trunk length. */
export const BACK_SHOULDER_WIDTH_MIN = 0.45;
/** Obliqueness (obliqueness.ts): shoulder-to-shoulder distance per trunk length seen square from behind (synthetic
 *  body 0.69; real back-view clips 0.63–0.68). */
export const SHOULDER_WIDTH_PER_TRUNK = 0.66;
/** ... and hip to hip (synthetic body 0.35; real back-view clips 0.32–0.37). */
export const HIP_WIDTH_PER_TRUNK = 0.35;
/** ... seen square from the side they read this much anyway (trunk rotation, keypoint noise; real side clips:
 *  shoulders 0.15–0.20, hips 0.09–0.15). Removed in quadrature. */
export const SHOULDER_WIDTH_FLOOR = 0.15;
export const HIP_WIDTH_FLOOR = 0.1;
/** Heel → toe per knee → ankle on the ground, square from the side (synthetic body 0.56; real side clips 0.46–0.57;
 *  anthropometry: foot 0.152 H, shank 0.246 H → 0.62 for the bare foot's full length). */
export const FOOT_PER_SHANK = 0.54;
/** A view this many degrees or more from square (side or back) is reported as oblique, with advice; the view
 *  confidence falls from 1 at OBLIQUE_FULL_CONFIDENCE_DEG to 0.2 at 45°. 25°: a 20° angle in the sagittal plane then
 *  reads 18° (tan θ · cos ψ); at 40°, 15.5°. */
export const OBLIQUE_MIN_DEG = 25;
export const OBLIQUE_FULL_CONFIDENCE_DEG = 15;
/** Overground when the pelvis travels at least this many leg lengths per second across the frame. */
export const OVERGROUND_SPEED_MIN_LEG_PER_S = 0.8;
/** ... or it gets this many leg lengths across the picture in all (5th–95th percentile of its positions while the
 * camera is still): a runner who waits in the blocks and then leaves travels far but slowly on average. */
export const OVERGROUND_TRAVEL_MIN_LEG = 1.5;
/** The camera follows the runner when the picture outside the runner's box changes by at least this much per frame
 * (median mean cell difference, 0–255; FrameChange.background). Measured: still cameras 0.00–0.44, a shaking hand-held
 * one 1.32, a pan with the runner over sky, house and grass 3.9: 2 lies between (low confidence: one example each). */
export const CAMERA_MOVING_MIN = 2;

// ---- Events ----------------------------------------------------------------------------------------------------
/** Stride period: the feet's distance |x_left − x_right| (period = one step) overrules the feet's own stride when its
 *  autocorrelation peak is at least this strong ... (real overground pass and its 4 variants: 0.49–0.82; feet's own
 *  periods there 1.4–2.4× the stride on 3 of 5) */
export const STEP_PERIOD_MIN_STRENGTH = 0.4;
/** ... and the feet's own stride is longer than two steps by more than this fraction. */
export const STEP_PERIOD_TOLERANCE = 0.15;
/** Fraction of the stride period before / after the Zeni extremum searched for the contact change point. */
export const IC_WINDOW_BEFORE = 0.12;
export const IC_WINDOW_AFTER = 0.22;
export const TO_WINDOW_BEFORE = 0.25;
export const TO_WINDOW_AFTER = 0.12;
/** Half-width of the change-point fit window, fraction of stride period (at least 3 frames). */
export const CHANGE_POINT_HALF_WINDOW = 0.1;
/** Clearance (fraction of leg length) at which the smoothed marker height is taken as 'nearly down / clearly up'
 * before back-extrapolating to the stance level. */
export const CROSSING_LEG_FRACTION = 0.05;
/** The same level for landings (IC): the marker falls fast onto the ground, so a lower level needs less
 * back-extrapolation (less bias from the curved approach). */
export const IC_CROSSING_LEG_FRACTION = 0.03;
/** The back-extrapolation from the crossing to the stance level is capped at this many seconds (slow approaches). */
export const MAX_EXTRAPOLATION_S = 0.06;
/** Take-off only: cap of that back-extrapolation, seconds. A running toe rises to CROSSING_LEG_FRACTION of leg length
 * within ~30 ms of lift-off; a slower apparent rise is the pose model's foot_index dragged up by the heel before the
 * toe leaves (BlazePose), and extrapolating it further puts TO 2–3 frames early on the labelled clips. */
export const TO_MAX_EXTRAPOLATION_S = 0.03;
/** Take-off: a toe whose smoothed clearance needs more than TO_PREMATURE_S to climb from CROSSING_LEG_FRACTION to
 *  TO_RISE_LEVEL_FACTOR × that level had not left the ground at the lower crossing (hovering keypoint, single-frame
 *  up-jumps); the take-off is then placed from the higher crossing (back-extrapolated, cap MAX_EXTRAPOLATION_S).
 *  Real treadmill clip: 63 → 66 of 68 events within ±2 frames; no synthetic event changes (a lifting toe climbs
 *  between the two levels in < 30 ms at every frame rate). */
export const TO_RISE_LEVEL_FACTOR = 2;
export const TO_PREMATURE_S = 0.05;
/** IC below 50 fps (RIGID_IC_MIN_FPS) — the ground stop (docs/METHODS.md §3.4): at contact the foot stops relative to
 * the ground (no slip), whichever point of the foot the keypoint sits on, while a keypoint's height above its own
 * stance level also depends on the foot's attitude and on where the pose model puts it (real treadmill clip: the far
 * heel keypoint is still ~0.06 leg lengths up when the heel has stopped and reaches its level 2–4 frames later; the
 * near heel skims its level up to 2.5 frames before it stops on 3 of 17 contacts). The stop is searched within ± this
 * many seconds of the height crossing ... */
export const IC_STOP_SEARCH_S = 0.1;
/** ... as the first frame interval over which the landing marker advances less than this fraction of its approach
 * speed (the largest advance over the three intervals before), the next interval too (at rest and staying) ... */
export const IC_STOP_REST_FRACTION = 0.25;
/** ... after an interval of clear forward motion relative to the ground, leg lengths per second (keypoint noise in
 * stance is ~0.3–0.8 L/s at 30 fps; the real heel approaches at ~6 L/s) ... */
export const IC_STOP_MIN_SPEED_LEG_PER_S = 1;
/** ... A height estimate further than this many frames from the stop is replaced by it (the keypoint's height is then
 * not telling the contact); nearer, it stands (it is finer on clean tracks): 1.5 frames = the stop's own placement
 * within its interval (±0.5 frame) plus the height estimate's ±1 frame; 50 ms at 30 fps. No stop near the crossing:
 * low confidence. */
export const IC_STOP_AGREEMENT_FRAMES = 1.5;
/** ... weight of the stop at ≤ 30 fps, falling linearly toward 0 at 60 fps (one interval's advance shrinks against
 * the keypoint noise); from RIGID_IC_MIN_FPS up the change-point check below takes over. Real clips: IC within ±1 frame
 * 18/39 → 36/39. */
export const IC_STOP_WEIGHT_30FPS = 1;
/** ≥ RIGID_IC_MIN_FPS the stop (contact) and the toe's start (take-off) relative to the ground come from a
 * change-point fit of the fore-aft position (changePoint.ts fitGroundStop). The agreement tolerance is at least this
 * many seconds (and 1.5 frames): the fit's own 5–95 % error range on synthetic far-foot events is about −20…+5 ms (IC)
 * and −24…+19 ms (TO), the height estimate's about ±10 ms. A contact further than that from the stop, or a take-off
 * more than that before the toe's start, is placed at the stop / start (not marked: the placement is within ±2 frames
 * on the synthetic far foot with the real clip's artefacts). Tried 0.03 / 0.04 s: clean synthetic 60 fps 253 / 255 of
 * 261 within ±10 ms (0.035: 256), artefact far contacts within ±2 frames at 60 fps 61 / 59 of 64 (0.035: 61). */
export const GROUND_STOP_AGREEMENT_MIN_S = 0.035;
/** ... a marker counts only when its fitted swing side moves at least this many leg lengths over the last 50 ms
 * before the stop / the first 50 ms after the start (0.6 L/s; 0.05 found no stop on 13 of 129 clean synthetic
 * contacts at 60 fps, the slow forefoot and neutral approaches). No stop: the contact is low confidence. */
export const GROUND_STOP_MIN_SWING_LEG = 0.03;
/** IC at low frame rates: weight (at 30 fps; falling linearly to 0 at 60 fps) of the peak forward deceleration of the
 * landing marker, blended with the clearance-crossing estimate (the height estimate the ground stop above checks). */
export const IC_PEAK_WEIGHT_30FPS = 0.4;
/** ... searched within ± this many seconds of the crossing estimate. */
export const IC_PEAK_SEARCH_S = 0.04;
/** ≥ this frame rate the crossing / hinge estimates are blended with the position-domain fits below (at 30 fps the
 * 35–100 ms windows hold too few samples). */
export const RIGID_IC_MIN_FPS = 50;
/** IC rigid-foot pose fit (heel, ankle, toe: one rigid foot; the landing marker stops at contact, the foot then only
 * rotates about it): samples from this long before the landing marker's crossing estimate (longer windows average
 * more noise but the quadratic swing model then misfits: noise-free bias −1 / −3.5 / −6 ms on the forefoot preset
 * for 0.10 / 0.12 / 0.15 s) ... */
export const RIGID_IC_SWING_S = 0.12;
/** ... to this long after it (the rotation about the contact point is modelled as quadratic: foot-flat ≈ 40–55 ms
 * after contact) ... */
export const RIGID_IC_STANCE_S = 0.05;
/** ... contact time searched within ± this of the estimate (wider searches find spurious optima: worse) ... */
export const RIGID_IC_SEARCH_S = 0.015;
/** ... and blended with the crossing / hinge estimate with this weight. Synthetic IC within ±10 ms (60/120/240 fps):
 * 0.5 → 72/84/90 %, 0.7 → 76/88/91 %, 1 (fit alone) → 75/85/92 %. */
export const RIGID_IC_WEIGHT = 0.7;
/** TO smooth lift-off fit of the toe: samples from this long before the crossing estimate ... */
export const SMOOTH_TO_BEFORE_S = 0.1;
/** ... to this long after it; */
export const SMOOTH_TO_AFTER_S = 0.04;
/** lift-off searched from this long before ... */
export const SMOOTH_TO_SEARCH_EARLY_S = 0.02;
/** ... to this long after the crossing estimate (which reads a smooth onset late); */
export const SMOOTH_TO_SEARCH_LATE_S = 0.005;
/** blended with the crossing / hinge estimate with this weight. */
export const SMOOTH_TO_WEIGHT = 0.5;
/** Time grid of those fits, seconds. */
export const FIT_GRID_S = 0.0005;
/** A detected IC's frame is ceil(subFrame - FRAME_ROUNDING_TOLERANCE): the first frame at or after the contact (the
 * labels' "first frame the foot touches", and the synthetic truth's frame). Was 0.5 (a contact within half a frame
 * after a frame taken as visible on it: motion blur), which partly hid a late contact estimate; with the ground stop
 * (IC_STOP_*) 0.5 reads the real contacts ~0.8 frame early (±1: 56 vs 61 of 78) and 5 more synthetic 30 fps events
 * miss ±1 frame (251 vs 256 of 260). */
export const FRAME_ROUNDING_TOLERANCE = 0;
/** Below RIGID_IC_MIN_FPS a kinematic toe-off is moved this fraction of the way to the thigh's extension peak nearest
 *  it (thighToeOff.ts): the mean of two independent estimates of one instant. Leave-one-clip-out grid 0 / 0.5 / 1. */
export const THIGH_TO_WEIGHT = 0.5;
/** ... the peak searched within ± this many seconds of the toe's estimate (≥ 1 frame). */
export const THIGH_TO_SEARCH_S = 0.1;
/** A TO's frame is ceil(subFrame + TO_FRAME_DELAY): the first frame on which the toe is *clearly* off (labelling
 * convention of the real clips; the sub-frame time itself is the kinematic lift-off). 0.75: chosen leave-one-clip-out
 * (each labelled clip held out got 0.75 from the others; METHODS §3.6). */
export const TO_FRAME_DELAY = 0.75;
/** A stride (IC → next IC of the same foot) outside this range of the leg's cycle period (from the whole signal) is
 *  a missed or a spurious contact, not a stride: no stride time from it. */
export const STRIDE_OF_CYCLE_RANGE: [number, number] = [0.6, 1.5];
/** A cadence from fewer strides than this is checked against the legs' cycle over the whole clip ... */
export const CADENCE_CYCLE_MIN_STRIDES = 4;
/** ... and given only within this fraction of it (two strides' worth of one-frame quantisation at 30 fps: 2/21). */
export const CADENCE_CYCLE_TOLERANCE = 0.1;
/** Plausible cadence range, steps/min. The top is a sprint's: sprinters' step rates at speed are about 4–5 steps/s
 *  (Hunter, Marshall & McNair 2004), so 300; the labelled sprint starts in ../shared run at 240–263. The stride period is searched down to the same limit (events.ts). */
export const CADENCE_MIN = 60;
export const CADENCE_MAX = 300;
/** At or above this cadence the running is a sprint (distance runners, elite ones included, run at ~160–205 steps/min;
 *  sprinters at 240–300): the heel may never touch down in stance (sprinters stay on the forefoot), so the flat-foot
 *  reference of the foot angle (mid-stance attitude = flat) does not hold — no strike and no foot angle are read. */
export const SPRINT_CADENCE_MIN = 220;

// ---- Foot strike (Altman & Davis 2012 foot-strike-angle bands) -----------------------------------------------
/** Foot angle at IC above this (toes up) = heel (rearfoot) strike. */
export const STRIKE_HEEL_MIN_DEG = 8;
/** Foot angle at IC below this (toes down) = forefoot strike; between the two = midfoot. */
export const STRIKE_FOREFOOT_MAX_DEG = -1.6;
/** Flat-foot calibration and foot-angle noise: read over ±10 % of the contact around this fraction of it (mid-stance;
 * 0.33 — nearer the synthetic foot-flat phase — moved the real clips' BlazePose flat offset by up to 10°, so mid-contact). */
export const FLAT_FOOT_CENTRE_FRACTION = 0.5;
/** Pre-contact window of the foot angle at IC, seconds (≥ 1.5 frames): the foot's attitude barely changes then. */
export const STRIKE_PRE_CONTACT_S = 0.05;
/** Contact-time error the strike reading tolerates, ± seconds (≥ 1 frame): ~2 frames at 30 fps (real-clip IC errors). */
export const STRIKE_TIMING_TOLERANCE_S = 0.07;
/** Length of the dorsiflexion plateau at a heel strike averaged for the peak, seconds (≥ 2 samples). */
export const STRIKE_PLATEAU_S = 0.04;
/** A strike decision must clear its band boundary by this many standard errors of the reading ... */
export const STRIKE_MARGIN_SD = 1;
/** ... plus this many degrees; otherwise the contact's strike is reported as low confidence (null). */
export const STRIKE_MARGIN_MIN_DEG = 0.5;
/** Per-frame foot-angle noise assumed when it cannot be measured in mid-stance, degrees. */
export const STRIKE_DEFAULT_NOISE_DEG = 3;
/** A contact whose strike window has fewer frames with a pose than this fraction is read but not classified. */
export const STRIKE_MIN_SEEN_FRACTION = 0.75;

// ---- Extended-posture pattern ----------------------------------------------------------------------------------
/** Knee flexion at IC at or below this = "nearly straight knee" (typical running IC flexion is ~15–25°). */
export const STRAIGHT_KNEE_MAX_DEG = 15;
/** Trunk lean at TO at or below this (forward positive) = upright / leaning back. Typical running lean is ~5–10° forward. */
export const TRUNK_UPRIGHT_MAX_DEG = 3;
/** Lumbar-extension estimate at TO at or above this = high (relative to neutral). */
export const LUMBAR_EXTENSION_HIGH_DEG = 10;
/** Thigh extension at TO (thigh against vertical) at or above this = high. */
export const THIGH_EXTENSION_HIGH_DEG = 25;
/** Trunk–thigh extension at TO at or above this = high (iliopsoas-length proxy). */
export const TRUNK_THIGH_EXTENSION_HIGH_DEG = 25;
/** TO must be within this fraction of the stride of the thigh's maximal extension ("at maximum length"). */
export const MAX_EXTENSION_TIMING_FRACTION = 0.1;
/** The pattern is reported present when at least this fraction of strides / contacts are flagged. */
export const PATTERN_PRESENT_FRACTION = 0.5;
/** Uncertainty of one contact's knee reading (contact timing × knee flexion rate): 5° at 30 fps, scaled with 30/fps,
 *  at least 1°. A contact reading under STRAIGHT_KNEE_MAX_DEG is flagged when the foot's contacts are typically
 *  straight-kneed (median at or under the threshold), otherwise only when it is under the threshold minus this. */
export const STRAIGHT_KNEE_MARGIN_30FPS_DEG = 5;
export const STRAIGHT_KNEE_MARGIN_MIN_DEG = 1;

// ---- Lumbo-pelvic estimate model ---------------------------------------------------------------------------------
/** Typical peak hip extension (femur against pelvis) at TO in running; thigh extension beyond it is attributed to
 * anterior pelvic tilt. Novacheck 1998; Schache et al. 1999/2002 report ~10–20°. */
export const HIP_EXTENSION_TYPICAL_DEG = 15;
/** Standing calibration: the first seconds of quiet standing (pelvis speed below this many leg lengths/s). */
export const STANDING_SPEED_MAX_LEG_PER_S = 0.15;
export const STANDING_MIN_S = 0.5;

// ---- Activity ----------------------------------------------------------------------------------------------------
/** Duty factor (contact / stride) above this = walking (double support); running has a flight phase. */
export const WALKING_DUTY_FACTOR_MIN = 0.5;
/** Cadence below this = walking, used only when neither the mechanics nor the duty factor can tell (low confidence). */
export const WALKING_CADENCE_MAX = 140;
/** Mechanics (mechanics.ts): the pelvis' drop at mid-stance must be at least this many leg lengths (≈ 1.4 cm for a
 *  0.9 m leg) ... Measured: running +0.06 to +0.11 (real treadmill, overground and small-runner clips), walking −0.04
 *  (real walking clip); synthetic running +0.07 to +0.08 at 150–230 steps/min, walking −0.04. */
export const MECHANICS_MIN_DROP = 0.015;
/** ... and this many standard errors from zero, to count. */
export const MECHANICS_MIN_Z = 3;
/** Running mechanics below this cadence: slow motion suspected (nobody runs at under 120 steps/min; a slow jog is
 *  ~140–150). */
export const SLOW_MOTION_CADENCE_MAX = 120;
/** Slow-motion factors tried (phones film at 60/120/240 fps and play at 30). */
export const SLOW_MOTION_FACTORS = [2, 4, 8];

// ---- Segments (segments.ts; docs/METHODS.md §0) ---------------------------------------------------------------
/** A frame whose picture differs from the previous one by at most this (8th-largest cell of a 64 × 64 luma grid, 0–255)
 * is the same picture again: re-encoded repeats measure 0–1, a moving runner ≥ 10 in the cells he crosses. */
export const REPEAT_MAX_PEAK = 1.5;
/** ... but only where the next new picture shows motion (≥ this): a still scene changes nothing either. */
export const REPEAT_MOTION_MIN_PEAK = 6;
/** A hard cut changes the mean cell by at least this (0–255; measured: cuts 60–90, a runner passing 1–5, a swinging hand-held camera ≤ 41) ... */
export const CUT_MIN_MEAN_CHANGE = 12;
/** ... and by this many times the change around it (measured: cut 63×, the swinging camera ≤ 1.6×) ... */
export const CUT_MIN_RATIO = 6;
/** ... and no other such change within this many seconds (a flash or flicker changes the picture several times). */
export const CUT_ISOLATION_S = 0.5;
/** The frame interval changes when its local median moves by more than this fraction. */
export const FRAME_INTERVAL_CHANGE = 0.25;
/** Segments shorter than this (seconds of the clip) join the one before them (a cut always starts a segment). */
export const MIN_SEGMENT_S = 1.0;
/** Cadence range a slow-motion factor must bring the cadence into, steps/min. */
export const RUNNING_CADENCE_RANGE: [number, number] = [130, 240];
/** At least this many strides (ICs of one foot − 1 counted over both feet) to call it gait at all. */
export const MIN_STRIDES_FOR_GAIT = 2;
/** Minimum time with a person in view to analyse, seconds (absolute, not a fraction of the clip: an overground runner
 *  may cross the frame in 2 s of an 8 s clip). */
export const MIN_PERSON_S = 1.0;

// ---- Quality / advice ---------------------------------------------------------------------------------------------
/** Strides recommended for a stable median (fewer → advice). */
export const RECOMMENDED_STRIDES = 7;
/** Frame rate below which contact-time advice is given (1 frame = 33 ms at 30 fps ≈ 13 % of a 250 ms contact). */
export const FPS_FOR_CONTACT_TIMING = 100;
/** Runner height below this fraction of the frame height → "move closer". */
export const MIN_RUNNER_HEIGHT_FRACTION = 0.35;
/** Ground line tilt above this → "level the camera". */
export const MAX_GROUND_TILT_DEG = 5;
/** Person missing in more than this fraction of frames → dropout advice. */
export const MAX_DROPOUT_FRACTION = 0.15;
/**
 * Frames darker than this (median of the frames' mean luma, 0–255) give no numbers: a human cannot check the skeleton
 * against the picture, and the pose model confuses the legs (a treadmill clip darkened to 8/255 read as walking at
 * half the cadence).
 */
export const MIN_IMAGE_BRIGHTNESS = 25;
/** A foot unseen (outside the frame or scored low) on more than this fraction of the pose frames → "film the feet". */
export const MAX_FEET_OUT_FRACTION = 0.3;
/** View confidence below this → "film square to the runner". */
export const MIN_VIEW_CONFIDENCE = 0.6;

// ---- Values at events (side view) --------------------------------------------------------------------------------
/** Half-width of the local quadratic fit that reads an angle at an event's sub-frame time, seconds (at least 2 frames):
 * 25 ms follows the fast knee / thigh changes at IC and TO at 120+ fps; at 30 fps the 2-frame minimum applies. */
export const EVENT_FIT_HALF_WINDOW_S = 0.025;
/** Thigh extension at TO is the peak of that fit within ± this many seconds of the detected TO (at least 1 frame). */
export const THIGH_PEAK_SEARCH_S = 0.02;
/** The local fit is used for that peak when ±EVENT_FIT_HALF_WINDOW_S holds at least this many frames a side; below
 * (< 80 fps) the three-point parabolic peak: at 30 fps the ±2-frame fit flattened the lift-off peak by 2–5°. */
export const THIGH_PEAK_MIN_FIT_FRAMES = 2;

/** Stride-to-stride registration (registration.ts): half-width of the compared window, seconds (and at least this
 *  many frames), and the largest re-timing searched either side of the kinematic estimate, seconds. The window spans
 *  the last part of the swing and the first part of stance (or the end of stance and the lift-off). */
export const REGISTRATION_HALF_WINDOW_S = 0.06;
export const REGISTRATION_MIN_HALF_WINDOW = 2.5;
export const REGISTRATION_MAX_SHIFT_S = 0.03;
/** Registration is used from this frame rate up (see events.ts). */
export const REGISTRATION_MIN_FPS = 50;

// ---- Cross-checks between measures (crossChecks.ts): facts of running, not fitted to a clip ---------------------
/** Contact + flight must equal the cadence's step time within this many frames (two events, each ±1 frame) ... */
export const CROSS_CHECK_STEP_TIME_FRAMES = 2;
/** ... or this fraction of the step, whichever is larger (medians of different strides do not add exactly). */
export const CROSS_CHECK_STEP_TIME_FRACTION = 0.15;
/** Middle half of an angle's strides wider than this = the strides disagree (stride-to-stride joint-angle variability
 *  in running is a few degrees SD, so an IQR of ~3–5°; 15° is three to four times that). */
export const CROSS_CHECK_SPREAD_MAX_DEG = 15;
/** Left and right times differing by more than this fraction of their mean (runners' contact-time asymmetry is
 *  typically under 10 %, rarely above 15 % even when injured). */
export const CROSS_CHECK_ASYMMETRY_MAX_FRACTION = 0.25;
/** Left and right angles differing by more than this (side-to-side differences of running joint angles are a few
 *  degrees; the same 15° as the spread). */
export const CROSS_CHECK_ASYMMETRY_MAX_DEG = 15;
/** Left and right overstride differing by more than this many leg lengths (typical overstride 0.1–0.3). */
export const CROSS_CHECK_ASYMMETRY_MAX_LEG_LENGTHS = 0.15;
