import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { readWavInfo, wavBytes } from '../../lib/prompts/wav';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-wav-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (bytes: Buffer): string => {
  const file = path.join(dir, `f${n++}.wav`);
  fs.writeFileSync(file, bytes);
  return file;
};

describe('WAV header reader', () => {
  test('reads format, channels, rate, bits and duration of a U-law file', () => {
    expect(readWavInfo(write(wavBytes({ dataBytes: 8000 })))).toEqual({
      info: { formatCode: 7, channels: 1, sampleRate: 8000, byteRate: 8000, bitsPerSample: 8, dataBytes: 8000, durationSeconds: 1 },
    });
  });

  test('reads back whatever header it is given (seeded property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 3, 6, 7),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(8000, 16000, 22050, 44100),
        fc.constantFrom(8, 16, 32),
        fc.integer({ min: 0, max: 2000 }),
        (formatCode, channels, sampleRate, bitsPerSample, frames) => {
          const dataBytes = (frames * channels * bitsPerSample) / 8;
          const { info } = readWavInfo(write(wavBytes({ formatCode, channels, sampleRate, bitsPerSample, dataBytes })));
          expect(info).toEqual({
            formatCode,
            channels,
            sampleRate,
            byteRate: (sampleRate * channels * bitsPerSample) / 8,
            bitsPerSample,
            dataBytes,
            durationSeconds: frames / sampleRate,
          });
        },
      ),
      { seed: 14, numRuns: 60 },
    );
  });

  test('skips chunks before the data (a LIST chunk of odd length is padded)', () => {
    const plain = wavBytes({ dataBytes: 80 });
    const list = Buffer.concat([Buffer.from('LIST', 'latin1'), Buffer.from([5, 0, 0, 0]), Buffer.from('INFOx', 'latin1'), Buffer.alloc(1)]);
    const bytes = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
    expect(readWavInfo(write(bytes)).info).toMatchObject({ formatCode: 7, dataBytes: 80 });
  });

  test('reads the sub-format of WAVE_FORMAT_EXTENSIBLE', () => {
    const plain = wavBytes({ dataBytes: 16 });
    const fmt = Buffer.alloc(40);
    plain.copy(fmt, 0, 20, 36);
    fmt.writeUInt16LE(0xfffe, 0);
    fmt.writeUInt16LE(22, 16);
    fmt.writeUInt16LE(1, 24); // KSDATAFORMAT_SUBTYPE_PCM starts with 0x0001
    const bytes = Buffer.concat([plain.subarray(0, 12), Buffer.from('fmt ', 'latin1'), Buffer.from([40, 0, 0, 0]), fmt, plain.subarray(36)]);
    expect(readWavInfo(write(bytes)).info?.formatCode).toBe(1);
  });

  test.each([
    ['an MP3 file', Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000', 'latin1'), 'is not a WAV file: it has no RIFF/WAVE header'],
    ['an empty file', Buffer.alloc(0), 'is not a WAV file: it has no RIFF/WAVE header'],
    ['a header without chunks', wavBytes().subarray(0, 12), 'is not a readable WAV file: it has no fmt chunk'],
    ['a file cut after the fmt chunk', wavBytes().subarray(0, 36), 'is not a readable WAV file: it has no data chunk'],
    ['a file cut inside the audio', wavBytes({ dataBytes: 800 }).subarray(0, 444), 'is cut short: its data chunk declares 800 bytes of audio, the file holds 400'],
  ])('says what is wrong with %s', (_what, bytes, problem) => {
    expect(readWavInfo(write(bytes))).toEqual({ problem });
  });
});
