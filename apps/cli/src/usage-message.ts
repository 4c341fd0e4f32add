/** What each command cannot do without, in the order of its usage line. */
const REQUIRED: Record<string, { needs: string; usage: string }> = {
  run: { needs: 'an agent', usage: 'genie run <agent> [prompt..]' },
  resume: { needs: 'a session', usage: 'genie resume <session> [prompt..]' },
  view: { needs: 'a session', usage: 'genie view <session>' },
  stop: { needs: 'a session', usage: 'genie stop <session>' },
};

/**
 * yargs words its usage errors for parser authors ("Not enough non-option arguments: got
 * 0, need at least 1"); these say what is missing in the terms of genie's own help.
 */
export function plainUsageMessage(message: string, argv: readonly string[]): string {
  if (/^Not enough non-option arguments/.test(message)) {
    const command = argv.find((arg) => Object.hasOwn(REQUIRED, arg));
    const required = command === undefined ? undefined : REQUIRED[command];
    if (required) return `genie ${command} needs ${required.needs}: ${required.usage}`;
  }
  const option = /^Not enough arguments following: (\S+)$/.exec(message)?.[1];
  if (option !== undefined) return `--${option} needs a value.`;
  return message;
}
