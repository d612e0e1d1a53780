/**
 * Decode stage: demux with mediabunny, decode every frame with WebCodecs, hand display-oriented pixels onward.
 * Never seeks a <video> element. Each VideoSample is closed as soon as its pixels are read.
 */
import { ALL_FORMATS, BlobSource, EncodedPacketSink, Input, UnsupportedInputFormatError, VideoSampleSink, type EncodedPacket, type InputVideoTrack, type VideoSample } from 'mediabunny';
import type { ClipInfo } from '../src/core/types';
import { PipelineError } from '../src/pipeline/protocol';

/** Clips larger than this are refused (the browser reads the file lazily, but a phone clip is far smaller). */
export const MAX_FILE_BYTES = 4 * 1024 ** 3;

export interface OpenClip {
  input: Input;
  track: InputVideoTrack;
  info: ClipInfo;
}

const CODEC_ADVICE: Record<string, string> = {
  hevc:
    'This clip is HEVC (H.265), which this browser cannot decode (iPhones record HEVC under "High Efficiency"). ' +
    'On the phone choose Settings → Camera → Formats → "Most Compatible" and film again, or export the clip as H.264 ' +
    '(e.g. Photos → Share → "Most Compatible", or ffmpeg -i clip.mov -c:v libx264 -crf 18 clip.mp4), or open StrideScope in Safari or in Chrome on Windows/macOS, which decode HEVC.',
};

/** Opens and probes a clip; `onInfo` hears the clip's facts as soon as they are read (even if it is then refused). */
export async function openClip(file: Blob, fileName: string, onInfo?: (info: ClipInfo) => void): Promise<OpenClip> {
  if (file.size === 0) {
    throw new PipelineError('empty-file', `"${fileName}" is empty (0 bytes).`, 'Choose the video file again; if it came from a phone, copy it again once the transfer has finished.');
  }
  if (file.size > MAX_FILE_BYTES) {
    throw new PipelineError('too-large', `"${fileName}" is ${(file.size / 1024 ** 3).toFixed(1)} GB, more than StrideScope handles (4 GB).`, 'Trim the clip to the running part (10–30 s is plenty) and try again.');
  }
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  let format;
  try {
    format = await input.getFormat();
  } catch (e) {
    input.dispose();
    if (e instanceof UnsupportedInputFormatError) {
      throw new PipelineError('not-a-video', `"${fileName}" is not a video StrideScope can read.`, 'Choose an MP4, MOV or WebM video of the runner.');
    }
    throw new PipelineError('corrupt', `"${fileName}" could not be read: ${(e as Error).message}`, 'The file may be damaged or incomplete. Copy it from the phone again.');
  }
  let track: InputVideoTrack | null;
  try {
    track = await input.getPrimaryVideoTrack();
  } catch (e) {
    input.dispose();
    throw new PipelineError('corrupt', `"${fileName}" is damaged: ${(e as Error).message}`, 'The file may be incomplete (cut off while copying). Copy it from the phone again.');
  }
  if (!track) {
    const audio = await input.getAudioTracks().catch(() => []);
    input.dispose();
    if (audio.length === 0) {
      throw new PipelineError('not-a-video', `"${fileName}" is not a video StrideScope can read (${format.name} without any track).`, 'Choose an MP4, MOV or WebM video of the runner.');
    }
    throw new PipelineError('no-video-track', `"${fileName}" holds only sound (${format.name} audio), no video.`, 'Choose the video recording of the runner, not a voice memo or audio export.');
  }
  try {
    const info = await readClipInfo(input, track, file, fileName, format.name, await input.getMimeType());
    onInfo?.(info);
    if (!info.decodable) {
      input.dispose();
      throw new PipelineError(
        'codec-unsupported',
        `This browser cannot decode the ${info.codec.toUpperCase()} video in "${fileName}".`,
        CODEC_ADVICE[info.codec] ?? 'Export the clip as H.264 MP4 and try again.',
      );
    }
    return { input, track, info };
  } catch (e) {
    if (e instanceof PipelineError) throw e;
    input.dispose();
    throw new PipelineError('corrupt', `"${fileName}" is damaged: ${(e as Error).message}`, 'The file may be incomplete (cut off while copying). Copy it from the phone again.');
  }
}

async function readClipInfo(input: Input, track: InputVideoTrack, file: Blob, fileName: string, container: string, mimeType: string): Promise<ClipInfo> {
  const [codec, codecString, decodable, rotation, stats, duration, tags] = await Promise.all([
    track.getCodec(),
    track.getCodecParameterString().catch(() => null),
    track.canDecode().catch(() => false),
    track.getRotation(),
    track.computePacketStats(Infinity),
    input.computeDuration([track]).catch(() => 0),
    input.getMetadataTags().catch(() => ({}) as Record<string, unknown>),
  ]);
  const nominalFps = stats.averagePacketRate;
  const raw = (tags as { raw?: Record<string, unknown> }).raw ?? {};
  const slowKeys = Object.keys(raw).filter((k) => /slow|frame-rate|framerate|capture/i.test(k));
  let slowMotionHint: string | null = null;
  if (nominalFps >= 100) slowMotionHint = `High-frame-rate capture (${nominalFps.toFixed(0)} fps): timing uses the real capture timestamps.`;
  if (slowKeys.length) slowMotionHint = `${slowMotionHint ?? ''} Container tags: ${slowKeys.join(', ')}.`.trim();
  return {
    fileName,
    fileSizeBytes: file.size,
    container,
    mimeType,
    codec: codec ?? 'unknown',
    codecString,
    codedWidth: await track.getCodedWidth(),
    codedHeight: await track.getCodedHeight(),
    displayWidth: await track.getDisplayWidth(),
    displayHeight: await track.getDisplayHeight(),
    rotation: rotation as ClipInfo['rotation'],
    durationS: duration,
    sampleCount: stats.packetCount,
    decodedFrameCount: null,
    nominalFps,
    measuredFps: null,
    variableFrameRate: null,
    slowMotionHint,
    decodable: decodable && codec !== null,
  };
}

export interface DecodedFrame {
  index: number;
  timestampUs: number;
  /** Null for a frame the decoder could not decode (damaged data): it keeps its place and time, with no picture. */
  image: ImageData | null;
  /** Multiply pose-input pixel coordinates by this to get display pixels. */
  scale: number;
}

/** Part of a clip to decode, in seconds of presentation time (both ends optional). */
export interface DecodeRange {
  startS?: number;
  endS?: number;
}

/** Size of the pose-model input: display orientation, longest side at most `longSide`. */
export function poseInputSize(info: ClipInfo, longSide: number): { width: number; height: number; scale: number } {
  const s = Math.min(1, longSide / Math.max(info.displayWidth, info.displayHeight));
  const width = Math.max(1, Math.round(info.displayWidth * s));
  const height = Math.max(1, Math.round(info.displayHeight * s));
  return { width, height, scale: info.displayWidth / width };
}

/**
 * Decodes every frame in presentation order (or those in `range`). One VideoSample is open at a time (mediabunny
 * decodes a few ahead); each is drawn, rotated and scaled, into one reused canvas and closed at once.
 * Damaged data in the middle: decoding resumes at the next key frame, and the frames in between are yielded with no
 * picture (their times from the container), so frame numbers and times stay those of the file.
 * Yields until the end, or until `shouldStop()`; when nothing after the damage can be decoded the stream ends with
 * `onError`.
 */
export async function* decodeFrames(
  clip: OpenClip,
  longSide: number,
  shouldStop: () => boolean,
  onError: (e: Error, framesDecoded: number) => void,
  range: DecodeRange = {},
  timing: { decodeWaitMs: number; resizeMs: number } = { decodeWaitMs: 0, resizeMs: 0 },
): AsyncGenerator<DecodedFrame> {
  const { width, height, scale } = poseInputSize(clip.info, longSide);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: false }) as OffscreenCanvasRenderingContext2D;
  const sink = new VideoSampleSink(clip.track);
  const endS = range.endS ?? Infinity;
  let startS = range.startS;
  let index = 0;
  let lastGoodS = -Infinity;
  /** Times (µs) of undecodable frames, yielded once a later frame decodes. */
  let gap: number[] = [];
  while (!shouldStop()) {
    const samples = sink.samples(startS, endS);
    let failed: Error | null = null;
    try {
      while (!shouldStop()) {
        let next: IteratorResult<Awaited<ReturnType<typeof samples.next>>['value']>;
        const t0 = performance.now();
        try {
          next = await samples.next();
        } catch (e) {
          failed = e as Error;
          break;
        } finally {
          timing.decodeWaitMs += performance.now() - t0;
        }
        if (next.done || !next.value) return;
        const sample = next.value;
        let image: ImageData;
        let timestampUs: number;
        const t1 = performance.now();
        try {
          timestampUs = sample.microsecondTimestamp;
          lastGoodS = sample.timestamp;
          sample.drawWithFit(ctx, { fit: 'fill' });
          image = ctx.getImageData(0, 0, width, height);
        } finally {
          sample.close();
          timing.resizeMs += performance.now() - t1;
        }
        for (const t of gap) yield { index: index++, timestampUs: t, image: null, scale };
        gap = [];
        yield { index: index++, timestampUs, image, scale };
      }
    } finally {
      await samples.return(undefined).catch(() => undefined);
    }
    if (!failed) return;
    // resume at the first key frame after the damage (after the last attempt's start when that failed at once)
    const resume = await resumePoint(clip.track, Math.max(lastGoodS, startS ?? -Infinity), lastGoodS);
    if (!resume || resume.next.timestamp >= endS) {
      onError(failed, index);
      return;
    }
    gap = resume.skipped.filter((us) => range.startS === undefined || us >= range.startS * 1e6);
    startS = resume.next.timestamp;
  }
}

/**
 * Where to resume after damage: the first key frame after time `after` (s), and the presentation times of the
 * frames (µs, as the decoder would report them) after `lastGood` (s) and before that key frame, which will have no picture.
 */
async function resumePoint(track: InputVideoTrack, after: number, lastGood: number): Promise<{ next: EncodedPacket; skipped: number[] } | null> {
  const packets = new EncodedPacketSink(track);
  const meta = { metadataOnly: true };
  const keyAtOrBefore = async (t: number) => (Number.isFinite(t) ? await packets.getKeyPacket(t, meta) : null) ?? (await packets.getFirstPacket(meta));
  const anchor = await keyAtOrBefore(after);
  const next = anchor && (await packets.getNextKeyPacket(anchor, meta));
  if (!next) return null;
  const skipped: number[] = [];
  for (let p = await keyAtOrBefore(lastGood); p && p.sequenceNumber < next.sequenceNumber; p = await packets.getNextPacket(p, meta)) {
    if (p.timestamp > lastGood && p.timestamp < next.timestamp) skipped.push(p.microsecondTimestamp);
  }
  return { next, skipped: skipped.sort((a, b) => a - b) };
}

/**
 * Draws a decoded sample display-oriented (the container's rotation applied), scaled to fit `longSide`, on a canvas of
 * its own. Synchronous: the colour conversion runs on the calling thread (tens of ms for a 720×1280 frame here, far
 * more when the machine is busy), so `sampleBitmap` uses it only for rotated or flipped frames.
 */
export function drawSample(sample: VideoSample, info: ClipInfo, longSide: number): OffscreenCanvas {
  const { width, height } = poseInputSize(info, longSide);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  sample.drawWithFit(ctx, { fit: 'fill' });
  return canvas;
}

/**
 * A decoded sample as an ImageBitmap, display-oriented and scaled to fit `longSide`: for the single-frame paths
 * (player, thumbnails, exports, the player's frame cache). An upright frame is converted by `createImageBitmap`, which
 * the browser does off the calling thread, so the worker keeps answering the player meanwhile; a rotated or flipped
 * one is drawn (`drawSample`).
 */
export async function sampleBitmap(sample: VideoSample, info: ClipInfo, longSide: number): Promise<ImageBitmap> {
  const par = sample.pixelAspectRatio;
  if (sample.rotation !== 0 || sample.flip || par.num !== par.den) return drawSample(sample, info, longSide).transferToImageBitmap();
  const { width, height } = poseInputSize(info, longSide);
  const frame = sample.toVideoFrame();
  try {
    return await createImageBitmap(frame, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
  } finally {
    frame.close();
  }
}

/** An ImageBitmap encoded as a JPEG (the bitmap is consumed: handed to the canvas without a copy). */
export function encodeJpeg(bitmap: ImageBitmap, quality: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('bitmaprenderer')!.transferFromImageBitmap(bitmap);
  return canvas.convertToBlob({ type: 'image/jpeg', quality });
}
