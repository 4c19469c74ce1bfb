import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Whether the module at `moduleUrl` is the script Node was started with. Compared as file URLs,
 * so spaces and other escaped characters, Windows drive paths and an `npx` bin symlink (Node runs
 * the real file) all match.
 */
export function isMainModule(moduleUrl: string, argv1 = process.argv[1], windows = process.platform === 'win32'): boolean {
  if (!argv1) return false;
  let path = argv1;
  try {
    path = realpathSync(argv1);
  } catch {
    // not a file here (a Windows path checked on POSIX, in tests): compare it as given
  }
  const entry = pathToFileURL(path, { windows }).href;
  // Windows file systems ignore case (c:\ and C:\ are one drive).
  return windows ? entry.toLowerCase() === moduleUrl.toLowerCase() : entry === moduleUrl;
}
