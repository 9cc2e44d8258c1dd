import * as path from 'path';

/**
 * A file path as shown in messages: relative to the working folder, with `/`, when inside
 * it; as given otherwise.
 */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file.split(path.sep).join('/') : relative.split(path.sep).join('/');
}
