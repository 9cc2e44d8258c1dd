import * as fs from 'fs';
import { readWavInfo, WAV_FORMAT_NAMES } from './wav';

/**
 * What Amazon Connect plays as a prompt. Amazon Connect Administrator Guide, "Flow block: Play
 * prompt", Requirements (https://docs.aws.amazon.com/connect/latest/adminguide/play.html; the same
 * text is on "Set up prompts to play from an S3 bucket", setup-prompts-s3.html): ".wav files that
 * are 8KHz, and mono channel audio with U-Law encoding. Otherwise, the prompt won't play
 * correctly" and "prompts that are less than 50MB and less than five minutes long".
 * "50MB" is read as 50,000,000 bytes, the stricter reading.
 */
export const CONNECT_PROMPT_REQUIREMENTS = {
  /** WAVE format code 7: G.711 U-law (mu-law). */
  formatCode: 7,
  /** U-law is 8 bits per sample. */
  bitsPerSample: 8,
  sampleRate: 8000,
  channels: 1,
  /** Files must be smaller than this. */
  maxBytes: 50_000_000,
  /** Audio must be shorter than this. */
  maxSeconds: 300,
} as const;

/** How to convert a file to what Amazon Connect plays, for messages. */
export const CONVERT_HINT = 'convert it with e.g. "ffmpeg -i in.wav -ar 8000 -ac 1 -acodec pcm_mulaw out.wav"';

const formatName = (code: number) => `${WAV_FORMAT_NAMES[code] ?? 'unknown'} (format ${code})`;

/**
 * The problems that keep Amazon Connect from playing the audio file at `file`, each as
 * `<shown>: <what> (<allowed>)`; empty when it plays. The file must exist.
 *
 * @param shown the file as messages show it
 */
export function promptAudioProblems(file: string, shown: string): string[] {
  const r = CONNECT_PROMPT_REQUIREMENTS;
  const size = fs.statSync(file).size;
  if (size >= r.maxBytes) return [`${shown}: is ${size} bytes, too large (Amazon Connect prompts are smaller than 50 MB, ${r.maxBytes} bytes)`];
  const wav = readWavInfo(file);
  if (wav.problem !== undefined) return [`${shown}: ${wav.problem} (Amazon Connect prompts are .wav files, 8 kHz mono U-law: ${CONVERT_HINT})`];
  const { info } = wav;
  const problems: string[] = [];
  if (info.formatCode !== r.formatCode) problems.push(`${shown}: encoding is ${formatName(info.formatCode)} (U-law, format 7: ${CONVERT_HINT})`);
  else if (info.bitsPerSample !== r.bitsPerSample) problems.push(`${shown}: U-law with ${info.bitsPerSample} bits per sample (8)`);
  if (info.sampleRate !== r.sampleRate) problems.push(`${shown}: sample rate is ${info.sampleRate} Hz (8000 Hz: ${CONVERT_HINT})`);
  if (info.channels !== r.channels) problems.push(`${shown}: has ${info.channels} channels (mono, 1 channel: ${CONVERT_HINT})`);
  if (info.durationSeconds >= r.maxSeconds) {
    problems.push(`${shown}: plays for ${info.durationSeconds.toFixed(1)} seconds, too long (Amazon Connect prompts are shorter than five minutes, ${r.maxSeconds} seconds)`);
  }
  return problems;
}
