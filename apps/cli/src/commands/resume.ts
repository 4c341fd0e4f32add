import { SESSION, defineCommand, withGenie } from '../command';
import { PROMPT, TURN_OPTIONS, promptText, runTurn } from '../turn-runner';

export default defineCommand({
  command: 'resume <session> [prompt..]',
  describe: 'Continue a session with a new prompt (same session id, same agent conversation)',
  needs: 'a session',
  builder: (y) =>
    y
      .positional('session', SESSION)
      .positional('prompt', PROMPT)
      .options(TURN_OPTIONS)
      .example('$0 resume dry-run "now add tests" --no-background', 'Continue and watch the answer'),
  run: async (args, terminal) => {
    const prompt = await promptText(args, 'resume');
    return withGenie(args, terminal, (genie) =>
      runTurn(
        terminal,
        (hooks) =>
          genie.resume({
            session: args.session,
            prompt,
            ...(args.background !== undefined ? { background: args.background } : {}),
            ...hooks,
          }),
        (session) => genie.stop({ session, force: true }),
      ),
    );
  },
});
