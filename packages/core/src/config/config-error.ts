import { GenieError } from '@genie/errors';

/** A config problem names the file, the key (and line when known), and what to fix. */
export function configError(file: string, where: string | null, problem: string, hint?: string): GenieError {
  const location = where ? `${file}: ${where}` : file;
  return new GenieError('CONFIG_INVALID', `Invalid config ${location}: ${problem}`, {
    hint: hint ?? `Fix ${file} (see the config section of the README), or remove the file to use the defaults.`,
    details: { file, key: where, problem },
  });
}
