import * as fs from 'fs';

/**
 * The facts of a WAV file that decide whether Amazon Connect can play it, read from its
 * RIFF header without reading the audio.
 *
 * A module of our own rather than a package: the format is a 12-byte RIFF/WAVE header followed
 * by chunks of `<4-byte id><uint32 LE size><data>` (padded to even sizes), and only the `fmt `
 * and `data` chunks matter here. The parsers on npm decode the samples too (and read the whole
 * file into memory), which a 50 MB check at synth does not need.
 */
export interface WavInfo {
  /** WAVE format code: 1 PCM, 3 IEEE float, 6 A-law, 7 U-law (mu-law); for WAVE_FORMAT_EXTENSIBLE, the sub-format's code. */
  readonly formatCode: number;
  /** Channels (1 mono, 2 stereo). */
  readonly channels: number;
  /** Samples per second per channel. */
  readonly sampleRate: number;
  /** Bytes per second, as the header states it. */
  readonly byteRate: number;
  /** Bits per sample. */
  readonly bitsPerSample: number;
  /** Bytes of audio in the `data` chunk. */
  readonly dataBytes: number;
  /** Playing time in seconds (`dataBytes / byteRate`). */
  readonly durationSeconds: number;
}

/** Names of the WAVE format codes a message may show. */
export const WAV_FORMAT_NAMES: Readonly<Record<number, string>> = {
  1: 'PCM',
  3: 'IEEE float',
  6: 'A-law',
  7: 'U-law',
  0x11: 'IMA ADPCM',
  0x55: 'MP3',
};

const EXTENSIBLE = 0xfffe;

/** The result of {@link readWavInfo}: the facts, or why the file is not a WAV file it can read. */
export type WavResult = { readonly info: WavInfo; readonly problem?: undefined } | { readonly info?: undefined; readonly problem: string };

/**
 * Reads the header of the WAV file at `file` (its first bytes and the chunk headers only).
 * Never throws for a malformed file: the result says what is wrong with it.
 */
export function readWavInfo(file: string): WavResult {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const read = (offset: number, length: number): Buffer => {
      const buffer = Buffer.alloc(length);
      const got = fs.readSync(fd, buffer, 0, length, offset);
      return buffer.subarray(0, got);
    };
    const head = read(0, 12);
    if (head.length < 12 || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') {
      return { problem: 'is not a WAV file: it has no RIFF/WAVE header' };
    }
    let fmt: Omit<WavInfo, 'dataBytes' | 'durationSeconds'> | undefined;
    let offset = 12;
    while (offset + 8 <= size) {
      const chunk = read(offset, 8);
      const id = chunk.toString('latin1', 0, 4);
      const length = chunk.readUInt32LE(4);
      const body = offset + 8;
      if (id === 'fmt ') {
        if (length < 16) return { problem: `is not a readable WAV file: its fmt chunk is ${length} bytes (at least 16)` };
        const b = read(body, Math.min(length, 40));
        let formatCode = b.readUInt16LE(0);
        if (formatCode === EXTENSIBLE && b.length >= 26) formatCode = b.readUInt16LE(24);
        fmt = { formatCode, channels: b.readUInt16LE(2), sampleRate: b.readUInt32LE(4), byteRate: b.readUInt32LE(8), bitsPerSample: b.readUInt16LE(14) };
      } else if (id === 'data') {
        if (!fmt) return { problem: 'is not a readable WAV file: its data chunk comes before the fmt chunk' };
        if (body + length > size) return { problem: `is cut short: its data chunk declares ${length} bytes of audio, the file holds ${size - body}` };
        if (fmt.byteRate === 0) return { problem: 'is not a readable WAV file: its fmt chunk states 0 bytes per second' };
        return { info: { ...fmt, dataBytes: length, durationSeconds: length / fmt.byteRate } };
      }
      offset = body + length + (length % 2);
    }
    return { problem: fmt ? 'is not a readable WAV file: it has no data chunk' : 'is not a readable WAV file: it has no fmt chunk' };
  } finally {
    fs.closeSync(fd);
  }
}

/** Options of {@link wavBytes}. */
export interface WavBytesOptions {
  /** @default 7 (U-law) */
  readonly formatCode?: number;
  /** @default 1 */
  readonly channels?: number;
  /** @default 8000 */
  readonly sampleRate?: number;
  /** @default 8 */
  readonly bitsPerSample?: number;
  /** Bytes of audio (U-law silence, 0xFF). @default 800 (a tenth of a second at 8 kHz) */
  readonly dataBytes?: number;
}

/**
 * A WAV file's bytes: the canonical 44-byte header and `dataBytes` of silence, for tests and
 * fixtures (a tenth of a second of 8 kHz mono U-law is 844 bytes).
 */
export function wavBytes(options: WavBytesOptions = {}): Buffer {
  const formatCode = options.formatCode ?? 7;
  const channels = options.channels ?? 1;
  const sampleRate = options.sampleRate ?? 8000;
  const bitsPerSample = options.bitsPerSample ?? 8;
  const dataBytes = options.dataBytes ?? 800;
  const blockAlign = (channels * bitsPerSample) / 8;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(formatCode, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(bitsPerSample, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, Buffer.alloc(dataBytes, formatCode === 7 ? 0xff : 0)]);
}
