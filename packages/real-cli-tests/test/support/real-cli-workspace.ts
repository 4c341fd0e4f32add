import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeAnthropic } from '../fake-models/fake-anthropic';
import { FakeOpenAI } from '../fake-models/fake-openai';
import { describeResult, runGenie, type GenieResult } from './genie-process';
import { linkRealClis } from './real-clis';

export type Cli = 'claude' | 'codex';

export interface SessionJson {
  sessionId: string;
  name: string | null;
  executor: string | null;
  executorSessionId: string | null;
  status: string;
  turns: number;
  answer: string | null;
  error: string | null;
  usage: Record<string, number> | null;
  costUsd: number | null;
  transcript?: TurnJson[];
  [field: string]: unknown;
}

export interface TurnJson {
  turn: number;
  prompt: string;
  status: string;
  answer: string | null;
  error: string | null;
  usage: Record<string, number> | null;
  events: Array<{ kind: string; [field: string]: unknown }>;
}

/** codex refuses to create its helper binaries under the temp directory, so its homes live here. */
const CODEX_HOMES = path.resolve(__dirname, '../../.codex-homes');

/**
 * A project directory with genie agents for the real claude and codex, each CLI isolated
 * (its own HOME, CLAUDE_CONFIG_DIR, CODEX_HOME) and pointed at fake model servers on loopback.
 */
export class RealCliWorkspace {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly anthropic: FakeAnthropic;
  readonly openai: FakeOpenAI;
  readonly claudeConfigDir: string;
  readonly codexHome: string;
  private readonly root: string;

  private constructor(anthropic: FakeAnthropic, openai: FakeOpenAI) {
    this.anthropic = anthropic;
    this.openai = openai;
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-real-cli-'));
    this.dir = path.join(this.root, 'project');
    const home = path.join(this.root, 'home');
    this.claudeConfigDir = path.join(home, '.claude');
    this.codexHome = path.join(CODEX_HOMES, randomUUID());
    for (const dir of [this.dir, this.claudeConfigDir, this.codexHome]) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(this.codexHome, 'config.toml'),
      [
        'model = "gpt-5-codex"',
        'model_provider = "fake"',
        '',
        '[model_providers.fake]',
        'name = "fake"',
        `base_url = "${openai.url}/v1"`,
        'wire_api = "responses"',
        'env_key = "FAKE_OPENAI_API_KEY"',
        'request_max_retries = 0',
        'stream_max_retries = 0',
        '',
      ].join('\n'),
    );
    const bin = linkRealClis(path.join(this.root, 'bin'));
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(ANTHROPIC_|OPENAI_|CLAUDE|CODEX_|GENIE_)/.test(name) && name !== 'FORCE_COLOR'),
    );
    this.env = {
      ...inherited,
      HOME: home,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      GENIE_CEILING_DIRECTORIES: os.tmpdir(),
      CLAUDE_CONFIG_DIR: this.claudeConfigDir,
      ANTHROPIC_BASE_URL: anthropic.url,
      ANTHROPIC_API_KEY: 'fake-anthropic-key',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_ERROR_REPORTING: '1',
      CLAUDE_CODE_MAX_RETRIES: '1',
      CODEX_HOME: this.codexHome,
      FAKE_OPENAI_API_KEY: 'fake-openai-key',
    };
    this.writeAgent('claude-helper', ['executor: claude', 'allowedTools: [Bash]']);
    this.writeAgent('codex-helper', ['executor: codex', 'sandbox: danger-full-access']);
  }

  static async create(): Promise<RealCliWorkspace> {
    const [anthropic, openai] = await Promise.all([new FakeAnthropic().start(), new FakeOpenAI().start()]);
    return new RealCliWorkspace(anthropic, openai);
  }

  async dispose(): Promise<void> {
    await Promise.all([this.anthropic.close(), this.openai.close()]);
    fs.rmSync(this.root, { recursive: true, force: true });
    fs.rmSync(this.codexHome, { recursive: true, force: true });
  }

  writeAgent(id: string, settings: string[], body = 'You are a helpful test agent.'): void {
    const file = path.join(this.dir, '.genie', 'agents', `${id}.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `---\nname: ${id}\ndescription: ${id} for the real-CLI tests\ngenie:\n${settings.map((line) => `  ${line}`).join('\n')}\n---\n${body}\n`);
  }

  agentOf(cli: Cli): string {
    return `${cli}-helper`;
  }

  genie(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<GenieResult> {
    return runGenie(args, { cwd: this.dir, env: { ...this.env, ...env }, ...(input === undefined ? {} : { input }) });
  }

  /** Runs with --json and returns the one document; `expectCode` is the exit code required. */
  async json<T = SessionJson>(args: string[], expectCode = 0, env: NodeJS.ProcessEnv = {}): Promise<T> {
    const result = await this.genie([...args, '--json'], env);
    if (result.code !== expectCode) throw new Error(`genie ${args.join(' ')}: expected exit ${expectCode}\n${describeResult(result)}`);
    try {
      return JSON.parse(result.stdout) as T;
    } catch {
      throw new Error(`genie ${args.join(' ')}: stdout is not one JSON document\n${describeResult(result)}`);
    }
  }

  /** Polls the session until its turn has ended; the test timeout bounds the wait. */
  async settled(session: string): Promise<SessionJson> {
    for (;;) {
      const view = await this.json(['view', session]);
      if (view.status !== 'running' && view.status !== 'starting') return view;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** A foreground turn, exit code as the CLI gives it. */
  async turn(args: string[], expectCode = 0): Promise<SessionJson> {
    return this.json([...args, '--no-background'], expectCode);
  }
}
