import './guide.css';

/**
 * How to film a clip StrideScope can read, shown before the first clip: the essentials at a glance (for a patient
 * filming at home as much as for a clinic), the rest (slow motion, what each view shows, home / clinic set-ups,
 * iPhone format) folded.
 */
export function FilmingGuide() {
  return (
    <section className="card filming-guide" aria-labelledby="filming-guide-title" data-testid="filming-guide">
      <h2 id="filming-guide-title">How to film</h2>
      <p className="fg-lead">
        Two short clips of the same run, with the phone <strong>still, at hip height</strong>: one <strong>from the side</strong> first, then one{' '}
        <strong>from behind</strong>.
      </p>
      <FilmingDiagram />
      <dl className="fg-essentials">
        <div>
          <dt>Camera</dt>
          <dd>At hip height, on a tripod or propped on a chair or shelf. Not held in the hand; no zoom.</dd>
        </div>
        <div>
          <dt>Distance</dt>
          <dd>3–5 m from the runner, 2–3 m beside a treadmill: head to feet in the picture, with a margin.</dd>
        </div>
        <div>
          <dt>Framing</dt>
          <dd>Landscape for running past; portrait is fine on a treadmill. Side view: the phone points straight across the path. Back view: centred behind.</dd>
        </div>
        <div>
          <dt>How long</dt>
          <dd>After a warm-up, 10–20 s of steady running: at least 8–10 strides.</dd>
        </div>
        <div>
          <dt>Light</dt>
          <dd>Even light; no bright window or sun behind the runner.</dd>
        </div>
        <div>
          <dt>One person</dt>
          <dd>Only the runner in view: nobody walking through the picture.</dd>
        </div>
      </dl>
      <details className="fg-more" data-testid="filming-guide-more">
        <summary>More: slow motion, what each view shows, at home or in a clinic, iPhone videos</summary>
        <div className="fg-more-body">
          <section>
            <h3>Frame rate and slow motion</h3>
            <p>
              30 frames per second is enough for the angles. Slow motion (120 or 240 fps) sharpens contact and flight times. Phones play the start and
              end of a slow-motion video at normal speed and only the middle slowed: trim the video to the slowed part, or tell StrideScope the rate it
              was filmed at (the report asks when a clip looks slowed).
            </p>
          </section>
          <section>
            <h3>What each view shows</h3>
            <p>
              <strong>From the side:</strong> posture and trunk lean, knee and foot at contact (heel, midfoot or forefoot), hip extension at toe-off,
              cadence, contact and flight times.
              <br />
              <strong>From behind:</strong> pelvic drop, crossover (feet landing across the midline), side-to-side lean.
            </p>
          </section>
          <section>
            <h3>At home</h3>
            <p>
              Prop the phone at hip height on something steady (a chair, a shelf, a pile of books) and start recording before you run. Run on a
              flat, straight path past it, or on a treadmill. Shorts and a fitted top help: the knees and hips must show. Running past the phone gives
              only a few strides at a time: a treadmill gives more.
            </p>
          </section>
          <section>
            <h3>In a clinic</h3>
            <p>
              Treadmill at the patient's usual easy pace after a few minutes' warm-up. Mark the tripod's place on the floor (2–3 m from the middle of
              the belt, lens at hip height) so every session is filmed the same way and before / after clips compare fairly. Side first (the leg of
              concern nearest the camera, or both sides), then behind, at the same speed.
            </p>
          </section>
          <section>
            <h3>iPhone videos</h3>
            <p>
              Choose Settings → Camera → Formats → <strong>"Most Compatible"</strong>. "High Efficiency" (HEVC) videos cannot be decoded by Chromium on
              Linux; the page says so if one is dropped.
            </p>
          </section>
        </div>
      </details>
    </section>
  );
}

/** Seen from above (the phone square to the runner's path, 3–5 m away) and what the phone's screen should show. */
function FilmingDiagram() {
  return (
    <svg className="fg-diagram" viewBox="0 0 344 128" role="img" aria-label="Seen from above: the phone 3 to 5 metres (2 to 3 beside a treadmill) from the runner's path, facing it. On the phone's screen: the runner side-on, head to feet with a margin, the camera at hip height.">
      {/* seen from above */}
      <g>
        <text x="82" y="11" className="fg-cap" textAnchor="middle">
          Seen from above
        </text>
        <g transform="translate(0 8)">
          <path d="M82 94 L20 26 L144 26 Z" className="fg-fov" />
          <line x1="8" y1="26" x2="150" y2="26" className="fg-path" />
          <path d="M150 26 l-7 -4 v8 z" className="fg-ink" />
          <text x="8" y="17" className="fg-small">
            running path
          </text>
          <circle cx="82" cy="26" r="5" className="fg-runner" />
          <line x1="82" y1="32" x2="82" y2="92" className="fg-sight" />
          <path d="M82 32 h5 v5 h-5" className="fg-thin" />
          <rect x="75" y="93" width="14" height="7" rx="1.5" className="fg-phone" />
          <text x="88" y="60" className="fg-label">
            3–5 m
          </text>
          <text x="88" y="72" className="fg-small">
            treadmill
          </text>
          <text x="88" y="83" className="fg-small">
            2–3 m
          </text>
          <text x="82" y="114" className="fg-small" textAnchor="middle">
            phone facing the path
          </text>
        </g>
      </g>
      {/* on the phone's screen */}
      <g transform="translate(186 20)">
        <text x="76" y="-9" className="fg-cap" textAnchor="middle">
          On the screen
        </text>
        <rect x="0" y="0" width="152" height="90" rx="6" className="fg-screen" />
        <line x1="4" y1="50" x2="148" y2="50" className="fg-hip" />
        <text x="6" y="47" className="fg-small">
          hip height
        </text>
        {/* a runner side-on, facing right, head to feet with a margin */}
        <g className="fg-figure">
          <circle cx="80" cy="17" r="5.5" />
          <path d="M79 23 L74 49" />
          <path d="M78 28 L84 38 L90 33" />
          <path d="M78 28 L71 37 L67 45" />
          <path d="M74 49 L84 62 L86 79 L92 80" />
          <path d="M74 49 L66 63 L55 68 L54 64" />
        </g>
        <line x1="30" y1="80.5" x2="116" y2="80.5" className="fg-ground" />
        <path d="M122 11 v69 M119 11 h6 M119 80 h6" className="fg-thin" />
        <text x="136" y="45" className="fg-small" textAnchor="middle" transform="rotate(-90 136 45)">
          head to feet
        </text>
      </g>
    </svg>
  );
}
