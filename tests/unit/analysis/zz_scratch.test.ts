import { test } from 'vitest';
import { generateSideTrack, PRESETS } from '../../../fixtures/synthetic/sideTrack';
test('gen', () => {
  for (const [k, g] of Object.entries(PRESETS)) {
    const r = generateSideTrack({ gait: g, fps: 30 });
    const t = r.truth;
    console.log(k, 'speed', t.speedMps.toFixed(2), 'ev', t.events.length, 'c0', JSON.stringify(t.contacts[0]), 'to0', JSON.stringify(t.toeOffs[0]));
  }
  const w = generateSideTrack({ walking: true, fps: 30 });
  console.log('walk speed', w.truth.speedMps, w.truth.contacts[0], w.truth.toeOffs[0]);
  const o = generateSideTrack({ setting: 'overground', fps: 30, width: 1920, ppm: 180, direction: 'right-to-left' });
  console.log('og', o.truth.events.length, o.truth.events[0], o.truth.events.at(-1));
});
