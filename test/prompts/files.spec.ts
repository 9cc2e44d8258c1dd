import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError } from '../../lib/config/errors';
import type { JurisdictionConfig } from '../../lib/config/schema';
import { checkPromptFiles, promptFolder } from '../../lib/prompts/files';
import { wavBytes } from '../../lib/prompts/wav';
import { exampleConfig } from '../helpers/examples';

// A config folder of its own: <root>/jurisdictions/pinecrest-benefits.yaml, audio in <root>/prompts/pinecrest-benefits/.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-prompts-'));
const configFile = path.join(root, 'jurisdictions', 'pinecrest-benefits.yaml');
const folder = path.join(root, 'prompts', 'pinecrest-benefits');
const shown = (file: string) => path.join(folder, file).split(path.sep).join('/');
fs.mkdirSync(folder, { recursive: true });
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const pinecrest = exampleConfig('pinecrest-benefits');
const withFiles = (files: JurisdictionConfig['prompts']['files'], folderSetting?: string): JurisdictionConfig => ({
  ...pinecrest,
  prompts: { folder: folderSetting, files },
});
const problemsOf = (config: JurisdictionConfig): readonly string[] => {
  try {
    checkPromptFiles(config, configFile);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('recorded prompt files', () => {
  test('are looked for in prompts/<id> of the config folder, or the folder prompts.folder names there', () => {
    expect(promptFolder(withFiles([]), configFile)).toBe(folder);
    expect(promptFolder(withFiles([], 'audio/shared'), configFile)).toBe(path.join(root, 'audio', 'shared'));
  });

  test('a file Amazon Connect plays passes, with its name and description', () => {
    fs.writeFileSync(path.join(folder, 'welcome.wav'), wavBytes());
    expect(checkPromptFiles(withFiles([{ name: 'welcome', file: 'welcome.wav', description: 'Welcome' }]), configFile)).toEqual({
      folder,
      prompts: [{ name: 'welcome', file: 'welcome.wav', description: 'Welcome' }],
    });
  });

  test('a missing file is named with the key that lists it and the files the folder holds', () => {
    fs.writeFileSync(path.join(folder, 'welcome.wav'), wavBytes());
    expect(problemsOf(withFiles([{ name: 'welcome', file: 'welcom.wav' }]))).toEqual([
      `${configFile}: prompts.files[0].file: "welcom.wav" does not exist in ${folder.split(path.sep).join('/')}, did you mean "welcome.wav"? (.wav files there: welcome.wav)`,
    ]);
  });

  test('a missing prompts folder is named', () => {
    expect(problemsOf(withFiles([{ name: 'welcome', file: 'welcome.wav' }], 'nowhere'))).toEqual([
      `${configFile}: prompts.files[0].file: "welcome.wav" cannot be found: the prompts folder ${path.join(root, 'nowhere').split(path.sep).join('/')} does not exist (create it, or set prompts.folder, relative to the config folder)`,
    ]);
  });

  test('a file of 50 MB or more is too large (checked before it is read)', () => {
    const file = path.join(folder, 'huge.wav');
    fs.writeFileSync(file, wavBytes());
    fs.truncateSync(file, 50_000_000); // sparse: no disk is used
    expect(problemsOf(withFiles([{ name: 'huge', file: 'huge.wav' }]))).toEqual([
      `${shown('huge.wav')}: is 50000000 bytes, too large (Amazon Connect prompts are smaller than 50 MB, 50000000 bytes)`,
    ]);
  });

  test('a CD-quality stereo PCM file gets one line per requirement it misses', () => {
    fs.writeFileSync(path.join(folder, 'music.wav'), wavBytes({ formatCode: 1, channels: 2, sampleRate: 44100, bitsPerSample: 16, dataBytes: 400 }));
    const convert = 'convert it with e.g. "ffmpeg -i in.wav -ar 8000 -ac 1 -acodec pcm_mulaw out.wav"';
    expect(problemsOf(withFiles([{ name: 'music', file: 'music.wav' }]))).toEqual([
      `${shown('music.wav')}: encoding is PCM (format 1) (U-law, format 7: ${convert})`,
      `${shown('music.wav')}: sample rate is 44100 Hz (8000 Hz: ${convert})`,
      `${shown('music.wav')}: has 2 channels (mono, 1 channel: ${convert})`,
    ]);
  });

  test('a file that is not WAV at all says what Amazon Connect plays', () => {
    fs.writeFileSync(path.join(folder, 'song.wav'), Buffer.from('ID3\u0004 not really audio', 'latin1'));
    expect(problemsOf(withFiles([{ name: 'song', file: 'song.wav' }]))).toEqual([
      `${shown('song.wav')}: is not a WAV file: it has no RIFF/WAVE header (Amazon Connect prompts are .wav files, 8 kHz mono U-law: convert it with e.g. "ffmpeg -i in.wav -ar 8000 -ac 1 -acodec pcm_mulaw out.wav")`,
    ]);
  });

  test('five minutes or more of audio is too long', () => {
    const file = path.join(folder, 'long.wav');
    fs.writeFileSync(file, wavBytes({ dataBytes: 8000 * 300 }).subarray(0, 44));
    fs.truncateSync(file, 44 + 8000 * 300);
    expect(problemsOf(withFiles([{ name: 'long', file: 'long.wav' }]))).toEqual([
      `${shown('long.wav')}: plays for 300.0 seconds, too long (Amazon Connect prompts are shorter than five minutes, 300 seconds)`,
    ]);
  });

  test('every problem of every file is reported at once', () => {
    fs.writeFileSync(path.join(folder, 'stereo.wav'), wavBytes({ channels: 2, dataBytes: 16 }));
    expect(problemsOf(withFiles([{ name: 'a', file: 'absent.wav' }, { name: 'b', file: 'stereo.wav' }]))).toHaveLength(2);
  });

  test('a jurisdiction without prompts reads nothing, not even the folder', () => {
    expect(checkPromptFiles(withFiles([], 'nowhere'), configFile)).toEqual({ folder: path.join(root, 'nowhere'), prompts: [] });
  });
});
